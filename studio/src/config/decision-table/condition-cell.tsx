/**
 * One cell of a decision table: the condition(s) a rule puts on one fact — an operator offered
 * by the fact's type (`operatorsFor`) and a typed value — or "any" when the rule does not test
 * the fact. A number fact may hold a range (a lower and an upper bound).
 */
import { Button, Select, Space, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FactCondition, Operator, Unit } from '../../../../engine/index';
import { operatorsFor } from '../../../../engine/rules/fact-types';
import type { FactInfo } from './fact-catalog';
import type { CellCondition, CellValue } from './table-edits';
import { defaultValue, valueForOperator } from './typed-values';
import { ValueEditor } from './value-editor';

const OPPOSITE: Partial<Record<Operator, Operator>> = {
  greaterThan: 'lessThan',
  greaterThanInclusive: 'lessThan',
  lessThan: 'greaterThanInclusive',
  lessThanInclusive: 'greaterThanInclusive',
};

export interface ConditionCellProps {
  info: FactInfo;
  leaves: readonly FactCondition[] | undefined;
  onChange: (cell: CellValue) => void;
  units: readonly Unit[];
  disabled: boolean;
  testId: string;
}

export function ConditionCell({ info, leaves, onChange, units, disabled, testId }: ConditionCellProps) {
  const { t } = useTranslation();
  const operators = operatorsFor(info.type);
  if (!leaves || leaves.length === 0) {
    if (!operators || disabled) return <span className="muted">{t('decisionTable.any')}</span>;
    const start = (): void => {
      const operator = operators[0];
      onChange({ operator, value: defaultValue(info, operator, units) });
    };
    return (
      <Button size="small" type="dashed" onClick={start} data-testid={testId} data-empty="true">
        {t('decisionTable.any')} ＋
      </Button>
    );
  }
  const conditions: CellCondition[] = leaves.map((l) => ({ operator: l.operator, value: l.value }));
  const emit = (next: CellCondition[]) => onChange(next.length === 0 ? null : next.length === 1 ? next[0] : [next[0], next[1]]);
  const setAt = (i: number, c: CellCondition) => emit(conditions.map((x, n) => (n === i ? c : x)));
  // a fact the editors cannot type: the condition is shown, and stays as it is
  if (!operators) return <code title={t('decisionTable.otherFact')}>{leaves.map((l) => `${l.operator} ${JSON.stringify(l.value)}`).join(' ∧ ')}</code>;
  const single = conditions.length === 1 ? conditions[0] : null;
  const canRange = info.type.kind === 'number' && single && OPPOSITE[single.operator] !== undefined;
  return (
    <Space orientation="vertical" size={2} data-testid={testId}>
      {conditions.map((c, i) => (
        <Space key={i} size={2} wrap={false}>
          <Select
            size="small"
            disabled={disabled}
            value={c.operator}
            popupMatchSelectWidth={false}
            style={{ minWidth: 76 }}
            // in a range each bound keeps its side: the operators of that side only
            options={(conditions.length === 2 ? operators.filter((o) => (o.startsWith('less') ? 'less' : o.startsWith('greater') ? 'greater' : '') === (c.operator.startsWith('less') ? 'less' : 'greater')) : operators).map((o) => ({ value: o, label: t(`operator.${o}`).replace(/（.*）|\s*\(.*\)/, '') }))}
            onChange={(operator: Operator) => setAt(i, { operator, value: valueForOperator(c.value, operator) })}
            data-testid={`${testId}-op${i}`}
          />
          <ValueEditor info={info} operator={c.operator} value={c.value} units={units} disabled={disabled} onChange={(value) => setAt(i, { ...c, value })} testId={`${testId}-v${i}`} />
          {!disabled && conditions.length === 2 && (
            <Tooltip title={t('decisionTable.removeBound')}>
              <Button size="small" type="text" onClick={() => emit(conditions.filter((_, n) => n !== i))}>−</Button>
            </Tooltip>
          )}
        </Space>
      ))}
      {!disabled && (
        <Space size={2}>
          {canRange && (
            <Tooltip title={t('decisionTable.addBound')}>
              <Button size="small" type="text" onClick={() => emit([single, { operator: OPPOSITE[single.operator]!, value: single.value }])} data-testid={`${testId}-range`}>↔</Button>
            </Tooltip>
          )}
          <Tooltip title={t('decisionTable.clearCondition')}>
            <Button size="small" type="text" danger onClick={() => onChange(null)} data-testid={`${testId}-clear`}>×</Button>
          </Tooltip>
        </Space>
      )}
    </Space>
  );
}
