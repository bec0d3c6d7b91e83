/**
 * A unit's worklist: its events, red/overdue first, then new, then in progress; filters by
 * state, category, level, red. Grid workers see the events they reported. A dashboard number
 * opens it with the filters of the events behind it in the address (`?township=…&from=…`), shown
 * above the list until cleared; the filtered list exports as CSV or XLSX.
 */
import { useEffect, useMemo, useState } from 'react';
import { Button, Space, Tag } from 'antd';
import type { EventQuery } from '../api/client';
import { queryString } from '../api/command-client';
import { useRoute } from '../router/router';
import { useTranslation } from 'react-i18next';
import type { EventRecord } from '../api/types';
import { useLabel, useLanguage } from '../i18n/use-label';
import { Link } from '../router/link';
import { useSession } from '../session/session-context';
import { formatDateTime } from '../util/zoned';
import { readRecentReports } from './recent-reports';
import { useCountyConfig } from './use-county-config';
import { WorklistFilters, type WorklistFilter } from './worklist-filters';
import { LevelBadge } from '../config/level-label';
import { dueOf, isOverdue, worklistOrder } from './worklist-order';

export function WorklistPage() {
  const { t } = useTranslation();
  const label = useLabel();
  const language = useLanguage();
  const { api, me } = useSession();
  const { compiled, error: configError } = useCountyConfig();
  const unitLocked = me.role === 'handler' && !!me.unit;
  const { query } = useRoute();
  // the route gives a new URLSearchParams on every render: its text decides
  const search = query.toString();
  const drill = useMemo(() => drillFilters(new URLSearchParams(search)), [search]);
  // a handler works its own unit's events; a dispatcher opens on everything it dispatches, handles
  // or assists (the unit filter would narrow that to the events its own unit handles)
  const [filter, setFilter] = useState<WorklistFilter>({ unit: unitLocked ? (me.unit ?? '') : (query.get('unit') ?? ''), state: query.get('state') ?? '', category: query.get('category') ?? '', level: query.get('level') ?? '', red: query.get('red') === 'true' });
  const [events, setEvents] = useState<EventRecord[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(Date.now);
  const listQuery: EventQuery = useMemo(() => ({ ...drill, unit: filter.unit || undefined, state: filter.state, category: filter.category, level: filter.level, red: filter.red, order: 'red-first' }), [drill, filter]);

  useEffect(() => {
    let live = true;
    setEvents(null);
    api.listEvents(me.county, { ...listQuery, limit: 100 }).then(
      (r) => live && (setEvents(r.events), setCursor(r.nextCursor), setNow(Date.now()), setError(null)),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [api, me.county, listQuery]);

  const more = async () => {
    if (!cursor) return;
    const r = await api.listEvents(me.county, { ...listQuery, limit: 100, cursor });
    setEvents((e) => [...(e ?? []), ...r.events]);
    setCursor(r.nextCursor);
  };

  const tz = compiled?.timeZone ?? 'Asia/Shanghai';
  const categoryName = (code: string) => label(compiled?.category(code)?.minor.name, code);
  const unitName = (id: string | null) => (id ? label(compiled?.unit(id)?.name, id) : '—');
  const stateName = (id: string) => label(compiled?.config.workflow.states.find((s) => s.id === id)?.name, id);
  const drillValue = (key: string, value: string) => {
    if (key === 'from' || key === 'to' || key === 'closedFrom' || key === 'closedTo') return formatDateTime(value, tz, language);
    if (key === 'township' || key === 'grid') return value.split(',').map(unitName).join('、');
    if (key === 'closed' || key === 'overdue' || key === 'lead') return value === 'true' ? t('worklist.yes') : t('worklist.no');
    return value;
  };
  const exportList = (format: 'csv' | 'xlsx') => {
    const { cursor: _c, limit: _l, order: _o, ...rest } = listQuery as EventQuery & { cursor?: string };
    api.download(`/counties/${encodeURIComponent(me.county)}/events${queryString({ ...rest, format })}`, `events.${format}`).catch((e: Error) => setError(e.message));
  };

  return (
    <main className="page worklist-page">
      <h1>{me.role === 'grid_worker' ? t('nav.myEvents') : t('worklist.title')}</h1>
      {configError && <p className="notice notice-error">{configError}</p>}
      {compiled && <WorklistFilters compiled={compiled} filter={filter} onChange={setFilter} unitLocked={unitLocked} />}
      {Object.keys(drill).length > 0 && (
        <div className="drill-filters" data-testid="drill-filters">
          <span className="muted">{t('worklist.drill')}</span>
          {Object.entries(drill).map(([key, value]) => (
            <Tag key={key}>{t(`worklist.drillKeys.${key}`, { defaultValue: key })}: {drillValue(key, String(value))}</Tag>
          ))}
          <Link to="/worklist">{t('worklist.clearDrill')}</Link>
        </div>
      )}
      {me.role !== 'grid_worker' && (
        <Space className="export-buttons" wrap>
          <Button size="small" onClick={() => exportList('csv')}>{t('worklist.exportCsv')}</Button>
          <Button size="small" onClick={() => exportList('xlsx')}>{t('worklist.exportXlsx')}</Button>
        </Space>
      )}
      {error && <p className="notice notice-error" role="alert">{error}</p>}
      {events === null && !error && <p className="muted">{t('common.loading')}</p>}
      {events && events.length === 0 && <p className="muted">{t('worklist.empty')}</p>}
      {events && events.length > 0 && (
        <ul className="worklist">
          {worklistOrder(events, now, me.role === 'grid_worker').map((event) => {
            const due = dueOf(event);
            const overdue = isOverdue(event, now);
            return (
              <li key={event.id} className={`work-item ${overdue ? 'overdue' : ''}`} data-event={event.id}>
                <Link to={`/events/${event.id}`}>
                  <div className="work-item-top">
                    <LevelBadge config={compiled?.config} level={event.level} />
                    {overdue && <span className="badge badge-red">{event.red ? t('worklist.red') : t('worklist.overdue')}</span>}
                    <strong>{categoryName(event.category)}</strong>
                    <span className={`badge state state-${event.state}`}>{stateName(event.state)}</span>
                    {me.unit && event.assist?.includes(me.unit) && <span className="badge" data-testid="assisting">{t('worklist.assisting')}</span>}
                  </div>
                  <div className="work-item-meta muted">
                    <span>{unitName(event.handlingUnit)}</span>
                    <span>{t('worklist.reportedAt', { at: formatDateTime(event.reportedAt, tz, language) })}</span>
                    {due !== null && <span className={overdue ? 'error-text' : ''}>{t('worklist.due', { at: formatDateTime(due, tz, language) })}</span>}
                  </div>
                  {typeof event.data?.description === 'string' && <div className="work-item-text">{event.data.description}</div>}
                </Link>
              </li>
            );
          })}
        </ul>
      )}
      {cursor && <button type="button" onClick={more}>{t('worklist.more')}</button>}
      {me.role === 'grid_worker' && readRecentReports().length > 0 && (
        <section className="recent-reports">
          <h3>{t('worklist.fromThisDevice')}</h3>
          <ul>
            {readRecentReports().map((r) => (
              <li key={r.id}>
                <Link to={`/events/${r.id}`}>{categoryName(r.category)}</Link> <span className="muted">{formatDateTime(r.at, tz, language)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}

/** The dashboard's drill-down filters of the address the worklist opened with (the rest are the filter bar's). */
const DRILL_KEYS = ['township', 'grid', 'source', 'from', 'to', 'closedFrom', 'closedTo', 'closed', 'overdue', 'lead'] as const;

function drillFilters(query: URLSearchParams): Record<string, string> {
  const found: Record<string, string> = {};
  for (const key of DRILL_KEYS) {
    const value = query.get(key);
    if (value) found[key] = value;
  }
  return found;
}
