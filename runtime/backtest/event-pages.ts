/**
 * A county's events in report order, read page by page by the key (reported_at, id) — never all
 * at once: what a backtest replays, and (light columns only) the week before its period, from
 * which the first days' recent-reports counts are rebuilt. Read through the runtime's own
 * connections, or through a connection of its own opened by a backtest's worker thread.
 */
import { QueryTypes, Sequelize } from 'sequelize';
import type { Database, DatabaseAddress, Dialect } from '../db/open-database';
import { sqlDate, storedTime } from '../db/raw-sql';
import { SqliteReader } from '../db/sqlite-reader';

export const PAGE_SIZE = 2_000;

type Row = Record<string, unknown>;

/** Where pages are read from: a dialect and a query with `?` placeholders. */
export interface PageReader {
  readonly dialect: Dialect;
  query(sql: string, params: unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}

/** The runtime's own connections: SQLite's read-only one (it never waits for the writer), PostgreSQL's pool. */
export function pageReader(db: Database): PageReader {
  const reader = db.reader;
  return {
    dialect: db.dialect,
    query: reader ? (sql, params) => reader.all<Row>(sql, params) : (sql, params) => db.sequelize.query<Row>(sql, { replacements: params, type: QueryTypes.SELECT, raw: true }),
    close: async () => undefined,
  };
}

/** A connection of its own to the same data, for a worker thread: SQLite read-only, or one PostgreSQL connection. */
export async function openPageReader(address: DatabaseAddress): Promise<PageReader> {
  if (address.dialect === 'sqlite') {
    const reader = new SqliteReader(address.file);
    return { dialect: 'sqlite', query: (sql, params) => reader.all<Row>(sql, params), close: () => reader.close() };
  }
  const sequelize = new Sequelize(address.url, { dialect: 'postgres', logging: false, pool: { max: 1, min: 0 } });
  return {
    dialect: 'postgres',
    query: (sql, params) => sequelize.query<Row>(sql, { replacements: params, type: QueryTypes.SELECT, raw: true }),
    close: () => sequelize.close(),
  };
}

export interface PageRow {
  id: string;
  category: string;
  source: string;
  grid: string | null;
  township: string | null;
  reportedAt: number;
  data?: unknown;
  /** What the event got: its stored decision's level, unit and dispatcher, and its SLA plan. */
  got?: StoredGot;
}

export interface StoredGot {
  level: number;
  unit: string | null;
  dispatcher: string | null;
  /** The stored SLA plan: JSON text on SQLite (parsed by whoever needs it, off the reading thread), an object on PostgreSQL. */
  sla: unknown;
}

/**
 * Pages of events reported in [from, to), in (reported_at, id) order. `full`: with data, decision
 * and SLA plan; otherwise only what the recent-reports count needs.
 */
export async function* eventPages(db: PageReader, opts: { countyId: string; from: number; to: number; full: boolean; pageSize?: number }): AsyncGenerator<PageRow[]> {
  const size = opts.pageSize ?? PAGE_SIZE;
  // what the event got: its decision's level, unit and dispatcher taken out by the database (the
  // rest of the decision never crosses into JavaScript), and its SLA plan as stored (cheaper to
  // parse on a worker than to take apart in SQLite)
  const got = db.dialect === 'sqlite'
    ? "json_extract(decision, '$.level') AS got_level, json_extract(decision, '$.unit') AS got_unit, json_extract(decision, '$.dispatcher') AS got_dispatcher, sla AS got_sla"
    : "decision->>'level' AS got_level, decision->>'unit' AS got_unit, decision->>'dispatcher' AS got_dispatcher, sla AS got_sla";
  const columns = opts.full ? `id, category, source, grid, township, reported_at, data, ${got}` : 'id, category, source, grid, township, reported_at';
  const to = sqlDate(db.dialect, opts.to);
  let after: [unknown, string] | null = null;
  for (;;) {
    const rows: Row[] = after === null
      ? await db.query(`SELECT ${columns} FROM events WHERE county_id = ? AND reported_at >= ? AND reported_at < ? ORDER BY reported_at, id LIMIT ?`, [opts.countyId, sqlDate(db.dialect, opts.from), to, size])
      : await db.query(`SELECT ${columns} FROM events WHERE county_id = ? AND (reported_at, id) > (?, ?) AND reported_at < ? ORDER BY reported_at, id LIMIT ?`, [opts.countyId, after[0], after[1], to, size]);
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
              sla: r.got_sla ?? null,
            },
          }
        : {}),
    }));
    if (rows.length < size) return;
  }
}

/** Events reported in [from, to). */
export async function countEvents(db: PageReader, countyId: string, from: number, to: number): Promise<number> {
  const [row] = await db.query('SELECT count(*) AS n FROM events WHERE county_id = ? AND reported_at >= ? AND reported_at < ?', [countyId, sqlDate(db.dialect, from), sqlDate(db.dialect, to)]);
  return Number(row?.n ?? 0);
}
