import { useTranslation } from 'react-i18next';
import type { CompiledConfig, Decision } from '../../../engine/index';
import { useLabel } from '../i18n/use-label';
import { LevelBadge } from './level-label';

/** The decision in words: level, handling unit, dispatcher, SLA policy, escalation, tags, notifications. */
export function DecisionView({ compiled, decision }: { compiled: CompiledConfig; decision: Decision }) {
  const { t } = useTranslation();
  const label = useLabel();
  const unitName = (id: string | null) => (id ? `${label(compiled.unit(id)?.name, id)}` : '—');
  const policy = compiled.policies.get(decision.slaPolicy);
  return (
    <dl className="decision" data-testid="decision">
      <dt>{t('decision.level')}</dt>
      <dd data-field="level"><LevelBadge config={compiled.config} level={decision.level} /></dd>
      <dt>{t('decision.unit')}</dt>
      <dd data-field="unit">{unitName(decision.unit)} <code className="muted">{decision.unit}</code></dd>
      {decision.assist.length > 0 && (
        <>
          <dt>{t('decision.assist')}</dt>
          <dd>{decision.assist.map(unitName).join('、')}</dd>
        </>
      )}
      <dt>{t('decision.dispatcher')}</dt>
      <dd>{unitName(decision.dispatcher)}</dd>
      <dt>{t('decision.sla')}</dt>
      <dd data-field="sla">{label(policy?.name, decision.slaPolicy)} <code className="muted">{decision.slaPolicy}</code></dd>
      {decision.escalation && (
        <>
          <dt>{t('decision.escalation')}</dt>
          <dd>{unitName(decision.escalation.unit)} — {label(decision.escalation.reason)}</dd>
        </>
      )}
      {decision.tags.length > 0 && (
        <>
          <dt>{t('decision.tags')}</dt>
          <dd>{decision.tags.map((tag) => <span key={tag} className="badge">{tag}</span>)}</dd>
        </>
      )}
      {decision.notifications.length > 0 && (
        <>
          <dt>{t('decision.notifications')}</dt>
          <dd>
            <ul>
              {decision.notifications.map((n, i) => (
                <li key={i}>{unitName(n.unit)} ({n.channels.join(', ')}): {label(n.message)}</li>
              ))}
            </ul>
          </dd>
        </>
      )}
    </dl>
  );
}
