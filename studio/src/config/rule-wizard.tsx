/**
 * A new rule from plain fields — scope, conditions (fact, operator, value), and the decision —
 * appended to the rules section, where monaco shows it for any finer editing.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DERIVED_FACTS, HANDLING_KINDS, OPERATORS, PLATFORMS, type Form, type MajorCategory, type Operator, type Rule, type SlaPolicy, type Unit } from '../../../engine/index';
import { useLabel } from '../i18n/use-label';
import { composePreview } from './compose-preview';
import { NameFields } from './name-fields';
import { conditionsOf, routeTarget, type ConditionRow, type TargetChoice } from './rule-edits';
import type { Draft } from './use-draft';

type Kind = 'route' | 'grade' | 'sla' | 'tag';
const TARGETS = ['platform', 'village', 'township-command', 'county-command', 'department', 'unit'] as const;

export function RuleWizard({ draft, onAdded }: { draft: Draft; onAdded: () => void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const rules = (Array.isArray(draft.values.rules) ? draft.values.rules : []) as Rule[];
  const categories = (Array.isArray(draft.values.categories) ? draft.values.categories : []) as MajorCategory[];
  const forms = (Array.isArray(draft.values.forms) ? draft.values.forms : []) as Form[];
  const units = (Array.isArray(draft.values.units) ? draft.values.units : []) as Unit[];
  const policies = ((draft.values.sla as { policies?: SlaPolicy[] } | undefined)?.policies ?? []) as SlaPolicy[];
  const [id, setId] = useState('');
  const [name, setName] = useState({ zh: '', en: '' });
  const [priority, setPriority] = useState(10);
  const [scope, setScope] = useState('');
  const [combinator, setCombinator] = useState<'all' | 'any'>('all');
  const [rows, setRows] = useState<ConditionRow[]>([{ fact: '', operator: 'equal', value: '' }]);
  const [kind, setKind] = useState<Kind>('route');
  const [target, setTarget] = useState<TargetChoice>({ type: 'platform', unit: '', platform: 'governance', domain: '' });
  const [level, setLevel] = useState(2);
  const [policy, setPolicy] = useState(policies[0]?.id ?? '');
  const [tags, setTags] = useState('');

  const facts = useMemo(() => {
    // a rule without a scope sees every category's fields
    const minors = categories.flatMap((m) => (scope === '' || scope === `major:${m.code}` ? m.children : m.children.filter((c) => scope === `category:${c.code}`)));
    const fields = new Set<string>();
    for (const minor of minors) for (const f of Object.keys((composePreview(forms, minor.form)?.schema.properties as object) ?? {})) fields.add(f);
    return [...fields, ...Object.keys(DERIVED_FACTS).filter((f) => kind !== 'grade' || f !== 'level')];
  }, [categories, forms, scope, kind]);

  const taken = rules.some((r) => r.id === id);
  // what the rule cannot work without: a unit for "a given unit", a domain for a department, tags for a tag rule
  const decisionMissing =
    kind === 'route' ? (target.type === 'unit' && !target.unit) || (target.type === 'department' && !target.domain)
    : kind === 'tag' ? tags.split(/[,，\s]+/).filter(Boolean).length === 0
    : kind === 'sla' ? !policy
    : false;
  // a fact no form of the scope has and the engine does not derive: the condition could never hold
  const unknownFacts = rows.map((r) => r.fact).filter((f) => f && !facts.includes(f.split('.')[0]));
  const ready = id && !taken && name.zh && name.en && rows.some((r) => r.fact) && !decisionMissing;

  const add = () => {
    const [scopeKind, scopeCode] = scope.split(':');
    const event: Rule['event'] =
      kind === 'route' ? { type: 'route', params: { target: routeTarget(target) } }
      : kind === 'grade' ? { type: 'grade', params: { level: level as 1 } }
      : kind === 'sla' ? { type: 'sla', params: { policy } }
      : { type: 'tag', params: { tags: tags.split(/[,，\s]+/).filter(Boolean) } };
    const rule: Rule = { id, name, priority, ...(scopeKind === 'category' ? { scope: { category: scopeCode } } : scopeKind === 'major' ? { scope: { major: scopeCode } } : {}), conditions: conditionsOf(rows, combinator), event };
    draft.setValue('rules', [...rules, rule]);
    onAdded();
  };

  const setRow = (i: number, row: Partial<ConditionRow>) => setRows(rows.map((r, n) => (n === i ? { ...r, ...row } : r)));
  return (
    <div className="rule-wizard" data-testid="rule-wizard">
      <div className="inline-form">
        <label className="field inline"><span>ID</span><input name="rule-id" value={id} onChange={(e) => setId(e.target.value.trim())} /></label>
        <NameFields prefix="rule" value={name} onChange={setName} />
        <label className="field inline"><span>{t('rules.priority')}</span><input name="rule-priority" type="number" min={1} max={1000} value={priority} onChange={(e) => setPriority(Number(e.target.value) || 1)} style={{ width: 80 }} /></label>
        <label className="field inline">
          <span>{t('rules.scope')}</span>
          <select name="rule-scope" value={scope} onChange={(e) => setScope(e.target.value)}>
            <option value="">{t('rules.everyEvent')}</option>
            {categories.map((m) => (
              <optgroup key={m.code} label={`${m.code} ${label(m.name)}`}>
                <option value={`major:${m.code}`}>{t('rules.wholeMajor', { name: label(m.name) })}</option>
                {m.children.map((c) => <option key={c.code} value={`category:${c.code}`}>{c.code} {label(c.name)}</option>)}
              </optgroup>
            ))}
          </select>
        </label>
      </div>
      <div className="conditions-editor">
        <select name="rule-combinator" value={combinator} onChange={(e) => setCombinator(e.target.value as 'all' | 'any')} aria-label={t('rules.combinator')}>
          <option value="all">{t('rules.all')}</option>
          <option value="any">{t('rules.any')}</option>
        </select>
        <datalist id="rule-facts">{facts.map((f) => <option key={f} value={f} />)}</datalist>
        {rows.map((row, i) => (
          <div key={i} className="inline-form condition-row">
            <input name={`cond-fact-${i}`} list="rule-facts" placeholder={t('explain.fact')} value={row.fact} onChange={(e) => setRow(i, { fact: e.target.value.trim() })} />
            <select name={`cond-op-${i}`} value={row.operator} onChange={(e) => setRow(i, { operator: e.target.value as Operator })}>
              {OPERATORS.map((o) => <option key={o} value={o}>{t(`operator.${o}`)}</option>)}
            </select>
            <input name={`cond-value-${i}`} placeholder={t('explain.value')} value={row.value} onChange={(e) => setRow(i, { value: e.target.value })} />
            {rows.length > 1 && <button type="button" className="link-button danger" onClick={() => setRows(rows.filter((_, n) => n !== i))}>{t('common.delete')}</button>}
          </div>
        ))}
        <button type="button" className="link-button" onClick={() => setRows([...rows, { fact: '', operator: 'equal', value: '' }])}>+ {t('rules.addCondition')}</button>
      </div>
      <div className="inline-form">
        <label className="field inline">
          <span>{t('rules.then')}</span>
          <select name="rule-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            {(['route', 'grade', 'sla', 'tag'] as const).map((k) => <option key={k} value={k}>{t(`decisionType.${k}`)}</option>)}
          </select>
        </label>
        {kind === 'route' && (
          <>
            <select name="rule-target" value={target.type} onChange={(e) => setTarget({ ...target, type: e.target.value as TargetChoice['type'] })} aria-label={t('rules.target')}>
              {TARGETS.map((x) => <option key={x} value={x}>{t(`target.${x}`)}</option>)}
            </select>
            {target.type === 'platform' && (
              <select name="rule-platform" value={target.platform} onChange={(e) => setTarget({ ...target, platform: e.target.value })}>
                {PLATFORMS.map((p) => <option key={p} value={p}>{t(`platform.${p}`)}</option>)}
              </select>
            )}
            {target.type === 'department' && <input name="rule-domain" placeholder={t('units.domains')} value={target.domain} onChange={(e) => setTarget({ ...target, domain: e.target.value.trim() })} />}
            {target.type === 'unit' && (
              <select name="rule-unit" value={target.unit} onChange={(e) => setTarget({ ...target, unit: e.target.value })}>
                <option value="">{t('event.chooseUnit')}</option>
                {units.filter((u) => HANDLING_KINDS.includes(u.kind)).map((u) => <option key={u.id} value={u.id}>{label(u.name, u.id)}</option>)}
              </select>
            )}
          </>
        )}
        {kind === 'grade' && (
          <select name="rule-level" value={level} onChange={(e) => setLevel(Number(e.target.value))}>
            {[1, 2, 3, 4].map((l) => <option key={l} value={l}>{t('level.n', { level: l })}</option>)}
          </select>
        )}
        {kind === 'sla' && (
          <select name="rule-policy" value={policy} onChange={(e) => setPolicy(e.target.value)}>
            {policies.map((p) => <option key={p.id} value={p.id}>{label(p.name, p.id)}</option>)}
          </select>
        )}
        {kind === 'tag' && <input name="rule-tags" placeholder="after-hours, repeat" value={tags} onChange={(e) => setTags(e.target.value)} />}
        {taken && <span className="error-text">{t('units.idTaken')}</span>}
        {decisionMissing && <span className="error-text" data-testid="rule-decision-missing">{t('rules.decisionMissing')}</span>}
        {unknownFacts.length > 0 && <span className="error-text" data-testid="rule-unknown-fact">{t('rules.unknownFact', { facts: unknownFacts.join(', ') })}</span>}
        <button type="button" className="primary" disabled={!ready} onClick={add} data-action="add-rule">{t('rules.add')}</button>
      </div>
    </div>
  );
}
