/**
 * The rules tab: every rule of a scope (every event, a major category, a minor category) and a
 * decision type as one decision table, read from and written to the draft's `rules` section.
 * The scope, type and highlighted rule live in the address (`?scope=…&type=…&rule=…`), so the
 * test bench can link a winning rule to its row.
 */
import { Alert, Button, Card, Select, Segmented, Space, TreeSelect } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DECISION_TYPES, type DecisionType, type Form, type I18nText, type MajorCategory, type Rule, type SlaPolicy, type Unit } from '../../../../engine/index';
import { useLabel } from '../../i18n/use-label';
import { navigate, useRoute, withQuery } from '../../router/router';
import { levelChoices } from '../level-names';
import type { Draft } from '../use-draft';
import type { SummaryWords } from './condition-summary';
import { DecisionTableView } from './decision-table-view';
import { factCatalog, type FactInfo } from './fact-catalog';
import { JsonValueEditor } from './json-value-editor';
import type { OutputContext } from './output-editors';
import { addRow, newRuleId } from './table-edits';
import { addColumn, buildTable, unreadableRules } from './table-model';
import { parseScopeKey, scopeKey, type TableScope } from './table-scope';
import './decision-table.css';

const list = <T,>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

function defaultEvent(type: DecisionType, ctx: { policies: readonly SlaPolicy[]; levels: readonly { level: number }[]; text: (key: string) => I18nText }): Rule['event'] {
  switch (type) {
    case 'grade':
      return { type, params: { level: (ctx.levels[0]?.level ?? 1) as 1 } };
    case 'route':
      return { type, params: { target: { type: 'township-command' } } };
    case 'sla':
      return { type, params: { policy: ctx.policies[0]?.id ?? '' } };
    case 'escalate':
      return { type, params: { target: { type: 'county-command' }, reason: ctx.text('decisionTable.defaultReason') } };
    case 'tag':
      return { type, params: { tags: ['tag'] } };
    case 'notify':
      return { type, params: { to: { type: 'township-command' }, channels: ['app'], message: ctx.text('decisionTable.defaultMessage') } };
    default: {
      const never: never = type;
      throw new Error(`unknown decision type ${String(never)}`);
    }
  }
}

export default function DecisionTablesTab({ draft }: { draft: Draft }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const route = useRoute();
  const scope: TableScope = parseScopeKey(route.query.get('scope')) ?? { kind: 'all' };
  const typeParam = route.query.get('type');
  const type: DecisionType = (DECISION_TYPES as readonly string[]).includes(typeParam ?? '') ? (typeParam as DecisionType) : 'route';
  const highlight = route.query.get('rule');
  const [extra, setExtra] = useState<{ key: string; facts: string[] }>({ key: '', facts: [] });
  const tableKey = `${scopeKey(scope)}|${type}`;
  const extraColumns = extra.key === tableKey ? extra.facts : [];

  const rulesValue = draft.values.rules;
  const rules = useMemo(() => list<unknown>(rulesValue), [rulesValue]);
  const categories = useMemo(() => list<MajorCategory>(draft.values.categories).filter((m) => m && typeof m.code === 'string'), [draft.values.categories]);
  const forms = useMemo(() => list<Form>(draft.values.forms), [draft.values.forms]);
  const units = useMemo(() => list<Unit>(draft.values.units).filter((u) => u && typeof u.id === 'string'), [draft.values.units]);
  const policies = useMemo(() => list<SlaPolicy>((draft.values.sla as { policies?: unknown } | null)?.policies), [draft.values.sla]);
  const levels = useMemo(() => levelChoices(draft.document ?? (draft.values.general as object | undefined)), [draft.document, draft.values.general]);
  const facts = useMemo(() => factCatalog({ categories, forms, units, levels }, scope, type), [categories, forms, units, levels, tableKey]); // eslint-disable-line react-hooks/exhaustive-deps
  const table = useMemo(() => buildTable(rules, scope, type, extraColumns), [rules, tableKey, extraColumns]); // eslint-disable-line react-hooks/exhaustive-deps
  const knownTags = useMemo(() => [...new Set(rules.flatMap((r) => ((r as Rule)?.event?.type === 'tag' ? list<string>((r as Rule & { event: { params: { tags: unknown } } }).event.params.tags) : [])))], [rules]);
  const ctx: OutputContext = useMemo(() => ({ units, policies, levels, knownTags, disabled: !draft.editable }), [units, policies, levels, knownTags, draft.editable]);
  const issues = useMemo(() => (draft.compiled ? (draft.compiled.ok ? draft.compiled.value.warnings : draft.compiled.issues) : []), [draft.compiled]);
  const unreadable = useMemo(() => unreadableRules(rules), [rules]);

  const factLabel = useCallback((info: FactInfo) => (info.label ? label(info.label, info.fact) : t(`decisionTable.fact.${info.fact}`, { defaultValue: info.fact })), [label, t]);
  const words: SummaryWords = useMemo(
    () => ({
      and: t('decisionTable.and'),
      or: t('decisionTable.or'),
      not: t('decisionTable.not'),
      fact: (fact) => {
        const info = facts.get(fact);
        return info ? factLabel(info) : fact;
      },
      value: (fact, value) => {
        const option = facts.get(fact)?.options?.find((o) => o.value === value);
        if (option) return label(option.label);
        if (typeof value === 'boolean') return t(value ? 'decisionTable.yes' : 'decisionTable.no');
        return JSON.stringify(value);
      },
    }),
    [facts, factLabel, label, t],
  );

  const scopeTree = useMemo(
    () => [
      { value: 'all', title: t('decisionTable.scopeAll') },
      ...categories.map((m) => ({
        value: `major:${m.code}`,
        title: t('decisionTable.scopeMajor', { name: label(m.name, m.code) }),
        children: list<{ code: string; name: I18nText }>(m.children).map((c) => ({ value: `category:${c.code}`, title: label(c.name, c.code) })),
      })),
    ],
    [categories, label, t],
  );

  const go = (changes: Record<string, string | null>) => navigate(withQuery(route, { ...changes, rule: null }), { replace: true });
  const setRules = (next: unknown[]) => draft.setValue('rules', next);
  const text = (key: string): I18nText => ({ zh: i18n.getFixedT('zh')(key), en: i18n.getFixedT('en')(key) });
  const add = () => setRules(addRow(rules, table, { id: newRuleId(rules, type), name: text('decisionTable.newRule'), event: defaultEvent(type, { policies, levels, text }) }));
  const available = [...facts.values()].filter((f) => !table.columns.includes(f.fact));

  if (draft.values.rules === undefined || !Array.isArray(draft.values.rules)) {
    return <Alert type="error" showIcon title={t('bench.needsCompile', { count: draft.parseProblems.length || 1 })} />;
  }
  return (
    <div className="decision-tables" data-testid="decision-tables">
      <Space wrap className="dt-toolbar" align="center">
        <label className="dt-field">
          <span>{t('decisionTable.scope')}</span>
          <TreeSelect
            data-testid="dt-scope"
            style={{ minWidth: 240 }}
            value={scopeKey(scope)}
            treeData={scopeTree}
            showSearch
            treeNodeFilterProp="title"
            popupMatchSelectWidth={false}
            onChange={(v: string) => go({ scope: v })}
          />
        </label>
        <Segmented
          data-testid="dt-type"
          value={type}
          onChange={(v) => go({ type: String(v) })}
          options={DECISION_TYPES.map((d) => ({ value: d, label: <span data-type={d}>{t(`decisionType.${d}`)}</span> }))}
        />
        <span className="muted">{t('decisionTable.rowCount', { count: table.rows.length })}</span>
      </Space>
      {!draft.editable && <Alert type="info" showIcon title={t('decisionTable.readOnly')} />}
      {unreadable.length > 0 && (
        <Card size="small" className="dt-unreadable" title={t('decisionTable.unreadable', { count: unreadable.length })}>
          {unreadable.map(({ index, rule }) => (
            <JsonValueEditor key={index} value={rule} disabled={!draft.editable} testId={`unreadable-${index}`} onApply={(v) => setRules(rules.map((r, i) => (i === index ? v : r)))} />
          ))}
        </Card>
      )}
      <DecisionTableView rules={rules} table={table} facts={facts} factLabel={factLabel} words={words} ctx={ctx} issues={issues} highlight={highlight} onRules={setRules} />
      {draft.editable && (
        <Space wrap className="dt-actions">
          <Button type="primary" onClick={add} data-testid="dt-add-row">＋ {t('decisionTable.addRow')}</Button>
          <Select
            data-testid="dt-add-column"
            style={{ minWidth: 240 }}
            placeholder={`＋ ${t('decisionTable.addColumn')}`}
            value={null}
            showSearch={{ optionFilterProp: 'label' }}
            popupMatchSelectWidth={false}
            onChange={(fact: string) => setExtra({ key: tableKey, facts: addColumn(table, fact).columns })}
            options={available.map((f) => ({ value: f.fact, label: `${factLabel(f)} (${f.fact})` }))}
          />
        </Space>
      )}
    </div>
  );
}
