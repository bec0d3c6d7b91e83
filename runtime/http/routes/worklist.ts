/**
 * Worklists and event detail: events listed by state, unit, category, level, source, township,
 * grid, red, overdue, closed and report (or closing) time with cursor pagination on a stable
 * order — the list every dashboard figure drills down to (docs/dashboards.md) — or exported
 * whole as CSV or XLSX; one event with its full history, the actions the caller may fire now and
 * its supervision tickets; comments; joint handling.
 */
import { Router } from 'express';
import { Op, Sequelize, type WhereOptions } from 'sequelize';
import { availableActions, DEFAULT_LEVELS, type CompiledConfig } from '../../../engine/index';
import { actorInCounty, requireRole } from '../../auth/authenticate';
import { actorNames } from '../../auth/actor-names';
import type { TokenActor } from '../../auth/tokens';
import { eventStateOf, type EventAttributes } from '../../events/event-record';
import { callerEventView } from '../caller-event-view';
import { appendHistory } from '../../events/event-writes';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from '../errors';
import { storedBoolean, storedJson, storedTime } from '../../db/raw-sql';
import type { ApiDeps } from './api-router';
import { apiTime, countyTimeZone, DEFAULT_TIME_ZONE } from '../api-time';
import { checkEnumValue, checkFilterValues } from './worklist-filter-values';
import type { SheetFormat } from '../../imports/spreadsheet';
import { overdueSql, sqlFalse } from '../../stats/event-sql';
import { sendWorklist } from './worklist-export';

const MAX_LIMIT = 200;
const LIST_FIELDS = ['countyId', 'id', 'configVersion', 'category', 'level', 'state', 'closed', 'handlingUnit', 'dispatcher', 'assist', 'reporterId', 'source', 'grid', 'township', 'red', 'version', 'reportedAt', 'updatedAt', 'sla'] as const;
const ORDERS = ['newest', 'red-first'] as const;
/** A report channel, as intake takes it. */
const SOURCE = /^[a-z][a-z0-9_-]{0,31}$/;
/** The most index ranges a category filter without a level is split into (see below). */
const MAX_SPLIT_BRANCHES = 15;

interface Cursor {
  at: number;
  id: string;
  red?: boolean;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export const EVENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * `router.param('id', …)` for event routes: an id that is no event id names no event (404),
 * before any query (PostgreSQL's uuid column would refuse it with an error of its own).
 */
export function eventIdParam(req: unknown, _res: unknown, next: (err?: unknown) => void, id: string): void {
  next(EVENT_ID.test(id) ? undefined : new NotFoundError(`event "${id.slice(0, 100)}" not found`));
}

function decodeCursor(value: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Cursor;
    // an event id and a time the database can hold (not 1e300, not a NUL character)
    if (!Number.isSafeInteger(parsed.at) || !Number.isFinite(new Date(parsed.at).getTime()) || typeof parsed.id !== 'string' || !EVENT_ID.test(parsed.id)) throw new Error('shape');
    if (parsed.red !== undefined && typeof parsed.red !== 'boolean') throw new Error('shape');
    return parsed;
  } catch {
    throw new BadRequestError('bad-cursor', '"cursor" is not a cursor this API returned', { field: 'cursor' });
  }
}

function query(req: { query: Record<string, unknown> }, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new BadRequestError('bad-query', `"${name}" must be given once`, { field: name });
  return value;
}

function dateQuery(req: { query: Record<string, unknown> }, name: string): Date | undefined {
  const value = query(req, name);
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new BadRequestError('bad-query', `"${name}" must be an ISO 8601 date-time`, { field: name });
  return new Date(ms);
}

function boolQuery(req: { query: Record<string, unknown> }, name: string): boolean | undefined {
  const value = query(req, name);
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false') throw new BadRequestError('bad-query', `"${name}" must be true or false`, { field: name });
  return value === 'true';
}

/** `?format=`: json (default), csv or xlsx. */
function checkFormat(value: string | undefined): 'json' | SheetFormat {
  const format = value ?? 'json';
  if (format !== 'json' && format !== 'csv' && format !== 'xlsx') throw new BadRequestError('bad-format', '"format" must be json, csv or xlsx', { field: 'format' });
  return format;
}

/** A comma list of township (or grid) ids of the active config; another id is 400 naming the field. */
function unitsOfKind(compiled: CompiledConfig | undefined, kind: 'township' | 'grid', text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const ids = [...new Set(text.split(',').slice(0, 200))];
  // no active config: nothing to check against, and no event can match
  const other = compiled ? ids.filter((id) => compiled.unit(id)?.kind !== kind) : [];
  if (other.length > 0) throw new BadRequestError('bad-query', `"${kind}" takes the ${kind} ids of the county's config (or a comma list); not ${other.slice(0, 5).map((id) => `"${id.slice(0, 60)}"`).join(', ')}`, { field: kind, details: { refused: other.slice(0, 20).map((id) => id.slice(0, 60)) } });
  return ids;
}

/** A listed event as the database gave it, with what the merge of branches orders by. */
interface ListRow {
  raw: Record<(typeof LIST_FIELDS)[number], unknown>;
  id: string;
  at: number;
  red: boolean;
}

/** A clock's deadline as ISO text in the county's zone, or null when it is stopped, paused or absent. */
function dueOf(sla: unknown, clock: 'accept' | 'resolve', timeZone: string): string | null {
  const plan = (sla as { clocks?: Record<string, { dueAt?: number | null; stoppedAt?: number }> } | null)?.clocks?.[clock];
  return plan && typeof plan.dueAt === 'number' && plan.stoppedAt === undefined ? apiTime(plan.dueAt, timeZone) : null;
}

/** Events on which `unit` assists: only joint-handling events (partial index), whose JSON list of assisting units holds the quoted id. */
function assisting(unit: string, dialect: string): WhereOptions {
  return {
    [Op.and]: [
      Sequelize.where(Sequelize.col('assist'), Op.ne, Sequelize.literal(dialect === 'postgres' ? "'[]'::jsonb" : "'[]'")),
      Sequelize.where(Sequelize.cast(Sequelize.col('assist'), 'TEXT'), { [Op.like]: `%"${unit.replace(/[%_"\\]/g, '')}"%` }),
    ],
  };
}

/**
 * One ordered index range of a worklist. `keyed`: the range is a unit's events as lead or as
 * dispatcher, whose open events the partial `events_open_*_state` indexes hold by (red, time).
 */
interface Branch {
  where: WhereOptions;
  keyed: boolean;
}

/**
 * What an actor may see, as branches: admins and designers the whole county (one branch);
 * others their unit's share, each branch an ordered index range (lead, dispatcher, assisting,
 * grid, reporter). Branches are queried separately and merged in order: an OR across them
 * would defeat the indexes.
 */
function visibility(actor: TokenActor, dialect: string): Branch[] {
  if (seesCounty(actor)) return [{ where: {}, keyed: false }];
  const unit = actor.unit;
  // a token of a unit role without a unit (made before tokens required one) sees only its own reports
  if (!unit) return [{ where: { reporterId: actor.id }, keyed: false }];
  switch (actor.role) {
    case 'dispatcher':
      return [{ where: { dispatcher: unit }, keyed: true }, { where: { handlingUnit: unit }, keyed: true }, { where: assisting(unit, dialect), keyed: false }];
    case 'handler':
      return [{ where: { handlingUnit: unit }, keyed: true }, { where: assisting(unit, dialect), keyed: false }];
    case 'grid_worker':
      return [{ where: { reporterId: actor.id }, keyed: false }, { where: { grid: unit }, keyed: false }];
    default:
      return [{ where: { reporterId: actor.id }, keyed: false }];
  }
}

/** County administrators and policy designers see every event of their county. */
const seesCounty = (actor: TokenActor) => actor.role === 'county_admin' || actor.role === 'policy_designer';

/** Whether `actor` may see the event: the same rule as {@link visibility}, for one row. */
export function canSee(actor: TokenActor, row: Pick<EventAttributes, 'dispatcher' | 'handlingUnit' | 'assist' | 'grid' | 'reporterId'>): boolean {
  if (seesCounty(actor)) return true;
  const unit = actor.unit;
  if (!unit) return row.reporterId === actor.id;
  switch (actor.role) {
    case 'dispatcher':
      return row.dispatcher === unit || row.handlingUnit === unit || row.assist.includes(unit);
    case 'handler':
      return row.handlingUnit === unit || row.assist.includes(unit);
    case 'grid_worker':
      return row.reporterId === actor.id || row.grid === unit;
    default:
      return row.reporterId === actor.id;
  }
}

/** A branch narrowed by one more condition. */
const narrowed = (branch: Branch, where: WhereOptions, keyed = branch.keyed): Branch => ({ where: { [Op.and]: [branch.where, where] }, keyed });

export function worklistRouter(deps: ApiDeps): Router {
  const router = Router();
  router.param('id', eventIdParam);
  const { Event, EventHistory, SupervisionTicket } = deps.db.models;

  router.get('/counties/:county/events', async (req, res) => {
    const actor = actorInCounty(req, req.params.county);
    const conditions: WhereOptions[] = [{ countyId: actor.countyId }];
    let branches = visibility(actor, deps.db.dialect);
    /** The states asked for are all open ones (and `closed` was not given). */
    let openStates = false;
    const active = await deps.configs.active(actor.countyId);
    const timeZone = active?.compiled.timeZone ?? DEFAULT_TIME_ZONE;
    const states = query(req, 'state');
    if (states) {
      const list = states.split(',').slice(0, 20);
      checkFilterValues(active?.compiled, 'state', list);
      conditions.push({ state: { [Op.in]: list } });
      // open states only: say so, so the open-event indexes serve the query
      openStates = !!active && query(req, 'closed') === undefined && list.every((s) => active.compiled.workflow.states.has(s) && !active.compiled.workflow.states.get(s)!.terminal);
      if (openStates) conditions.push({ closed: false });
    }
    const unit = query(req, 'unit');
    if (unit) checkFilterValues(active?.compiled, 'unit', [unit]);
    // lead=true: the unit's events as the handling unit only (the dashboards' "unit"), not those it assists
    const lead = boolQuery(req, 'lead');
    if (lead !== undefined && !unit) throw new BadRequestError('bad-query', '"lead" narrows "unit": give a unit with it', { field: 'lead' });
    if (unit) branches = branches.flatMap((branch) => [narrowed(branch, { handlingUnit: unit }, true), ...(lead ? [] : [narrowed(branch, assisting(unit, deps.db.dialect), false)])]);
    const categoryText = query(req, 'category');
    const categories = categoryText ? [...new Set(categoryText.split(',').slice(0, 50))] : null;
    if (categories) checkFilterValues(active?.compiled, 'category', categories);
    if (categories) conditions.push({ category: { [Op.in]: categories } });
    const source = query(req, 'source');
    if (source !== undefined && !SOURCE.test(source)) throw new BadRequestError('bad-query', '"source" must be a report channel name: a lower-case letter, then up to 31 of a-z, 0-9, _ and -', { field: 'source' });
    if (source) conditions.push({ source });
    const level = query(req, 'level');
    // the levels of the active config (the baseline four when it declares none, or when no config is active yet)
    const declared = (active?.compiled.levels ?? DEFAULT_LEVELS).map((l) => l.level);
    if (level) {
      const levels = level.split(',').slice(0, 20).map((l) => (/^\d{1,2}$/.test(l.trim()) ? Number(l) : NaN));
      if (levels.some((l) => !declared.includes(l))) throw new BadRequestError('bad-query', `"level" must be one of the county's levels, ${declared.join(', ')} (or a comma list)`, { field: 'level', details: { allowed: declared.map(String) } });
      // one ordered index range per level, merged below (an IN list would scan by time)
      const distinct = [...new Set(levels)];
      branches = branches.flatMap((branch) => distinct.map((l) => narrowed(branch, { level: l })));
    } else if (categories) {
      // without a level, the (category, level, time) index narrows to the category only, and
      // newest first would be a walk back through the time index testing each event's category
      // (~1,500 rows for a month of one category in a million events): one ordered range per
      // category and level instead, merged below, while that stays a few ranges
      // (events decided under an older version may hold a level the active one no longer declares:
      // one more range, usually empty, for any level above the declared ones)
      const ranges: WhereOptions[] = [...declared.map((l) => ({ level: l })), { level: { [Op.gt]: Math.max(...declared) } }];
      if (branches.length * categories.length * ranges.length <= MAX_SPLIT_BRANCHES) {
        branches = branches.flatMap((branch) => categories.flatMap((c) => ranges.map((range) => narrowed(branch, { category: c, ...range }))));
      }
    }
    const red = boolQuery(req, 'red');
    if (red !== undefined) conditions.push({ red });
    // overdue: open and past the resolution deadline now (docs/dashboards.md), whether or not it turned red
    const overdue = boolQuery(req, 'overdue');
    if (overdue !== undefined) {
      const late = overdueSql(deps.db.dialect, '', String(deps.now()));
      conditions.push(Sequelize.literal(overdue ? late : `NOT COALESCE(${late}, ${sqlFalse(deps.db.dialect)})`) as unknown as WhereOptions);
    }
    const closed = boolQuery(req, 'closed');
    if (closed !== undefined) conditions.push({ closed });
    for (const field of ['township', 'grid'] as const) {
      const ids = unitsOfKind(active?.compiled, field, query(req, field));
      if (ids) conditions.push({ [field]: { [Op.in]: ids } });
    }
    // closed in a span: a closed event changes no more, so its updated_at is when it closed
    const closedFrom = dateQuery(req, 'closedFrom');
    const closedTo = dateQuery(req, 'closedTo');
    if (closedFrom || closedTo) conditions.push({ closed: true, updatedAt: { ...(closedFrom ? { [Op.gte]: closedFrom } : {}), ...(closedTo ? { [Op.lt]: closedTo } : {}) } });
    // a unit's open events are held by (red, time) in the partial indexes: one range for red
    // events and one for the others, merged below
    if ((openStates || closed === false) && red === undefined) branches = branches.flatMap((branch) => (branch.keyed ? [narrowed(branch, { red: true }), narrowed(branch, { red: false })] : [branch]));
    const from = dateQuery(req, 'from');
    if (from) conditions.push({ reportedAt: { [Op.gte]: from } });
    const to = dateQuery(req, 'to');
    if (to) conditions.push({ reportedAt: { [Op.lt]: to } });
    const order = checkEnumValue('order', query(req, 'order') ?? 'newest', ORDERS);
    const format = checkFormat(query(req, 'format'));
    const limitText = query(req, 'limit');
    const limit = limitText === undefined ? 50 : /^[0-9]{1,4}$/.test(limitText) ? Number(limitText) : NaN;
    if (format === 'json' && (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)) throw new BadRequestError('bad-query', `"limit" must be 1–${MAX_LIMIT}`, { field: 'limit' });
    const cursorText = query(req, 'cursor');
    /** One page after `cursor` (none: the first), merged from every branch in order. */
    const readPage = async (cursor: Cursor | null, size: number) => {
      const paged = [...conditions];
      if (cursor) {
        const at = new Date(cursor.at);
        const after = { [Op.or]: [{ reportedAt: { [Op.lt]: at } }, { reportedAt: at, id: { [Op.lt]: cursor.id } }] };
        if (order === 'red-first') {
          paged.push(cursor.red ? { [Op.or]: [{ red: false }, { red: true, ...after }] } : { red: false, ...after });
        } else paged.push(after);
      }
      // raw rows (no model instances, no per-value type parsing of every row of every branch):
      // only the rows of the page are turned into views
      const perBranch = await Promise.all(
        branches.map((branch) =>
          Event.findAll({
            where: { [Op.and]: [...paged, branch.where] },
            attributes: [...LIST_FIELDS],
            order: [...(order === 'red-first' ? [['red', 'DESC'] as [string, string]] : []), ['reportedAt', 'DESC'], ['id', 'DESC']],
            limit: size + 1,
            raw: true,
          }) as unknown as Promise<Array<Record<(typeof LIST_FIELDS)[number], unknown>>>,
        ),
      );
      const seen = new Set<string>();
      const rows: ListRow[] = [];
      for (const raw of perBranch.flat()) {
        const id = raw.id as string;
        if (seen.has(id)) continue;
        seen.add(id);
        rows.push({ raw, id, at: storedTime(raw.reportedAt), red: storedBoolean(raw.red) });
      }
      rows.sort((a, b) => (order === 'red-first' ? Number(b.red) - Number(a.red) : 0) || b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
      return { rows: rows.slice(0, size), more: rows.length > size };
    };
    if (format !== 'json') {
      await sendWorklist(res, { format, read: readPage, compiled: active?.compiled, timeZone, countyId: actor.countyId, now: deps.now() });
      return;
    }
    const { rows: page, more } = await readPage(cursorText ? decodeCursor(cursorText) : null, limit);
    const last = page[page.length - 1];
    res.json({
      events: page.map(({ raw: e, id, at, red }) => {
        const sla = storedJson(e.sla);
        return {
          id, county: e.countyId, configVersion: e.configVersion, category: e.category, level: e.level, state: e.state, closed: storedBoolean(e.closed), handlingUnit: e.handlingUnit,
          dispatcher: e.dispatcher, assist: storedJson(e.assist), reporterId: e.reporterId, source: e.source, grid: e.grid, township: e.township, red, version: e.version,
          reportedAt: apiTime(at, timeZone), updatedAt: apiTime(storedTime(e.updatedAt), timeZone), acceptDue: dueOf(sla, 'accept', timeZone), resolveDue: dueOf(sla, 'resolve', timeZone),
        };
      }),
      nextCursor: more && last ? encodeCursor({ at: last.at, id: last.id, ...(order === 'red-first' ? { red: last.red } : {}) }) : null,
    });
  });

  router.get('/counties/:county/events/:id', async (req, res) => {
    const actor = actorInCounty(req, req.params.county);
    const row = await Event.findOne({ where: { countyId: actor.countyId, id: req.params.id } });
    // an event the caller may not see is not there for it, as in its worklist
    if (!row || !canSee(actor, row)) throw new NotFoundError(`event "${req.params.id}" not found`);
    const plain = row.get({ plain: true });
    const [history, tickets, timers, compiled] = await Promise.all([
      EventHistory.findAll({ where: { countyId: actor.countyId, eventId: row.id }, order: [['seq', 'ASC']] }),
      SupervisionTicket.findAll({ where: { countyId: actor.countyId, eventId: row.id }, order: [['issuedAt', 'ASC']] }),
      deps.db.models.Timer.findAll({ where: { countyId: actor.countyId, eventId: row.id }, order: [['dueAt', 'ASC'], ['id', 'ASC']] }),
      deps.configs.compiled(actor.countyId, row.configVersion),
    ]);
    const actions = availableActions(compiled, eventStateOf(plain), { role: actor.role, id: actor.id, ...(actor.unit ? { unit: actor.unit } : {}) });
    const view = await callerEventView(deps.configs, actor, plain, { explanation: true, compiled });
    const timeZone = view.timeZone;
    const names = await actorNames(deps.db, actor.countyId, history.map((h) => h.actorId));
    res.json({
      event: view.event,
      reporterAccess: view.reporterAccess,
      history: history.map((h) => ({ seq: h.seq, at: apiTime(h.at, timeZone), actor: { id: h.actorId, role: h.actorRole, ...(names.has(h.actorId) ? { name: names.get(h.actorId) } : {}) }, action: h.action, from: h.fromState, to: h.toState, ruleId: h.ruleId, detail: h.detail })),
      actions,
      tickets: tickets.map((t) => ({ id: t.id, unit: t.unit, issuedAt: apiTime(t.issuedAt, timeZone), reason: t.reason })),
      timers: timers.map((t) => ({ id: t.id, kind: t.kind, clock: t.clock, dueAt: apiTime(t.dueAt, timeZone), status: t.status })),
    });
  });

  router.post('/counties/:county/events/:id/comments', async (req, res) => {
    const actor = actorInCounty(req, req.params.county);
    const text = (req.body as Record<string, unknown> | undefined)?.text;
    if (typeof text !== 'string' || text.trim() === '' || text.length > 4000) throw new UnprocessableError('bad-comment', '"text" must be 1–4,000 characters', { field: 'text' });
    const timeZone = await countyTimeZone(deps.configs, actor.countyId);
    const entry = await deps.db.transaction(async (t) => {
      const row = await Event.findOne({ where: { countyId: actor.countyId, id: req.params.id }, transaction: t });
      if (!row || !canSee(actor, row)) throw new NotFoundError(`event "${req.params.id}" not found`);
      const at = deps.now();
      await appendHistory(deps.db, t, [{ countyId: actor.countyId, eventId: row.id, at, actor: { id: actor.id, role: actor.role }, action: 'comment', from: row.state, to: row.state, detail: { text, unit: actor.unit ?? null } }]);
      return { at: apiTime(at, timeZone), action: 'comment', text, actor: { id: actor.id, role: actor.role, ...(actor.name ? { name: actor.name } : {}) } };
    });
    res.status(201).json({ entry });
  });

  /** Joint handling: the dispatcher names assisting units beside the lead unit. */
  router.put('/counties/:county/events/:id/assist', async (req, res) => {
    const actor = actorInCounty(req, req.params.county);
    requireRole(actor, ['dispatcher', 'county_admin'], 'organise joint handling');
    const body = req.body as Record<string, unknown> | undefined;
    const units = body?.units;
    if (!Array.isArray(units) || units.length > 10 || !units.every((u) => typeof u === 'string')) throw new BadRequestError('bad-units', '"units" must be a list of up to 10 unit ids', { field: 'units' });
    if (typeof body?.version !== 'number') throw new BadRequestError('bad-version', '"version" must be the version of the event you saw', { field: 'version' });
    const event = await deps.db.transaction(async (t) => {
      const row = await Event.findOne({ where: { countyId: actor.countyId, id: req.params.id }, transaction: t, ...(deps.db.dialect === 'postgres' ? { lock: t.LOCK.UPDATE } : {}) });
      if (!row || !canSee(actor, row)) throw new NotFoundError(`event "${req.params.id}" not found`);
      if (row.closed) throw new ConflictError('terminal-state', `event "${row.id}" is ${row.state}: joint handling ends with it`, { field: 'units' });
      if (row.version !== body.version) throw new ConflictError('stale-version', `event "${row.id}" has changed since you read it (now version ${row.version}); reload and try again`, { field: 'version' });
      if (actor.role === 'dispatcher' && actor.unit !== row.dispatcher) throw new ForbiddenError('unit-not-allowed', `only the dispatching unit "${row.dispatcher}" organises joint handling`, { field: 'units' });
      const compiled = await deps.configs.compiled(actor.countyId, row.configVersion);
      const unknown = (units as string[]).filter((u) => !compiled.units.canHandle(u));
      if (unknown.length > 0) throw new UnprocessableError('unknown-unit', `not units that can handle events: ${unknown.join(', ')}`, { field: 'units' });
      const assist = [...new Set(units as string[])].filter((u) => u !== row.handlingUnit);
      const at = deps.now();
      await Event.update({ assist, version: row.version + 1, updatedAt: new Date(at) }, { where: { countyId: actor.countyId, id: row.id, version: row.version }, transaction: t });
      await appendHistory(deps.db, t, [{ countyId: actor.countyId, eventId: row.id, at, actor: { id: actor.id, role: actor.role }, action: 'assist', from: row.state, to: row.state, detail: { lead: row.handlingUnit, assist } }]);
      return (await Event.findOne({ where: { countyId: actor.countyId, id: row.id }, transaction: t }))!.get({ plain: true });
    });
    res.json({ event: (await callerEventView(deps.configs, actor, event)).event });
  });

  return router;
}
