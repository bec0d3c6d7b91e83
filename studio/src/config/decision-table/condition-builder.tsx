/**
 * The condition builder for rules too nested for a table row: react-querybuilder with its antd
 * controls, fields from the fact catalog, operators from the fact's type and the same typed
 * value editors as the table. Conditions go in and out through condition-query.ts.
 */
import { QueryBuilderAntD } from '@react-querybuilder/antd';
import { Modal, type ButtonProps } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryBuilder, type Field, type ValueEditorProps } from 'react-querybuilder';
import 'react-querybuilder/dist/query-builder.css';
import type { ConditionNode, Operator, Unit } from '../../../../engine/index';
import { operatorsFor } from '../../../../engine/rules/fact-types';
import { fromQuery, toQuery, type ConditionQuery } from './condition-query';
import { unknownFact, type FactInfo } from './fact-catalog';
import { defaultValue } from './typed-values';
import { ValueEditor } from './value-editor';

export interface ConditionBuilderProps {
  title: string;
  conditions: unknown;
  facts: ReadonlyMap<string, FactInfo>;
  factLabel: (info: FactInfo) => string;
  units: readonly Unit[];
  disabled: boolean;
  onApply: (conditions: ConditionNode) => void;
  onClose: () => void;
}

interface BuilderContext {
  facts: ReadonlyMap<string, FactInfo>;
  units: readonly Unit[];
  disabled: boolean;
}

/** The table's typed value editor inside the builder (module level: a component made per render would remount on every key). */
function RqbValueEditor(props: ValueEditorProps) {
  const { facts, units, disabled } = props.context as BuilderContext;
  const info = facts.get(props.field) ?? unknownFact(props.field);
  return <ValueEditor info={info} operator={props.operator as Operator} value={props.value} units={units} disabled={disabled} onChange={(v) => props.handleOnChange(v)} testId={`qb-value-${props.path.join('-')}`} />;
}

const OPERATORS_ALL: Operator[] = ['equal', 'notEqual', 'in', 'notIn', 'contains', 'doesNotContain', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'];

export function ConditionBuilder({ title, conditions, facts, factLabel, units, disabled, onApply, onClose }: ConditionBuilderProps) {
  const { t } = useTranslation();
  const initial = useMemo(() => toQuery(conditions), [conditions]);
  const [query, setQuery] = useState<ConditionQuery | null>(initial.ok ? initial.query : null);
  const infoOf = (field: string): FactInfo => facts.get(field) ?? unknownFact(field);
  const fields = useMemo<Field[]>(() => {
    const list: Field[] = [...facts.values()].map((info) => ({ name: info.fact, label: factLabel(info) }));
    // facts the conditions test that the catalog does not know (a path, another form's field) stay shown
    const seen = new Set(list.map((f) => f.name));
    const walk = (q: ConditionQuery) => q.rules.forEach((r) => ('rules' in r ? walk(r as ConditionQuery) : !seen.has(r.field) && (seen.add(r.field), list.push({ name: r.field, label: r.field }))));
    if (query) walk(query);
    return list;
  }, [facts, factLabel, query]);
  const operatorOptions = (field: string) => (operatorsFor(infoOf(field).type) ?? OPERATORS_ALL).map((o) => ({ name: o, value: o, label: t(`operator.${o}`).replace(/（.*）|\s*\(.*\)/, '') }));

  return (
    <Modal
      open
      width={Math.min(960, typeof window !== 'undefined' ? window.innerWidth - 16 : 960)}
      title={title}
      onCancel={onClose}
      okText={t('decisionTable.apply')}
      cancelText={t('decisionTable.cancel')}
      okButtonProps={{ disabled: disabled || !query, 'data-testid': 'builder-apply' } as ButtonProps}
      onOk={() => {
        if (query) onApply(fromQuery(query));
        onClose();
      }}
      destroyOnHidden
    >
      <div className="dt-builder" data-testid="condition-builder">
        {query ? (
          <QueryBuilderAntD>
            <QueryBuilder
              query={query}
              onQueryChange={(q) => setQuery(q as ConditionQuery)}
              fields={fields}
              combinators={[{ name: 'and', value: 'and', label: t('decisionTable.combinatorAll') }, { name: 'or', value: 'or', label: t('decisionTable.combinatorAny') }]}
              getOperators={(field) => operatorOptions(field)}
              getDefaultValue={(rule) => defaultValue(infoOf(rule.field), rule.operator as Operator, units)}
              controlElements={{ valueEditor: RqbValueEditor }}
              context={{ facts, units, disabled } satisfies BuilderContext}
              showNotToggle
              resetOnFieldChange
              disabled={disabled}
              translations={{ addRule: { label: `+ ${t('decisionTable.condition')}` }, addGroup: { label: `+ ${t('decisionTable.group')}` }, notToggle: { label: t('decisionTable.not') } }}
            />
          </QueryBuilderAntD>
        ) : (
          <p className="error-text">{!initial.ok && initial.reason}</p>
        )}
      </div>
    </Modal>
  );
}
