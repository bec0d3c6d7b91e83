/**
 * Every rule in the event's scope, fired or not (engine `explainRules`): for a miss, the
 * conditions that failed with the value the fact had; for a hit, every condition. Each rule links
 * to its row in its decision table, where the row is highlighted.
 */
import { Segmented, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DECISION_TYPES, type CompiledConfig, type RulesExplanation } from '../../../../engine/index';
import { useLabel } from '../../i18n/use-label';
import { Link } from '../../router/link';
import { useRoute, withQuery } from '../../router/router';
import { levelChoices } from '../level-names';
import { factCatalog } from './fact-catalog';
import { scopeKey, scopeOfRule } from './table-scope';
import './bench-outcomes.css';

const show = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v));

/** Where a rule's row is: the rules tab at its scope and type, the row highlighted. */
export function useRuleRowLink(): (ruleId: string, compiled: CompiledConfig) => string | null {
  const route = useRoute();
  return (ruleId, compiled) => {
    const rule = compiled.ruleById(ruleId);
    const scope = rule ? scopeOfRule(rule) : null;
    if (!rule || !scope) return null;
    return withQuery(route, { tab: 'rules', scope: scopeKey(scope), type: rule.event.type, rule: ruleId });
  };
}

export function RuleOutcomesView({ compiled, outcomes }: { compiled: CompiledConfig; outcomes: RulesExplanation }) {
  const { t } = useTranslation();
  const label = useLabel();
  const rowLink = useRuleRowLink();
  const [type, setType] = useState<string>('all');
  const shown = outcomes.rules.filter((r) => type === 'all' || r.type === type);
  const factName = (fact: string, path?: string) => `${fact}${path ? path.slice(1) : ''}`;
  // values as people read them: an option's label, yes/no, a unit's name (the code in the tooltip)
  const catalog = useMemo(() => {
    const config = compiled.config;
    return factCatalog({ categories: config.categories, forms: config.forms, units: config.units, levels: levelChoices(config) }, { kind: 'category', code: String(outcomes.facts.category) }, 'route');
  }, [compiled, outcomes.facts.category]);
  const one = (fact: string, v: unknown): string => {
    if (typeof v === 'boolean') return t(v ? 'decisionTable.yes' : 'decisionTable.no');
    const option = catalog.get(fact)?.options?.find((o) => o.value === v);
    if (option) return label(option.label);
    if (catalog.get(fact)?.editor === 'unit' && typeof v === 'string') return label(compiled.unit(v)?.name, v);
    return show(v);
  };
  const valueText = (fact: string, path: string | undefined, v: unknown) => (path ? show(v) : Array.isArray(v) ? `{${v.map((x) => one(fact, x)).join(', ')}}` : one(fact, v));
  return (
    <div className="bench-rules" data-testid="bench-rules">
      <h4>{t('decisionTable.bench.rulesTitle', { count: outcomes.rules.length })}</h4>
      <Segmented
        size="small"
        value={type}
        onChange={(v) => setType(String(v))}
        options={[{ value: 'all', label: t('decisionTable.bench.allTypes') }, ...DECISION_TYPES.filter((d) => outcomes.rules.some((r) => r.type === d)).map((d) => ({ value: d, label: t(`decisionType.${d}`) }))]}
      />
      {shown.map((r) => {
        const rule = compiled.ruleById(r.ruleId);
        const link = rowLink(r.ruleId, compiled);
        const failed = r.leaves.filter((l) => !l.passed);
        const leaves = r.passed ? r.leaves : failed;
        return (
          <div key={r.ruleId} className={`rule-outcome ${r.passed ? 'fired' : 'missed'}${r.winner ? ' winner' : ''}`} data-rule={r.ruleId} data-fired={r.passed} data-winner={r.winner}>
            <div>
              <Tag>{t(`decisionType.${r.type}`)}</Tag>
              <strong>{label(rule?.name, r.ruleId)}</strong> <code className="muted">{r.ruleId}</code> <span className="muted">{t('explain.priority', { priority: r.priority })}</span>{' '}
              <Tag color={r.passed ? 'green' : 'default'}>{r.passed ? t('decisionTable.bench.fired') : t('decisionTable.bench.missed')}</Tag>
              {r.winner && <Tag color="gold">{t('explain.winner')}</Tag>}
              {link && (
                <Link to={link} className="small" data-testid={`row-link-${r.ruleId}`}>
                  {t('decisionTable.bench.showInTable')} →
                </Link>
              )}
            </div>
            {!r.passed && failed.length === 0 && <div className="muted small">{t('decisionTable.bench.allPassed')}</div>}
            {leaves.length > 0 && (
              <ul className="leaf-list">
                {leaves.map((l, i) => (
                  <li key={i} className={l.passed ? '' : 'leaf-failed'} data-testid={l.passed ? undefined : `failed-${r.ruleId}`}>
                    {l.passed ? '✓ ' : `✗ ${t('decisionTable.bench.failedOn')}`}
                    <code>{factName(l.fact, l.path)}</code> {t(`operator.${l.operator}`, { defaultValue: l.operator }).replace(/（.*）|\s*\(.*\)/, '')} <code title={show(l.expected)}>{valueText(l.fact, l.path, l.expected)}</code>
                    {' — '}
                    {t('decisionTable.bench.actual')} <code data-testid="actual" title={show(l.actual)}>{valueText(l.fact, l.path, l.actual)}</code>
                  </li>
                ))}
              </ul>
            )}
          </div>
        );
      })}
    </div>
  );
}
