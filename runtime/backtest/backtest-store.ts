/**
 * Backtest runs and their changed events in the database (migration 0017): a run is written when
 * it starts, its progress, totals and summary as it goes, its end (done, cancelled, failed); the
 * changed events batch by batch. A run whose heartbeat stopped (its process died) is marked
 * interrupted when it is next read or when the server starts.
 */
import { QueryTypes } from 'sequelize';
import type { Database } from '../db/open-database';
import { storedBoolean } from '../db/raw-sql';
import { NotFoundError } from '../http/errors';
import type { BacktestSummary, BacktestTotals } from './backtest-summary';
import type { ChangedEvent } from './replay-batch';
import { replayedExplanation, runConfig } from './replay-explanations';

export const BACKTEST_STATUSES = ['running', 'done', 'cancelled', 'interrupted', 'failed'] as const;
export type BacktestStatus = (typeof BACKTEST_STATUSES)[number];
export type ConfigSourceKind = 'draft' | 'version' | 'file';

/** A running run writes its heartbeat at least this often; one silent for 3 times as long is interrupted. */
export const HEARTBEAT_MS = 5_000;
const STALE_MS = 3 * HEARTBEAT_MS;

export interface BacktestRun {
  id: string;
  countyId: string;
  source: { kind: ConfigSourceKind; version: number | null; label: string };
  from: number;
  to: number;
  status: BacktestStatus;
  cancelRequested: boolean;
  done: number;
  total: number;
  totals: BacktestTotals | null;
  summary: BacktestSummary | null;
  error: string | null;
  createdBy: string;
  createdAt: number;
  finishedAt: number | null;
}

type Row = Record<string, unknown>;
/** A JSON column read back: text (SQLite, and text columns on PostgreSQL) or already parsed (PostgreSQL's json). */
const parse = <T>(v: unknown): T | null => (v === null || v === undefined ? null : typeof v === 'object' ? (v as T) : (JSON.parse(String(v)) as T));

function runOf(r: Row): BacktestRun {
  return {
    id: String(r.id),
    countyId: String(r.county_id),
    source: { kind: String(r.source_kind) as ConfigSourceKind, version: r.source_version === null || r.source_version === undefined ? null : Number(r.source_version), label: String(r.source_label) },
    from: Number(r.period_from),
    to: Number(r.period_to),
    status: String(r.status) as BacktestStatus,
    cancelRequested: storedBoolean(r.cancel_requested),
    done: Number(r.done),
    total: Number(r.total),
    totals: parse(r.totals),
    summary: parse(r.summary),
    error: r.error === null || r.error === undefined ? null : String(r.error),
    createdBy: String(r.created_by),
    createdAt: Number(r.created_at),
    finishedAt: r.finished_at === null || r.finished_at === undefined ? null : Number(r.finished_at),
  };
}

const RUN_COLUMNS = 'id, county_id, source_kind, source_version, source_label, period_from, period_to, status, cancel_requested, done, total, totals, summary, error, created_by, created_at, finished_at';

export async function insertRun(db: Database, run: { id: string; countyId: string; source: BacktestRun['source']; document: unknown; from: number; to: number; total: number; createdBy: string; now: number }): Promise<void> {
  await db.writeBatch((sql) =>
    sql.run(
      'INSERT INTO backtest_runs (county_id, id, source_kind, source_version, source_label, config_document, period_from, period_to, status, cancel_requested, done, total, created_by, created_at, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [run.countyId, run.id, run.source.kind, run.source.version, run.source.label, JSON.stringify(run.document), run.from, run.to, 'running', db.dialect === 'sqlite' ? 0 : false, 0, run.total, run.createdBy, run.now, run.now],
    ),
  );
}

/** Writes a running run's progress and heartbeat; returns whether a cancel was asked for. */
export async function writeProgress(db: Database, countyId: string, id: string, p: { done: number; totals: BacktestTotals; summary: BacktestSummary; now: number }): Promise<boolean> {
  await db.writeBatch((sql) => sql.run("UPDATE backtest_runs SET done = ?, totals = ?, summary = ?, heartbeat_at = ? WHERE county_id = ? AND id = ? AND status = 'running'", [p.done, JSON.stringify(p.totals), JSON.stringify(p.summary), p.now, countyId, id]));
  const [row] = await db.sequelize.query<Row>('SELECT cancel_requested, status FROM backtest_runs WHERE county_id = ? AND id = ?', { replacements: [countyId, id], type: QueryTypes.SELECT });
  return !row || storedBoolean(row.cancel_requested) || row.status !== 'running';
}

export async function finishRun(db: Database, countyId: string, id: string, p: { status: Exclude<BacktestStatus, 'running'>; done: number; totals: BacktestTotals; summary: BacktestSummary; error?: string | null; now: number }): Promise<void> {
  await db.writeBatch((sql) =>
    sql.run('UPDATE backtest_runs SET status = ?, done = ?, totals = ?, summary = ?, error = ?, heartbeat_at = ?, finished_at = ? WHERE county_id = ? AND id = ?', [
      p.status, p.done, JSON.stringify(p.totals), JSON.stringify(p.summary), p.error ?? null, p.now, p.now, countyId, id,
    ]),
  );
}

/**
 * Writes changed events. No explanation is copied: the "before" side's is the one the event
 * stored at intake, and the new one is made again when the change is read (replay-explanations.ts)
 * from the recent-reports count written here.
 */
export async function writeChanged(db: Database, countyId: string, runId: string, rows: readonly ChangedEvent[]): Promise<void> {
  if (rows.length === 0) return;
  const values = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
  // Sent with bound parameters through a statement run at once (`all`), not written into a script
  // as literals: the rows' JSON texts are not copied into SQL text for SQLite to parse again
  // (measured on SQLite: about a fifth less CPU a row). Chunks of powers of two rows keep the
  // statement texts (each prepared once) few.
  await db.writeBatch(async (sql) => {
    for (let start = 0; start < rows.length; ) {
      let size = MAX_ROWS_PER_INSERT;
      while (size > rows.length - start) size /= 2;
      const params: unknown[] = [];
      for (const r of rows.slice(start, start + size)) {
        params.push(countyId, runId, r.eventId, r.reportedAt, r.category, r.township, r.changes, r.newlyLate, r.before, r.after, r.recentReports);
      }
      await sql.all(
        `INSERT INTO backtest_changes (county_id, run_id, event_id, reported_at, category, township, changes, newly_late, before_side, after_side, recent_reports) VALUES ${Array.from({ length: size }, () => values).join(', ')}`,
        params,
      );
      start += size;
    }
  });
}

/** Rows per INSERT statement of changed events: a power of two. */
const MAX_ROWS_PER_INSERT = 256;

/** Runs of this county left `running` by a process that stopped: marked interrupted. */
export async function markInterrupted(db: Database, now: number, countyId?: string): Promise<void> {
  const where = countyId === undefined ? '' : ' AND county_id = ?';
  await db.writeBatch((sql) => sql.run(`UPDATE backtest_runs SET status = 'interrupted', finished_at = ? WHERE status = 'running' AND heartbeat_at < ?${where}`, [now, now - STALE_MS, ...(countyId === undefined ? [] : [countyId])]));
}

export async function getRun(db: Database, countyId: string, id: string, now: number): Promise<BacktestRun> {
  const read = async () => (await db.sequelize.query<Row>(`SELECT ${RUN_COLUMNS}, heartbeat_at FROM backtest_runs WHERE county_id = ? AND id = ?`, { replacements: [countyId, id], type: QueryTypes.SELECT }))[0];
  let row = await read();
  if (!row) throw new NotFoundError(`backtest ${id} not found`);
  if (row.status === 'running' && Number(row.heartbeat_at) < now - STALE_MS) {
    await markInterrupted(db, now, countyId);
    row = await read();
  }
  return runOf(row!);
}

export async function listRuns(db: Database, countyId: string, now: number, limit = 50): Promise<BacktestRun[]> {
  await markInterrupted(db, now, countyId);
  const rows = await db.sequelize.query<Row>(`SELECT ${RUN_COLUMNS} FROM backtest_runs WHERE county_id = ? ORDER BY created_at DESC, id DESC LIMIT ?`, { replacements: [countyId, limit], type: QueryTypes.SELECT });
  return rows.map(runOf);
}

/** Asks a running run to stop (it stops at its next batch, keeping what it found); false when it is not running. */
export async function requestCancel(db: Database, countyId: string, id: string): Promise<boolean> {
  await db.writeBatch((sql) => sql.run("UPDATE backtest_runs SET cancel_requested = ? WHERE county_id = ? AND id = ? AND status = 'running'", [db.dialect === 'sqlite' ? 1 : true, countyId, id]));
  const [row] = await db.sequelize.query<Row>('SELECT status FROM backtest_runs WHERE county_id = ? AND id = ?', { replacements: [countyId, id], type: QueryTypes.SELECT });
  return row?.status === 'running';
}

export interface ChangedEventRow {
  eventId: string;
  reportedAt: number;
  category: string;
  township: string | null;
  changes: string[];
  newlyLate: string[];
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  explanationBefore: Record<string, unknown> | null;
  explanationAfter: Record<string, unknown> | null;
}

/**
 * A page of a run's changed events in report order, after the cursor `[reportedAt, eventId]`, each
 * with the explanation its event stored at intake (runs written before it was read from the
 * event kept a copy of their own) and the run's new one, made again from the event and the
 * recent-reports count the run kept (runs written before kept the explanation itself).
 */
export async function listChanged(db: Database, countyId: string, runId: string, opts: { category?: string; township?: string; newlyLate?: boolean; after?: [number, string]; limit: number }): Promise<ChangedEventRow[]> {
  const where = ['c.county_id = ?', 'c.run_id = ?'];
  const params: unknown[] = [countyId, runId];
  if (opts.category !== undefined) (where.push('c.category = ?'), params.push(opts.category));
  if (opts.township !== undefined) (where.push('c.township = ?'), params.push(opts.township));
  if (opts.newlyLate) where.push("c.newly_late <> ''");
  if (opts.after) (where.push('(c.reported_at > ? OR (c.reported_at = ? AND c.event_id > ?))'), params.push(opts.after[0], opts.after[0], opts.after[1]));
  params.push(opts.limit);
  const eventId = db.dialect === 'postgres' ? 'CAST(c.event_id AS uuid)' : 'c.event_id';
  const rows = await db.sequelize.query<Row>(
    `SELECT c.*, e.explanation AS event_explanation, e.data AS event_data, e.source AS event_source FROM backtest_changes c LEFT JOIN events e ON e.county_id = c.county_id AND e.id = ${eventId} WHERE ${where.join(' AND ')} ORDER BY c.reported_at, c.event_id LIMIT ?`,
    { replacements: params, type: QueryTypes.SELECT },
  );
  const compiled = rows.some((r) => r.explanation_after == null) ? await runConfig(db, countyId, runId) : null;
  const explanationAfter = (r: Row): Record<string, unknown> | null => {
    if (r.explanation_after != null) return parse(r.explanation_after);
    // the event's data is parsed only for a row whose explanation is made again
    const data = compiled && r.recent_reports != null ? parse<Record<string, unknown>>(r.event_data) : null;
    if (!compiled || !data) return null;
    return replayedExplanation(compiled, { category: String(r.category), data, reportedAt: Number(r.reported_at), source: String(r.event_source), recentReports: Number(r.recent_reports) });
  };
  return rows.map((r) => ({
    eventId: String(r.event_id),
    reportedAt: Number(r.reported_at),
    category: String(r.category),
    township: r.township === null || r.township === undefined ? null : String(r.township),
    changes: JSON.parse(String(r.changes)) as string[],
    newlyLate: String(r.newly_late ?? '') === '' ? [] : String(r.newly_late).split(','),
    before: JSON.parse(String(r.before_side)) as Record<string, unknown>,
    after: JSON.parse(String(r.after_side)) as Record<string, unknown>,
    explanationBefore: parse(r.explanation_before ?? r.event_explanation),
    explanationAfter: explanationAfter(r),
  }));
}
