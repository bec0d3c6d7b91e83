/**
 * One side's explanation as events store it (the compact trail): the winning rule per decision
 * type and the rules that fired, by name with their ids — a rule that fired on this side only is
 * marked — and, folded, the facts the rules saw besides the report's own fields.
 */
import { useTranslation } from 'react-i18next';
import type { StoredTrail } from '../api/backtests-client';

const DECISION_ORDER = ['grade', 'route', 'sla', 'escalate', 'tag', 'notify'];

const factText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** The fired rules' ids (events stored by earlier versions keep objects with a `ruleId`). */
function firedIds(trail: StoredTrail | null): string[] {
  return (trail?.fired ?? [])
    .map((f) => (typeof f === 'string' ? f : f && typeof f === 'object' && 'ruleId' in f ? String((f as { ruleId: unknown }).ruleId) : null))
    .filter((f): f is string => f !== null);
}

export function BacktestTrail({ trail, other, title, ruleName, side }: { trail: StoredTrail | null; other: StoredTrail | null; title: string; ruleName: (id: string) => string | null; side: string }) {
  const { t } = useTranslation();
  const rule = (id: string) => {
    const name = ruleName(id);
    return name && name !== id ? <><strong>{name}</strong> <code className="muted">{id}</code></> : <code>{id}</code>;
  };
  if (!trail) return <div className="trail" data-side={side}><h4>{title}</h4><p className="muted">{t('backtest.explanation.missing')}</p></div>;
  const winners = Object.entries(trail.winners ?? {}).sort(([a], [b]) => DECISION_ORDER.indexOf(a) - DECISION_ORDER.indexOf(b));
  const otherWinners = other?.winners ?? {};
  const fired = firedIds(trail);
  const otherFired = new Set(firedIds(other));
  const facts = Object.entries(trail.facts ?? {});
  return (
    <div className="trail" data-side={side}>
      <h4>{title}</h4>
      <table className="trail-winners">
        <caption>{t('backtest.explanation.winners')}</caption>
        <tbody>
          {winners.map(([type, id]) => (
            <tr key={type} data-decision={type} className={other && otherWinners[type] !== id ? 'trail-differs' : undefined}>
              <th>{t(`decisionType.${type}`, { defaultValue: type })}</th>
              <td>{id === 'default' ? <span className="muted">{t('backtest.explanation.default')}</span> : rule(id)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="trail-fired">
        <span className="muted">{t('backtest.explanation.fired')}</span>{' '}
        {fired.length === 0 ? <span className="muted">{t('backtest.explanation.noneFired')}</span> : (
          <ol>
            {fired.map((id) => {
              const only = other !== null && !otherFired.has(id);
              return (
                <li key={id} data-rule={id} className={only ? 'trail-only' : undefined} title={only ? t('backtest.explanation.only') : undefined}>
                  {rule(id)}
                </li>
              );
            })}
          </ol>
        )}
      </div>
      {facts.length > 0 && (
        <details className="trail-facts small">
          <summary className="muted">{t('backtest.explanation.facts', { count: facts.length })}</summary>
          {facts.map(([k, v]) => <code key={k}>{k} = {factText(v)}</code>)}
        </details>
      )}
    </div>
  );
}
