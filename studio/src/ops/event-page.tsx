/** One event: what was reported, where it stands, its SLA, its history, and what the caller may do now. */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventDetail } from '../api/types';
import { slaPlanFromApi } from '../api/sla-plan';
import { ExplanationView } from '../config/explanation-view';
import { useLabel, useLanguage } from '../i18n/use-label';
import { Link } from '../router/link';
import { useSession } from '../session/session-context';
import { SlaTimeline } from '../sla/sla-timeline';
import { formatDateTime } from '../util/zoned';
import { ActionPanel } from './action-panel';
import { EventData } from './event-data';
import { EventHistory } from './event-history';
import { ReporterReveal } from './reporter-reveal';
import { useCountyConfig } from './use-county-config';
import { LevelBadge } from '../config/level-label';

export function EventPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const label = useLabel();
  const language = useLanguage();
  const { api, me } = useSession();
  const [detail, setDetail] = useState<EventDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const { compiled } = useCountyConfig(detail?.event.configVersion);

  const load = useCallback(() => {
    api.getEvent(me.county, id).then(setDetail, (e: Error) => setError(e.message));
  }, [api, me.county, id]);
  useEffect(load, [load]);

  if (error) return <main className="page"><p className="notice notice-error">{error}</p></main>;
  if (!detail) return <main className="page"><p className="muted">{t('common.loading')}</p></main>;
  const { event } = detail;
  const tz = compiled?.timeZone ?? 'Asia/Shanghai';
  const unitName = (u: string | null) => (u ? label(compiled?.unit(u)?.name, u) : '—');
  const index = compiled?.category(event.category);
  const state = compiled?.config.workflow.states.find((s) => s.id === event.state);

  const addComment = async () => {
    await api.comment(me.county, id, comment);
    setComment('');
    load();
  };

  return (
    <main className="page event-page">
      <Link to="/worklist" className="back">← {t(me.role === 'grid_worker' ? 'nav.myEvents' : 'worklist.title')}</Link>
      <h1>
        {label(index?.minor.name, event.category)}{' '}
        <LevelBadge config={compiled?.config} level={event.level} />{' '}
        <span className={`badge state state-${event.state}`} data-testid="event-state" data-state={event.state}>{label(state?.name, event.state)}</span>
        {event.red && <span className="badge badge-red">{t('worklist.red')}</span>}
      </h1>
      {message && <p className="notice" role="status">{message}</p>}
      <div className="event-grid">
        <section>
          <dl className="facts-list">
            <dt>{t('event.handlingUnit')}</dt><dd data-field="handling-unit">{unitName(event.handlingUnit)}</dd>
            <dt>{t('event.dispatcher')}</dt><dd>{unitName(event.dispatcher)}</dd>
            {event.assist?.length > 0 && (<><dt>{t('event.assist')}</dt><dd data-field="assist">{event.assist.map((u) => unitName(u)).join(t('common.listSeparator'))}</dd></>)}
            <dt>{t('event.place')}</dt><dd>{[event.township, event.grid].filter(Boolean).map((u) => unitName(u)).join(' · ')}</dd>
            <dt>{t('event.reportedAt')}</dt><dd>{formatDateTime(event.reportedAt, tz, language)}</dd>
            <dt>{t('event.configVersion')}</dt><dd>v{event.configVersion}</dd>
          </dl>
          <h3>{t('event.actions')}</h3>
          <ActionPanel event={event} actions={detail.actions} compiled={compiled} onDone={(m) => (setMessage(m ?? null), load())} />
          <h3>{t('event.data')}</h3>
          <ReporterReveal eventId={event.id} access={detail.reporterAccess} onRevealed={load} />
          <EventData data={event.data} schema={index ? compiled?.forms.get(index.minor.form)?.schema : undefined} uiSchema={index ? compiled?.forms.get(index.minor.form)?.uiSchema : undefined} units={compiled} />
          {event.sla && compiled && (
            <>
              <h3>{t('sla.timeline')}</h3>
              <SlaTimeline plan={slaPlanFromApi(event.sla)} start={Date.parse(event.reportedAt)} calendar={compiled.calendar} timeZone={tz} now={Date.now()} />
            </>
          )}
        </section>
        <section>
          {(detail.tickets?.length ?? 0) > 0 && (
            <div className="notice notice-error" data-testid="tickets">
              <strong>{t('event.tickets')}</strong>
              <ul>
                {detail.tickets!.map((ticket) => (
                  <li key={ticket.id}>
                    {ticket.issuedAt ? formatDateTime(ticket.issuedAt, tz, language) : ''} · {unitName(ticket.unit ?? null)}
                    {typeof ticket.reason === 'string' ? ` · ${ticket.reason}` : ''}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <h3>{t('event.history')}</h3>
          <EventHistory history={detail.history} compiled={compiled} timeZone={tz} />
          <div className="comment-box">
            <textarea name="comment" value={comment} onChange={(e) => setComment(e.target.value)} placeholder={t('event.commentPlaceholder')} />
            <button type="button" disabled={!comment.trim()} onClick={addComment}>{t('event.addComment')}</button>
          </div>
          {event.explanation && compiled && (
            <details>
              <summary>{t('bench.explanation')}</summary>
              <ExplanationView compiled={compiled} explanation={event.explanation} />
            </details>
          )}
        </section>
      </div>
    </main>
  );
}
