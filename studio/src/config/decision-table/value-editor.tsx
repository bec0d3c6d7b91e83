/**
 * The value of one condition, edited with a control typed from its fact: options by their labels,
 * yes/no as a switch, numbers within the field's bounds, units from the unit tree. Each control
 * can only produce a value of the fact's type, so a mistyped value cannot come from the table.
 */
import { Input, InputNumber, Select, Switch, TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Operator, Unit } from '../../../../engine/index';
import { useLabel } from '../../i18n/use-label';
import type { FactInfo } from './fact-catalog';
import { unitTreeData } from './unit-options';


type Scalar = string | number | boolean | null;
const isList = (operator: string) => operator === 'in' || operator === 'notIn';

export interface ValueEditorProps {
  info: FactInfo;
  operator: Operator;
  value: unknown;
  onChange: (value: Scalar | Scalar[]) => void;
  units: readonly Unit[];
  disabled?: boolean;
  testId?: string;
}

export function ValueEditor({ info, operator, value, onChange, units, disabled, testId }: ValueEditorProps) {
  const { t } = useTranslation();
  const label = useLabel();
  const list = isList(operator);
  const tree = useMemo(() => (info.editor === 'unit' ? unitTreeData(units, label, (u) => u.kind === info.unitKind) : []), [info.editor, info.unitKind, units, label]);
  const common = { disabled, 'data-testid': testId, size: 'small' as const };
  switch (info.editor) {
    case 'switch':
      if (list) {
        return <Select {...common} mode="multiple" style={{ minWidth: 110 }} value={(value as boolean[]) ?? []} onChange={(v: boolean[]) => onChange(v)} options={[{ value: true, label: t('decisionTable.yes') }, { value: false, label: t('decisionTable.no') }]} />;
      }
      return <Switch {...common} checked={value === true} onChange={(v) => onChange(v)} checkedChildren={t('decisionTable.yes')} unCheckedChildren={t('decisionTable.no')} />;
    case 'select':
    case 'multi': {
      const options = (info.options ?? []).map((o) => ({ value: o.value as string | number, label: label(o.label, String(o.value)) }));
      return (
        <Select
          {...common}
          mode={list ? 'multiple' : undefined}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ minWidth: 130 }}
          popupMatchSelectWidth={false}
          value={(value as string | number | Array<string | number>) ?? undefined}
          onChange={(v: Scalar | Scalar[]) => onChange(v)}
          options={options}
        />
      );
    }
    case 'unit':
      return (
        <TreeSelect
          {...common}
          multiple={list}
          showSearch
          treeNodeFilterProp="title"
          treeDefaultExpandAll={false}
          style={{ minWidth: 160 }}
          popupMatchSelectWidth={false}
          value={(value as string | string[]) ?? undefined}
          onChange={(v: string | string[]) => onChange(v)}
          treeData={tree}
        />
      );
    case 'number': {
      const bounds = info.type.kind === 'number' ? info.type : { integer: false, minimum: undefined, maximum: undefined };
      const clamp = (n: number) => Math.min(bounds.maximum ?? Infinity, Math.max(bounds.minimum ?? -Infinity, bounds.integer ? Math.round(n) : n));
      if (list) {
        const values = Array.isArray(value) ? (value as number[]) : [];
        return (
          <Select
            {...common}
            mode="tags"
            style={{ minWidth: 120 }}
            value={values.map(String)}
            onChange={(v: string[]) => onChange([...new Set(v.map(Number).filter((n) => Number.isFinite(n)).map(clamp))])}
            options={[]}
          />
        );
      }
      return (
        <InputNumber
          {...common}
          min={bounds.minimum}
          max={bounds.maximum}
          precision={bounds.integer ? 0 : undefined}
          value={typeof value === 'number' ? value : null}
          onChange={(v) => typeof v === 'number' && Number.isFinite(v) && onChange(clamp(v))}
          style={{ width: 96 }}
        />
      );
    }
    case 'text':
      if (list) {
        return <Select {...common} mode="tags" style={{ minWidth: 140 }} value={Array.isArray(value) ? (value as string[]) : []} onChange={(v: string[]) => onChange(v)} options={[]} />;
      }
      return <Input {...common} style={{ width: 140 }} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)} />;
    case 'none':
      return <code title={t('decisionTable.otherFact')}>{JSON.stringify(value)}</code>;
    default: {
      const never: never = info.editor;
      throw new Error(`unknown editor ${String(never)}`);
    }
  }
}
