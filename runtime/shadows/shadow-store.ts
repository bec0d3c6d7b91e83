/**
 * Shadow runs: a published version decides every report taken in after its start again, beside
 * the real decision; what it would have decided is recorded (shadow_changes for the events it
 * would have decided differently) and never acted on. The comparison is the backtest's
 * (engine/backtest/replay-event.ts) and so are the running counts (runtime/backtest/backtest-summary.ts).
 * One active shadow per county at a time.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import type { ConfigRepository } from '../db/config-repository';
import type { Database } from '../db/open-database';
import { BadRequestError, ConflictError, NotFoundError } from '../http/errors';
import { emptySummary, emptyTotals, type BacktestSummary, type BacktestTotals } from '../backtest/backtest-summary';

export type ShadowStatus = 'active' | 'stopped';

export interface Shadow {
  id: number;
  version: number;
  name: string | null;
  status: ShadowStatus;
  startedAt: number;
  startedBy: string;
  stoppedAt: number | null;
  stoppedBy: string | null;
  /** The report time of the last event decided in shadow (the start while none). */
  decidedUntil: number;
  totals: BacktestTotals;
  summary: BacktestSummary;
}

type Row = Record<string, unknown>;
/** The cursor's id before any event (event ids are UUIDs: this one sorts first). */
const NIL_ID = '00000000-0000-0000-0000-000000000000';
const orNull = <T>(v: unknown, f: (x: unknown) => T): T | null => (v === null || v === undefined ? null : f(v));

export function shadowOf(r: Row): Shadow {
  return {
    id: Number(r.id),
    version: Number(r.version),
    name: orNull(r.name, String),
    status: String(r.status) as ShadowStatus,
    startedAt: Number(r.started_at),
    startedBy: String(r.started_by),
    stoppedAt: orNull(r.stopped_at, Number),
    stoppedBy: orNull(r.stopped_by, String),
    decidedUntil: Number(r.cursor_at),
    totals: JSON.parse(String(r.totals)) as BacktestTotals,
    summary: JSON.parse(String(r.summary)) as BacktestSummary,
  };
}

export async function listShadows(db: Database, countyId: string): Promise<Shadow[]> {
  const rows = await db.sequelize.query<Row>('SELECT * FROM shadows WHERE county_id = :county ORDER BY id DESC', { replacements: { county: countyId }, type: QueryTypes.SELECT });
  return rows.map(shadowOf);
}

export async function getShadow(db: Database, countyId: string, id: number, transaction?: Transaction): Promise<Shadow> {
  const [row] = await db.sequelize.query<Row>('SELECT * FROM shadows WHERE county_id = :county AND id = :id', { replacements: { county: countyId, id }, type: QueryTypes.SELECT, transaction });
  if (!row) throw new NotFoundError(`shadow run ${id} not found`);
  return shadowOf(row);
}

/** Starts a shadow run of a published version from now on. */
export async function startShadow(deps: { db: Database; configs: ConfigRepository }, opts: { countyId: string; version: unknown; name?: unknown; actorId: string; now: number }): Promise<Shadow> {
  const { db, configs } = deps;
  if (typeof opts.version !== 'number' || !Number.isInteger(opts.version) || opts.version < 1) throw new BadRequestError('bad-version', '"version" must be the number of a published config version', { field: 'version' });
  if (opts.name !== undefined && opts.name !== null && (typeof opts.name !== 'string' || opts.name.length > 200)) throw new BadRequestError('bad-text', '"name" must be a text of at most 200 characters', { field: 'name' });
  try {
    await configs.compiled(opts.countyId, opts.version);
  } catch (err) {
    if ((err as Error).name === 'ConfigNotFoundError') throw new ConflictError('not-published', `version ${opts.version} is not a published version of the county; publish it first`, { field: 'version' });
    throw err;
  }
  const id = await db.transaction(async (t) => {
    if (db.dialect === 'postgres') await db.sequelize.query('SELECT id FROM counties WHERE id = ? FOR UPDATE', { replacements: [opts.countyId], transaction: t });
    const [active] = await db.sequelize.query<Row>("SELECT id FROM shadows WHERE county_id = :county AND status = 'active'", { replacements: { county: opts.countyId }, type: QueryTypes.SELECT, transaction: t });
    if (active) throw new ConflictError('shadow-running', `shadow run ${Number(active.id)} is running; stop it first`);
    const [last] = await db.sequelize.query<Row>('SELECT MAX(id) AS id FROM shadows WHERE county_id = :county', { replacements: { county: opts.countyId }, type: QueryTypes.SELECT, transaction: t });
    const next = Number(last?.id ?? 0) + 1;
    await db.sequelize.query("INSERT INTO shadows (county_id, id, version, name, status, started_at, started_by, cursor_at, cursor_id, totals, summary) VALUES (?, ?, ?, ?, 'active', ?, ?, ?, ?, ?, ?)", {
      replacements: [opts.countyId, next, opts.version, (opts.name as string | undefined) || null, opts.now, opts.actorId, opts.now, NIL_ID, JSON.stringify(emptyTotals()), JSON.stringify(emptySummary())],
      transaction: t,
    });
    return next;
  });
  return getShadow(db, opts.countyId, id);
}

export async function stopShadow(db: Database, opts: { countyId: string; id: number; actorId: string; now: number }): Promise<Shadow> {
  const shadow = await getShadow(db, opts.countyId, opts.id);
  if (shadow.status !== 'active') throw new ConflictError('shadow-stopped', `shadow run ${opts.id} was stopped already`);
  await db.sequelize.query("UPDATE shadows SET status = 'stopped', stopped_at = ?, stopped_by = ? WHERE county_id = ? AND id = ? AND status = 'active'", { replacements: [opts.now, opts.actorId, opts.countyId, opts.id] });
  return getShadow(db, opts.countyId, opts.id);
}

export interface ShadowChange {
  eventId: string;
  reportedAt: number;
  category: string;
  township: string | null;
  changes: string[];
  newlyLate: string[];
  real: unknown;
  shadow: unknown;
  shadowTrail: unknown;
  error: unknown;
}

/** The changed events of a shadow run, oldest first, `limit` after the cursor `after` (report time and id). */
export async function shadowChanges(db: Database, opts: { countyId: string; id: number; limit: number; after?: { at: number; id: string } }): Promise<ShadowChange[]> {
  const where = opts.after ? ' AND (reported_at > :at OR (reported_at = :at AND event_id > :eid))' : '';
  const rows = await db.sequelize.query<Row>(`SELECT * FROM shadow_changes WHERE county_id = :county AND shadow_id = :id${where} ORDER BY reported_at, event_id LIMIT :limit`, {
    replacements: { county: opts.countyId, id: opts.id, limit: opts.limit, at: opts.after?.at ?? 0, eid: opts.after?.id ?? '' },
    type: QueryTypes.SELECT,
  });
  const json = (v: unknown) => (v === null || v === undefined ? null : JSON.parse(String(v)));
  return rows.map((r) => ({
    eventId: String(r.event_id),
    reportedAt: Number(r.reported_at),
    category: String(r.category),
    township: orNull(r.township, String),
    changes: JSON.parse(String(r.changes)) as string[],
    newlyLate: String(r.newly_late) === '' ? [] : String(r.newly_late).split(','),
    real: json(r.real_side),
    shadow: json(r.shadow_side),
    shadowTrail: json(r.shadow_trail),
    error: json(r.error),
  }));
}
