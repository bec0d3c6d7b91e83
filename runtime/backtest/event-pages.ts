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
  /** What the event got: its stored decision's level, unit and dispatcher, its SLA plan's policy and clocks (JSON text on SQLite). */
  got?: StoredGot;
}

export interface StoredGot {
  level: number;
  unit: string | null;
  dispatcher: string | null;
  slaPolicy: string | null;
  clocks: unknown;
}

/**
 * Pages of events reported in [from, to), in (reported_at, id) order. `full`: with data, decision
 * and SLA plan; otherwise only what the recent-reports count needs.
 */
export async function* eventPages(db: Database, opts: { countyId: string; from: number; to: number; full: boolean; pageSize?: number }): AsyncGenerator<PageRow[]> {
  const size = opts.pageSize ?? PAGE_SIZE;
  // what the event got, taken out of its decision and SLA plan by the database (the rest of those
  // columns — notifications, timers — never crosses into JavaScript)
  const got = db.dialect === 'sqlite'
    ? "json_extract(decision, '$.level') AS got_level, json_extract(decision, '$.unit') AS got_unit, json_extract(decision, '$.dispatcher') AS got_dispatcher, json_extract(sla, '$.policy') AS got_policy, json_extract(sla, '$.clocks') AS got_clocks"
    : "decision->>'level' AS got_level, decision->>'unit' AS got_unit, decision->>'dispatcher' AS got_dispatcher, sla->>'policy' AS got_policy, sla->'clocks' AS got_clocks";
  const columns = opts.full ? `id, category, source, grid, township, reported_at, data, ${got}` : 'id, category, source, grid, township, reported_at';
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
      ...(opts.full
        ? {
            data: r.data,
            got: {
              level: r.got_level === null || r.got_level === undefined ? 0 : Number(r.got_level),
              unit: r.got_unit === null || r.got_unit === undefined ? null : String(r.got_unit),
              dispatcher: r.got_dispatcher === null || r.got_dispatcher === undefined ? null : String(r.got_dispatcher),
              slaPolicy: r.got_policy === null || r.got_policy === undefined ? null : String(r.got_policy),
              clocks: r.got_clocks ?? null,
            },
          }
        : {}),
    }));
    if (rows.length < size) return;
  }
}

/** Events reported in [from, to). */
export async function countEvents(db: Database, countyId: string, from: number, to: number): Promise<number> {
  const [row] = await query(db, 'SELECT count(*) AS n FROM events WHERE county_id = ? AND reported_at >= ? AND reported_at < ?', [countyId, sqlDate(db.dialect, from), sqlDate(db.dialect, to)]);
  return Number(row?.n ?? 0);
}
