/**
 * A county's events in report order, read page by page by the key (reported_at, id) — never all
 * at once: what a backtest replays, and (light columns only) the week before its period, from
 * which the first days' recent-reports counts are rebuilt.
 */
import { QueryTypes } from 'sequelize';
import type { Database } from '../db/open-database';
import { sqlDate, storedTime } from '../db/raw-sql';

export const PAGE_SIZE = 2_000;

type Row = Record<string, unknown>;

async function query(db: Database, sql: string, params: unknown[]): Promise<Row[]> {
  // SQLite: the read-only connection (it never waits for the writer); PostgreSQL: the pool
  if (db.reader) return db.reader.all<Row>(sql, params);
  return db.sequelize.query<Row>(sql, { replacements: params, type: QueryTypes.SELECT, raw: true });
}

export interface PageRow {
  id: string;
  category: string;
  source: string;
  grid: string | null;
  township: string | null;
  reportedAt: number;
  data?: unknown;
  decision?: unknown;
  sla?: unknown;
}

/**
 * Pages of events reported in [from, to), in (reported_at, id) order. `full`: with data, decision
 * and SLA plan; otherwise only what the recent-reports count needs.
 */
export async function* eventPages(db: Database, opts: { countyId: string; from: number; to: number; full: boolean; pageSize?: number }): AsyncGenerator<PageRow[]> {
  const size = opts.pageSize ?? PAGE_SIZE;
  const columns = opts.full ? 'id, category, source, grid, township, reported_at, data, decision, sla' : 'id, category, source, grid, township, reported_at';
  const to = sqlDate(db.dialect, opts.to);
  let after: [unknown, string] | null = null;
  for (;;) {
    const rows: Row[] = after === null
      ? await query(db, `SELECT ${columns} FROM events WHERE county_id = ? AND reported_at >= ? AND reported_at < ? ORDER BY reported_at, id LIMIT ?`, [opts.countyId, sqlDate(db.dialect, opts.from), to, size])
      : await query(db, `SELECT ${columns} FROM events WHERE county_id = ? AND (reported_at, id) > (?, ?) AND reported_at < ? ORDER BY reported_at, id LIMIT ?`, [opts.countyId, after[0], after[1], to, size]);
    if (rows.length === 0) return;
    const last = rows[rows.length - 1];
    after = [last.reported_at, String(last.id)];
    yield rows.map((r) => ({
      id: String(r.id),
      category: String(r.category),
      source: String(r.source),
      grid: r.grid === null || r.grid === undefined ? null : String(r.grid),
      township: r.township === null || r.township === undefined ? null : String(r.township),
      reportedAt: storedTime(r.reported_at),
      ...(opts.full ? { data: r.data, decision: r.decision, sla: r.sla } : {}),
    }));
    if (rows.length < size) return;
  }
}

/** Events reported in [from, to). */
export async function countEvents(db: Database, countyId: string, from: number, to: number): Promise<number> {
  const [row] = await query(db, 'SELECT count(*) AS n FROM events WHERE county_id = ? AND reported_at >= ? AND reported_at < ?', [countyId, sqlDate(db.dialect, from), sqlDate(db.dialect, to)]);
  return Number(row?.n ?? 0);
}

/** The stored explanations of some events, by id. */
export async function storedExplanations(db: Database, countyId: string, ids: readonly string[]): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  for (let start = 0; start < ids.length; start += 500) {
    const chunk = ids.slice(start, start + 500);
    const rows = await query(db, `SELECT id, explanation FROM events WHERE county_id = ? AND id IN (${chunk.map(() => '?').join(', ')})`, [countyId, ...chunk]);
    for (const r of rows) out.set(String(r.id), typeof r.explanation === 'string' ? JSON.parse(r.explanation) : r.explanation);
  }
  return out;
}
