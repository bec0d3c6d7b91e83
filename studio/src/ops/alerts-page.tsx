/**
 * Early-warning alerts (预警) for the command room that covers their area: a threshold reached
 * (so many reports of a category in a grid, village or township within hours) or an unusual rise
 * against the area's own baseline. Each shows its count beside what is usual, its window and its
 * events; the command room acknowledges it with a note, which is kept with who and when.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Input, Segmented, Tag } from 'antd';
import { alertsApi, type Alert, type AlertEvent } from '../api/command-client';
import { commandText } from '../i18n/command';
import { registerTexts } from '../i18n/register-texts';
import { useLabel, useLanguage } from '../i18n/use-label';
import { Link } from '../router/link';
import { useSession } from '../session/session-context';
import { formatDateTime } from '../util/zoned';
import { useCountyConfig } from './use-county-config';

registerTexts('command', commandText);

type Status = 'open' | 'acknowledged' | 'all';

export function AlertsPage() {
  const { t } = useTranslation();
  const { api, me } = useSession();
  const [status, setStatus] = useState<Status>('open');
  const [alerts, setAlerts] = useState<Alert[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    let live = true;
    alertsApi.list(api, me.county, status).then(
      (r) => live && (setAlerts(r.alerts), setError(null)),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [api, me.county, status]);
  useEffect(load, [load]);

  const replaced = (alert: Alert) => setAlerts((list) => (list ?? []).flatMap((a) => (a.id !== alert.id ? [a] : status === 'open' ? [] : [alert])));

  return (
    <main className="page alerts-page">
      <h1>{t('command.alerts.title')}</h1>
      <Segmented<Status> value={status} onChange={setStatus} options={(['open', 'acknowledged', 'all'] as const).map((s) => ({ value: s, label: t(`command.alerts.status.${s}`) }))} />
      {error && <p className="notice notice-error" role="alert">{error}</p>}
      {alerts === null && !error && <p className="muted">{t('common.loading')}</p>}
      {alerts && alerts.length === 0 && <p className="muted">{t('command.alerts.none')}</p>}
      <ul className="alert-list">
        {alerts?.map((alert) => <AlertItem key={alert.id} alert={alert} onAcknowledged={replaced} onError={setError} />)}
      </ul>
    </main>
  );
}

function AlertItem({ alert, onAcknowledged, onError }: { alert: Alert; onAcknowledged: (a: Alert) => void; onError: (message: string) => void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const language = useLanguage();
  const { api, me } = useSession();
  const { compiled } = useCountyConfig();
  const timeZone = compiled?.timeZone ?? 'Asia/Shanghai';
  const [events, setEvents] = useState<AlertEvent[] | null>(null);
  const [shown, setShown] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const time = (value: string) => formatDateTime(value, timeZone, language);

  const toggleEvents = () => {
    setShown(!shown);
    if (!events) alertsApi.get(api, me.county, alert.id).then((r) => setEvents(r.events), (e: Error) => onError(e.message));
  };
  const acknowledge = async () => {
    setBusy(true);
    try {
      onAcknowledged((await alertsApi.acknowledge(api, me.county, alert.id, note.trim())).alert);
    } catch (e) {
      onError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className={`alert-item alert-${alert.status}`} data-alert={alert.id}>
      <div className="alert-head">
        <Tag color={alert.kind === 'aberration' ? 'purple' : 'volcano'}>{t(`command.alerts.kind.${alert.kind}`)}</Tag>
        <strong>{label(alert.name, alert.rule)}</strong>
        <span className="muted">{t('command.alerts.raised', { time: time(alert.raisedAt) })}</span>
      </div>
      <div className="alert-body">
        <span>
          {t('command.alerts.area')}: {label(alert.areaName ?? undefined, alert.area)}
          {alert.category && <> · {label(alert.categoryName ?? undefined, alert.category)}</>}
        </span>
        <span>
          <strong className="alert-count">{t('command.alerts.count', { count: alert.count })}</strong>
          {alert.expected !== null && t('command.alerts.expected', { expected: alert.expected.toFixed(1) })}
        </span>
        <span className="muted">{t('command.alerts.window', { from: time(alert.windowFrom), to: time(alert.windowTo) })}</span>
        {alert.commandRoom && <span className="muted">{t('command.alerts.room')}: {label(alert.commandRoomName ?? undefined, alert.commandRoom)}</span>}
      </div>
      <button type="button" className="link-button" onClick={toggleEvents}>{shown ? t('command.alerts.hideEvents') : t('command.alerts.showEvents')}</button>
      {shown && events && (
        <ul className="alert-events">
          {events.map((e) => (
            <li key={e.id}>
              <Link to={`/events/${e.id}`}>{label(compiled?.category(e.category)?.minor.name, e.category)}</Link> <span className="muted">{time(e.reportedAt)} · {label(compiled?.unit(e.grid ?? '')?.name, e.grid ?? '')}</span>
            </li>
          ))}
        </ul>
      )}
      {alert.status === 'open' ? (
        <div className="alert-ack">
          <Input.TextArea rows={1} maxLength={500} placeholder={t('command.alerts.note')} value={note} onChange={(e) => setNote(e.target.value)} aria-label={t('command.alerts.note')} />
          <Button type="primary" loading={busy} onClick={() => void acknowledge()}>{t('command.alerts.acknowledge')}</Button>
        </div>
      ) : (
        <p className="muted alert-acked">
          {t('command.alerts.acknowledged', { name: alert.acknowledgedByName ?? alert.acknowledgedBy ?? '', time: alert.acknowledgedAt ? time(alert.acknowledgedAt) : '' })}
          {alert.note && <> — {alert.note}</>}
        </p>
      )}
    </li>
  );
}
