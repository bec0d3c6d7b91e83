/** Building a rule from the wizard's plain fields (the JSON stays the source of truth). */
import type { FactCondition, Operator, RouteTarget, Rule, Scalar } from '../../../engine/index';

export interface ConditionRow {
  fact: string;
  operator: Operator;
  value: string;
}

/** "12" → 12, "true" → true, "a, b" → ["a","b"] for in/notIn, else the text. */
export function parseValue(text: string, operator: Operator): Scalar | Scalar[] {
  const one = (s: string): Scalar => {
    const v = s.trim();
    if (v === 'true') return true;
    if (v === 'false') return false;
    if (v === 'null') return null;
    if (v !== '' && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
    return v;
  };
  if (operator === 'in' || operator === 'notIn') return text.split(/[,，]/).map(one);
  return one(text);
}

export type TargetChoice = { type: RouteTarget['type']; unit: string; platform: string; domain: string };

export function routeTarget(choice: TargetChoice): RouteTarget {
  switch (choice.type) {
    case 'unit':
      return { type: 'unit', unit: choice.unit };
    case 'platform':
      return { type: 'platform', platform: choice.platform as 'market' };
    case 'department':
      return { type: 'department', domain: choice.domain };
    case 'village':
    case 'township-command':
    case 'county-command':
      return { type: choice.type };
    default: {
      const never: never = choice.type;
      throw new Error(`unknown target ${String(never)}`);
    }
  }
}

export function conditionsOf(rows: readonly ConditionRow[], combinator: 'all' | 'any'): Rule['conditions'] {
  const leaves: FactCondition[] = rows.filter((r) => r.fact).map((r) => ({ fact: r.fact, operator: r.operator, value: parseValue(r.value, r.operator) }));
  return combinator === 'all' ? { all: leaves } : { any: leaves };
}
