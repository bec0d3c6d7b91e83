/**
 * The actions the caller may fire on an event now (as the runtime lists them), each asking for
 * the reason, feedback or unit its transition requires, sent with the event's version.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HANDLING_KINDS, satisfactionScaleOf, type CompiledConfig } from '../../../engine/index';
import { ApiError } from '../api/api-error';
import type { ActionInput, EventAction, EventRecord } from '../api/types';
import { useLabel } from '../i18n/use-label';
import { useSession } from '../session/session-context';
import { AttachmentUpload } from '../forms/attachment-upload';
import { countyTarget } from '../forms/authorized-file';

export function ActionPanel({ event, actions, compiled, onDone }: { event: EventRecord; actions: EventAction[]; compiled: CompiledConfig | null; onDone: (message?: string) => void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const { api, me, token } = useSession();
  // result photos of a resolution (any action that asks for feedback may carry photos)
  const [photos, setPhotos] = useState<string[]>([]);
  const [open, setOpen] = useState<EventAction | null>(null);
  const [input, setInput] = useState<Omit<ActionInput, 'version'>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const fire = async (action: EventAction, extra: Omit<ActionInput, 'version'>) => {
    setBusy(true);
    setError(null);
    try {
      const withPhotos = photos.length > 0 ? { ...extra, attachments: photos } : extra;
      await api.act(me.county, event.id, action.action, { version: event.version, ...withPhotos } as ActionInput);
      setOpen(null);
      setInput({});
      setPhotos([]);
      onDone(t('event.done', { action: label(action.name, action.action) }));
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) onDone(t('event.stale'));
      else setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  // every action is confirmed in its form (a stray tap on a phone must not accept or close an event)
  const start = (action: EventAction) => {
    setInput({});
    setPhotos([]);
    setError(null);
    setOpen(action);
  };

  // a township's command room hands events to its own township's units (the runtime refuses others)
  const township = me.role === 'dispatcher' && me.unit ? compiled?.units.townshipOf(me.unit)?.id : undefined;
  const withinReach = (id: string) => !township || (compiled?.units.isWithin(id, township) ?? true);
  if (!actions.length) return <p className="muted">{t('event.noActions')}</p>;
  const needs = new Set(open?.requires ?? []);
  const complete = [...needs].every((k) => (input[k as keyof typeof input] ?? '').trim() !== '');
  return (
    <div className="action-panel">
      <div className="buttons">
        {actions.map((a) => (
          <button key={a.action} type="button" className={open?.action === a.action ? 'primary' : ''} disabled={busy} onClick={() => start(a)} data-action={a.action}>
            {label(a.name, a.action)}
          </button>
        ))}
      </div>
      {open && (
        <form className="action-form" onSubmit={(e) => (e.preventDefault(), complete && fire(open, input))}>
          <h4>{label(open.name, open.action)}</h4>
          {needs.size === 0 && <p className="muted" data-testid="action-confirm">{t('event.confirmAction', { action: label(open.name, open.action) })}</p>}
          {needs.has('reason') && (
            <label className="field"><span>{t('event.reason')}</span><textarea name="reason" value={input.reason ?? ''} onChange={(e) => setInput({ ...input, reason: e.target.value })} /></label>
          )}
          {needs.has('feedback') && (
            <label className="field"><span>{t(`event.feedbackOf.${open.action}`, { defaultValue: t('event.feedback') })}</span><textarea name="feedback" value={input.feedback ?? ''} onChange={(e) => setInput({ ...input, feedback: e.target.value })} /></label>
          )}
          {(open.action === 'resolve' || needs.has('feedback')) && (
            <div className="field" data-testid="result-photos">
              <span>{t('attachments.resultPhotos')}</span>
              <AttachmentUpload target={countyTarget(me.county, token)} value={photos} onChange={setPhotos} disabled={busy} testId="result-photo-upload" />
            </div>
          )}
          {needs.has('unit') && (
            <label className="field">
              <span>{t('event.unit')}</span>
              <select name="unit" value={input.unit ?? ''} onChange={(e) => setInput({ ...input, unit: e.target.value })}>
                <option value="">{t('event.chooseUnit')}</option>
                {(compiled?.config.units ?? []).filter((u) => HANDLING_KINDS.includes(u.kind) && (open.action !== 'reassign' || u.id !== event.handlingUnit) && withinReach(u.id)).map((u) => <option key={u.id} value={u.id}>{label(u.name, u.id)}</option>)}
              </select>
            </label>
          )}
          {open.action === 'confirm' && compiled && (
            <div className="field" data-testid="confirm-rating">
              <span>{t('event.satisfaction')}</span>
              <div className="rating-choices" role="radiogroup" aria-label={t('event.satisfaction')}>
                {satisfactionScaleOf(compiled.config).map((l) => (
                  <label key={l.value}>
                    <input type="radio" name="satisfaction" value={l.value} checked={input.satisfaction === l.value} onChange={() => setInput({ ...input, satisfaction: l.value })} /> {label(l.name, l.value)}
                  </label>
                ))}
              </div>
            </div>
          )}
          {needs.has('duplicateOf') && (
            <label className="field"><span>{t('event.duplicateOf')}</span><input name="duplicateOf" value={input.duplicateOf ?? ''} onChange={(e) => setInput({ ...input, duplicateOf: e.target.value })} /></label>
          )}
          <div className="buttons">
            <button type="submit" className="primary" disabled={busy || !complete} data-action="confirm-action">{t('common.ok')}</button>
            <button type="button" onClick={() => setOpen(null)}>{t('common.cancel')}</button>
          </div>
        </form>
      )}
      {error && <p className="notice notice-error" role="alert">{error}</p>}
    </div>
  );
}
