/** The event's audit trail as a timeline: who did what, when, from which state to which. */
import { useTranslation } from 'react-i18next';
import type { CompiledConfig } from '../../../engine/index';
import type { HistoryEntry } from '../api/types';
import { useLabel, useLanguage } from '../i18n/use-label';
import { formatDateTime } from '../util/zoned';
import { AttachmentGallery } from '../forms/attachment-upload';
import { useSession } from '../session/session-context';

const DETAIL_KEYS = ['reason', 'feedback', 'unit', 'text', 'duplicateOf'] as const;

export function EventHistory({ history, compiled, timeZone }: { history: HistoryEntry[]; compiled: CompiledConfig | null; timeZone: string }) {
  const { t } = useTranslation();
  const label = useLabel();
  const language = useLanguage();
  const { me, token } = useSession();
  const stateName = (id: string | null | undefined) => (id ? label(compiled?.config.workflow.states.find((s) => s.id === id)?.name, id) : '');
  const actionName = (id: string) => label(compiled?.config.workflow.transitions.find((x) => x.action === id)?.name, t(`history.${id}`, { defaultValue: id }));
  const unitName = (id: string) => label(compiled?.unit(id)?.name, id);
  // a rule by its name (its id in the tooltip); a rule the config no longer has, by its id
  const ruleName = (id: string) => label(compiled?.config.rules.find((r) => r.id === id)?.name, id);
  // the first entry has no state before it: "Reported", not "Reported → Reported"
  const sameState = (from: string | null | undefined, to: string | null | undefined) => !from || from === to;
  return (
    <ol className="history" data-testid="history">
      {history.map((entry, i) => {
        const from = entry.fromState ?? entry.from;
        const to = entry.toState ?? entry.to;
        const role = entry.actor?.role ?? entry.actorRole;
        // the runtime records an action's input under detail.input; read flat fields too
        const raw = (entry.detail ?? {}) as Record<string, unknown>;
        const input = raw.input && typeof raw.input === 'object' ? (raw.input as Record<string, unknown>) : {};
        const detail = { ...raw, ...input, ...(entry.text ? { text: entry.text } : {}) } as Record<string, unknown>;
        return (
          <li key={entry.seq ?? i}>
            <time>{formatDateTime(entry.at, timeZone, language)}</time>
            <div>
              <strong>{actionName(entry.action)}</strong>
              {to && !sameState(from, to) && <span className="muted"> {stateName(from)} → {stateName(to)}</span>}
              {entry.actor?.name && <span className="history-actor"> · {entry.actor.name}</span>}
              {role && <span className="muted"> · {t(`role.${role}`, { defaultValue: role })}</span>}
              {entry.ruleId && <span className="muted" title={entry.ruleId}> · {t('history.rule', { rule: ruleName(entry.ruleId) })}</span>}
              {DETAIL_KEYS.filter((k) => typeof detail[k] === 'string' && detail[k]).map((k) => (
                <div key={k} className="history-detail">
                  {t(`event.${k === 'text' ? 'comment' : k}`)}: {k === 'unit' ? unitName(detail[k] as string) : String(detail[k])}
                </div>
              ))}
              {Array.isArray(raw.attachments) && (
                <div className="history-detail">
                  {t('attachments.resultPhotos')}
                  <AttachmentGallery county={me.county} token={token} refs={raw.attachments as string[]} testId="history-attachments" />
                </div>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
