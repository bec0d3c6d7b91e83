/**
 * Reading events for `GET requests`: by id, or by service code, status and time window, newest
 * first; then their Open311 views, each named by the config version it was created under.
 */
import { Op, type WhereOptions } from 'sequelize';
import type { ConfigRepository } from '../db/config-repository';
import type { EventRow } from '../db/models';
import type { Database } from '../db/open-database';
import type { EventAttributes } from '../events/event-record';
import type { Open311Context } from './open311-context';
import type { RequestFilter, RequestStatus } from './request-filter';
import { requestView, type HistoryNote } from './request-view';
import type { XmlValue } from './xml-serializer';

export interface RequestStoreDeps {
  db: Database;
  configs: ConfigRepository;
}

/**
 * The condition "status is open" (or closed) over every published config version: states are
 * open or not per version, so versions are grouped by their set of open states.
 */
async function statusCondition(deps: RequestStoreDeps, countyId: string, status: RequestStatus): Promise<WhereOptions<EventRow>> {
  const versions = await deps.db.models.ConfigVersion.findAll({ where: { countyId, status: 'published' }, attributes: ['version'] });
  const groups = new Map<string, { open: string[]; versions: number[] }>();
  for (const { version } of versions) {
    const compiled = await deps.configs.compiled(countyId, version);
    const open = [...compiled.workflow.states.values()].filter((s) => s.open).map((s) => s.id).sort();
    const key = open.join('\u0000');
    const group = groups.get(key) ?? { open, versions: [] };
    group.versions.push(version);
    groups.set(key, group);
  }
  return {
    [Op.or]: [...groups.values()].map((g) => ({
      configVersion: { [Op.in]: g.versions },
      state: status === 'open' ? { [Op.in]: g.open } : { [Op.notIn]: g.open },
    })),
  } as WhereOptions<EventRow>;
}

/** The events a filter selects, newest first. */
export async function findEvents(deps: RequestStoreDeps, countyId: string, filter: RequestFilter): Promise<EventAttributes[]> {
  const { Event } = deps.db.models;
  const order: Array<[string, string]> = [['reportedAt', 'DESC'], ['id', 'DESC']];
  switch (filter.type) {
    case 'ids': {
      if (filter.ids.length === 0) return [];
      const rows = await Event.findAll({ where: { countyId, id: { [Op.in]: filter.ids } }, order });
      return rows.map((r) => r.get({ plain: true }));
    }
    case 'search': {
      const until = filter.toExclusive ? { [Op.lt]: new Date(filter.to) } : { [Op.lte]: new Date(filter.to) };
      const where: Array<WhereOptions<EventRow>> = [{ countyId, reportedAt: { [Op.gte]: new Date(filter.from), ...until } }];
      if (filter.codes) where.push({ category: { [Op.in]: filter.codes } });
      if (filter.statuses && filter.statuses.length === 1) where.push(await statusCondition(deps, countyId, filter.statuses[0]));
      const rows = await Event.findAll({ where: { [Op.and]: where }, order, limit: filter.pageSize, offset: (filter.page - 1) * filter.pageSize });
      return rows.map((r) => r.get({ plain: true }));
    }
    default: {
      const never: never = filter;
      throw new Error(`unknown request filter ${JSON.stringify(never)}`);
    }
  }
}

/** The Open311 views of events, with the extensions (attributes, extended_attributes, notes) when asked. */
export async function requestViews(deps: RequestStoreDeps, ctx: Open311Context, rows: readonly EventAttributes[], extensions: boolean): Promise<XmlValue[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const tickets = await deps.db.models.SupervisionTicket.findAll({ where: { countyId: ctx.countyId, eventId: { [Op.in]: ids } }, attributes: ['eventId'] });
  const ticketCount = new Map<string, number>();
  for (const t of tickets) ticketCount.set(t.eventId, (ticketCount.get(t.eventId) ?? 0) + 1);
  const history = new Map<string, HistoryNote[]>();
  if (extensions) {
    const entries = await deps.db.models.EventHistory.findAll({ where: { countyId: ctx.countyId, eventId: { [Op.in]: ids } }, order: [['eventId', 'ASC'], ['seq', 'ASC']] });
    for (const h of entries) {
      const list = history.get(h.eventId) ?? [];
      list.push({ at: h.at, action: h.action, toState: h.toState, detail: h.detail });
      history.set(h.eventId, list);
    }
  }
  const views: XmlValue[] = [];
  for (const row of rows) {
    const compiled = row.configVersion === ctx.version ? ctx.compiled : await deps.configs.compiled(ctx.countyId, row.configVersion);
    views.push(requestView({ row, compiled, locale: ctx.locale, supervisionTickets: ticketCount.get(row.id) ?? 0, ...(extensions ? { history: history.get(row.id) ?? [] } : {}) }));
  }
  return views;
}
