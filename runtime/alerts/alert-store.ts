/**
 * The alerts table (migration 0013): raising an alert — the row, its first history entry and its
 * outbox message in one transaction, once per dedupe key — reading them page by page, newest
 * first, and acknowledging one with the actor and note kept in its history. Raw SQL that runs on
 * SQLite and PostgreSQL alike; times are epoch milliseconds.
 */
import { QueryTypes, type Model, type ModelStatic, type Transaction } from 'sequelize';
import type { I18nText } from '../../engine/index';
import type { Database } from '../db/open-database';
import { newId } from '../db/ids';
import { insertRows } from '../db/raw-sql';
import { alertRaisedDrafts } from '../outbox/messages';

export type AlertKind = 'threshold' | 'aberration';
export type AlertStatus = 'open' | 'acknowledged';

export interface NewAlert {
  countyId: string;
  kind: AlertKind;
  /** The threshold's id, or `aberration`. */
  rule: string;
  name: I18nText;
  category: string;
  /** The minor categories counted. */
  counted: readonly string[];
  area: string;
  areaKind: string;
  commandRoom: string;
  windowFrom: number;
  windowTo: number;
  count: number;
  expected: number | null;
  configVersion: number;
  raisedAt: number;
  /** Unique per county: the same key raises once. */
  dedupeKey: string;
}

export interface StoredAlert extends Omit<NewAlert, 'dedupeKey'> {
  id: string;
  status: AlertStatus;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
  acknowledgedByName: string | null;
  note: string | null;
}

const COLUMNS = 'county_id, id, kind, rule, name, category, counted, area, area_kind, command_room, window_from, window_to, count, expected, config_version, raised_at, status, acknowledged_at, acknowledged_by, acknowledged_by_name, note';

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

function alertOf(r: Record<string, unknown>): StoredAlert {
  return {
    countyId: String(r.county_id), id: String(r.id), kind: String(r.kind) as AlertKind, rule: String(r.rule), name: JSON.parse(String(r.name)) as I18nText,
    category: String(r.category), counted: JSON.parse(String(r.counted)) as string[], area: String(r.area), areaKind: String(r.area_kind), commandRoom: String(r.command_room),
    windowFrom: Number(r.window_from), windowTo: Number(r.window_to), count: Number(r.count), expected: num(r.expected), configVersion: Number(r.config_version),
    raisedAt: Number(r.raised_at), status: String(r.status) as AlertStatus, acknowledgedAt: num(r.acknowledged_at), acknowledgedBy: str(r.acknowledged_by),
    acknowledgedByName: str(r.acknowledged_by_name), note: str(r.note),
  };
}

/**
 * Raises an alert unless its dedupe key was raised before; returns the new alert, or null. One
 * write through the database's batch writer (on SQLite its own connection, not a transaction of
 * sequelize's, which opens a connection each time): the alert, its first history entry and its
 * outbox message, all or nothing.
 */
export async function raiseAlert(db: Database, alert: NewAlert): Promise<StoredAlert | null> {
  const id = newId(alert.raisedAt);
  return db.writeBatch(async (sql) => {
    await sql.run(
      `INSERT INTO alerts (${COLUMNS}, dedupe_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', NULL, NULL, NULL, NULL, ?) ON CONFLICT (county_id, dedupe_key) DO NOTHING`,
      [alert.countyId, id, alert.kind, alert.rule, JSON.stringify(alert.name), alert.category, JSON.stringify(alert.counted), alert.area, alert.areaKind, alert.commandRoom, alert.windowFrom, alert.windowTo, alert.count, alert.expected, alert.configVersion, alert.raisedAt, alert.dedupeKey],
    );
    const [stored] = await sql.all<{ id: string }>('SELECT id FROM alerts WHERE county_id = ? AND dedupe_key = ?', [alert.countyId, alert.dedupeKey]);
    if (stored?.id !== id) return null;
    await sql.run("INSERT INTO alert_history (county_id, alert_id, seq, at, action, actor_id, actor_role, actor_name, note) VALUES (?, ?, 1, ?, 'raise', 'system', 'system', NULL, NULL)", [alert.countyId, id, alert.raisedAt]);
    const raised: StoredAlert = { ...alert, id, status: 'open', acknowledgedAt: null, acknowledgedBy: null, acknowledgedByName: null, note: null };
    const now = new Date(alert.raisedAt);
    await insertRows(sql, db.dialect, db.models.Outbox as unknown as ModelStatic<Model>, alertRaisedDrafts(raised).map((d) => ({ ...d, id: newId(alert.raisedAt), status: 'pending', nextAttemptAt: now, createdAt: now })));
    return raised;
  });
}

/** When `rule` last raised an alert for this area and category (0: never). */
export async function lastRaisedAt(db: Database, opts: { countyId: string; rule: string; area: string; category: string }): Promise<number> {
  const sql = 'SELECT MAX(raised_at) AS at FROM alerts WHERE county_id = ? AND rule = ? AND area = ? AND category = ?';
  const params = [opts.countyId, opts.rule, opts.area, opts.category];
  const [row] = db.reader ? await db.reader.all<{ at: unknown }>(sql, params) : await db.sequelize.query<{ at: unknown }>(sql, { replacements: params, type: QueryTypes.SELECT });
  return row?.at === null || row?.at === undefined ? 0 : Number(row.at);
}

/** Whether `rule` raised an alert for this area and category after `since`. */
export async function raisedSince(db: Database, opts: { countyId: string; rule: string; area: string; category: string; since: number }): Promise<boolean> {
  if (db.reader) return (await db.reader.all('SELECT 1 AS x FROM alerts WHERE county_id = ? AND rule = ? AND area = ? AND category = ? AND raised_at > ? LIMIT 1', [opts.countyId, opts.rule, opts.area, opts.category, opts.since])).length > 0;
  const rows = await db.sequelize.query('SELECT 1 AS x FROM alerts WHERE county_id = :countyId AND rule = :rule AND area = :area AND category = :category AND raised_at > :since LIMIT 1', { replacements: opts, type: QueryTypes.SELECT });
  return rows.length > 0;
}

export interface AlertPage {
  alerts: StoredAlert[];
  /** The position after the last alert of the page, when there may be more. */
  next: { raisedAt: number; id: string } | null;
}

/** A page of alerts, newest first, after `after`; `commandRoom` limits it to one command room's. */
export async function listAlerts(db: Database, opts: { countyId: string; status: AlertStatus | 'all'; commandRoom?: string; limit: number; after?: { raisedAt: number; id: string } }): Promise<AlertPage> {
  const where = ['county_id = :county'];
  if (opts.status !== 'all') where.push('status = :status');
  if (opts.commandRoom !== undefined) where.push('command_room = :room');
  if (opts.after) where.push('(raised_at < :afterAt OR (raised_at = :afterAt AND id < :afterId))');
  const rows = await db.sequelize.query<Record<string, unknown>>(`SELECT ${COLUMNS} FROM alerts WHERE ${where.join(' AND ')} ORDER BY raised_at DESC, id DESC LIMIT :limit`, {
    replacements: { county: opts.countyId, status: opts.status, room: opts.commandRoom ?? null, afterAt: opts.after?.raisedAt ?? 0, afterId: opts.after?.id ?? '', limit: opts.limit + 1 },
    type: QueryTypes.SELECT,
  });
  const alerts = rows.slice(0, opts.limit).map(alertOf);
  const last = alerts.at(-1);
  return { alerts, next: rows.length > opts.limit && last ? { raisedAt: last.raisedAt, id: last.id } : null };
}

export async function readAlert(db: Database, countyId: string, id: string, t?: Transaction): Promise<StoredAlert | null> {
  const [row] = await db.sequelize.query<Record<string, unknown>>(`SELECT ${COLUMNS} FROM alerts WHERE county_id = :county AND id = :id`, { replacements: { county: countyId, id }, type: QueryTypes.SELECT, transaction: t });
  return row ? alertOf(row) : null;
}

export interface AlertActor {
  id: string;
  role: string;
  name: string | null;
}

/**
 * Acknowledges an open alert: who, when and the note go on the row and into its history, in one
 * transaction. Returns the alert as it is now, `'acknowledged'` when someone did it first, or null.
 */
export async function acknowledgeAlert(db: Database, opts: { countyId: string; id: string; actor: AlertActor; note: string | null; now: number }): Promise<StoredAlert | 'acknowledged' | null> {
  return db.transaction(async (t) => {
    const key = { county: opts.countyId, id: opts.id, at: opts.now, by: opts.actor.id, role: opts.actor.role, byName: opts.actor.name, note: opts.note };
    // the row is locked (PostgreSQL) or the database is (SQLite: one writer) until commit
    const lock = db.dialect === 'postgres' ? ' FOR UPDATE' : '';
    const [current] = await db.sequelize.query<{ status: string }>(`SELECT status FROM alerts WHERE county_id = :county AND id = :id${lock}`, { replacements: key, type: QueryTypes.SELECT, transaction: t });
    if (!current) return null;
    if (current.status !== 'open') return 'acknowledged';
    await db.sequelize.query(
      "UPDATE alerts SET status = 'acknowledged', acknowledged_at = :at, acknowledged_by = :by, acknowledged_by_name = :byName, note = :note WHERE county_id = :county AND id = :id",
      { replacements: key, transaction: t },
    );
    const alert = (await readAlert(db, opts.countyId, opts.id, t))!;
    const [last] = await db.sequelize.query<{ seq: unknown }>('SELECT MAX(seq) AS seq FROM alert_history WHERE county_id = :county AND alert_id = :id', { replacements: key, type: QueryTypes.SELECT, transaction: t });
    await db.sequelize.query('INSERT INTO alert_history (county_id, alert_id, seq, at, action, actor_id, actor_role, actor_name, note) VALUES (:county, :id, :seq, :at, :action, :by, :role, :byName, :note)', {
      replacements: { ...key, seq: Number(last?.seq ?? 0) + 1, action: 'acknowledge' },
      transaction: t,
    });
    return alert;
  });
}

export interface AlertHistoryEntry {
  seq: number;
  at: number;
  action: string;
  actorId: string;
  actorRole: string;
  actorName: string | null;
  note: string | null;
}

/** The audit trail of an alert, oldest first. */
export async function alertHistory(db: Database, countyId: string, id: string): Promise<AlertHistoryEntry[]> {
  const rows = await db.sequelize.query<Record<string, unknown>>('SELECT seq, at, action, actor_id, actor_role, actor_name, note FROM alert_history WHERE county_id = :county AND alert_id = :id ORDER BY seq', { replacements: { county: countyId, id }, type: QueryTypes.SELECT });
  return rows.map((r) => ({ seq: Number(r.seq), at: Number(r.at), action: String(r.action), actorId: String(r.actor_id), actorRole: String(r.actor_role), actorName: str(r.actor_name), note: str(r.note) }));
}
