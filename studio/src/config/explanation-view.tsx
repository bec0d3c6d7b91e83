/**
 * Why: the winner per decision type, and each rule that fired with each of its conditions, the
 * fact's value and the result. Given `outcomes` (the test bench), every rule in the event's
 * scope is listed instead, fired or not, with the condition that failed and the fact's value,
 * and each winner links to its row in its decision table.
 */
import { useTranslation } from 'react-i18next';
import { DECISION_TYPES, type CompiledConfig, type Explanation, type RulesExplanation } from '../../../engine/index';
import { COMBINATION_RULE as ENGINE_COMBINATION } from '../../../engine/rules/decide';
import { useLabel } from '../i18n/use-label';
import { Link } from '../router/link';
import { RuleOutcomesView, useRuleRowLink } from './decision-table/rule-outcomes-view';
import { registerTexts } from '../i18n/register-texts';
import { decisionTableText } from '../i18n/decision-table';

registerTexts('decisionTable', decisionTableText);

const show = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v));

export function ExplanationView({ compiled, explanation, outcomes }: { compiled: CompiledConfig; explanation: Explanation; outcomes?: RulesExplanation }) {
  const { t } = useTranslation();
  const label = useLabel();
  const rowLink = useRuleRowLink();
  const winnerLink = (id: string) => {
    const to = outcomes ? rowLink(id, compiled) : null;
    return to ? <> <Link to={to} className="small" data-testid={`winner-link-${id}`}>{t('decisionTable.bench.showInTable')} →</Link></> : null;
  };
  const ruleName = (id: string) => label(compiled.config.rules.find((r) => r.id === id)?.name, id);
  return (
    <div className="explanation" data-testid="explanation">
      <h4>{t('explain.winners')}</h4>
      <table className="winners">
        <tbody>
          {DECISION_TYPES.map((type) => {
            const winner = explanation.winners[type];
            // tags and notifications have no single winner: every fired rule of the type counts
            const all = type === 'tag' || type === 'notify' ? explanation.fired.filter((r) => r.type === type) : [];
            return (
              <tr key={type}>
                <th>{t(`decisionType.${type}`)}</th>
                <td>
                  {all.length > 0 ? all.map((r, i) => <span key={r.ruleId}>{i > 0 && t('common.listSeparator')}<strong title={r.ruleId}>{ruleName(r.ruleId)}</strong></span>)
                    : winner === undefined ? '—' : winner === 'default' ? <span className="muted">{t('explain.default')}</span> : <><strong>{ruleName(winner)}</strong> <code className="muted">{winner}</code>{winnerLink(winner)}</>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {outcomes && <RuleOutcomesView compiled={compiled} outcomes={outcomes} />}
      {!outcomes && <h4>{t('explain.fired', { count: explanation.fired.length })}</h4>}
      {!outcomes && explanation.fired.length === 0 && <p className="muted">{t('explain.noneFired')}</p>}
      {!outcomes && explanation.fired.map((rule) => (
        <div key={rule.ruleId} className="fired-rule" data-rule={rule.ruleId}>
          <div>
            <span className="badge">{t(`decisionType.${rule.type}`)}</span> <strong>{ruleName(rule.ruleId)}</strong> <code className="muted">{rule.ruleId}</code>{' '}
            <span className="muted">{t('explain.priority', { priority: rule.priority })}</span>
            {explanation.winners[rule.type] === rule.ruleId && <span className="badge badge-green">{t('explain.winner')}</span>}
            <code className="params">{JSON.stringify(rule.params)}</code>
          </div>
          <table className="conditions">
            <thead>
              <tr><th>{t('explain.fact')}</th><th>{t('explain.operator')}</th><th>{t('explain.value')}</th><th>{t('explain.factValue')}</th><th>{t('explain.result')}</th></tr>
            </thead>
            <tbody>
              {rule.conditions.map((c, i) => (
                <tr key={i} className={c.result ? 'held' : 'failed'}>
                  <td><code>{c.fact}{c.path ? c.path.slice(1) : ''}</code></td>
                  <td title={c.operator}>{t(`operator.${c.operator}`, { defaultValue: c.operator })}</td>
                  <td><code>{show(c.value)}</code></td>
                  <td><code>{show(c.factValue)}</code></td>
                  <td>{c.result ? '✓' : '✗'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      <details>
        <summary>{t('explain.facts')}</summary>
        <table className="facts">
          <tbody>
            {Object.entries(explanation.facts).map(([k, v]) => <tr key={k}><th>{k}</th><td><code>{show(v)}</code></td></tr>)}
          </tbody>
        </table>
      </details>
      <p className="muted small">{explanation.combination === ENGINE_COMBINATION ? t('explain.combination') : explanation.combination}</p>
    </div>
  );
}
