/** Values of a fact's type for the cell editors: a start value for a new condition, and the value kept when the operator changes. */
import type { Operator, Unit } from '../../../../engine/index';
import type { FactInfo } from './fact-catalog';

type Scalar = string | number | boolean | null;
const isList = (operator: string) => operator === 'in' || operator === 'notIn';

/** A value of the fact's type to start a new condition with. */
export function defaultValue(info: FactInfo, operator: Operator, units: readonly Unit[]): Scalar | Scalar[] {
  const one = ((): Scalar => {
    switch (info.editor) {
      case 'switch':
        return true;
      case 'select':
      case 'multi':
        return info.options?.[0]?.value ?? null;
      case 'unit':
        return units.find((u) => u.kind === info.unitKind)?.id ?? null;
      case 'number':
        return info.type.kind === 'number' ? (info.type.minimum ?? 0) : 0;
      case 'text':
        return '';
      case 'none':
        return null;
      default: {
        const never: never = info.editor;
        throw new Error(`unknown editor ${String(never)}`);
      }
    }
  })();
  return isList(operator) ? [one] : one;
}

/** The value carried over when the operator changes (a list for in/notIn, one value otherwise). */
export function valueForOperator(value: unknown, operator: Operator): Scalar | Scalar[] {
  const list = Array.isArray(value) ? (value as Scalar[]) : value === undefined ? [] : [value as Scalar];
  return isList(operator) ? list : (list[0] ?? null);
}
