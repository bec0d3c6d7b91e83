/**
 * A county's events in report order, read page by page by the key (reported_at, id) — never all
 * at once: what a backtest replays, and (light columns only) the week before its period, from
 * which the first days' recent-reports counts are rebuilt. Read through the runtime's own
 * connections, or through a connection of its own opened by a backtest's worker thread.
 */
import type { QueryTypes } from 'sequelize';
import type { Database, DatabaseAddress, Dialect } from '../db/open-database';
import { sqlDate, storedTime } from '../db/raw-sql';
import { SqliteReader } from '../db/sqlite-reader';

export const PAGE_SIZE = 2_000;

/** sequelize's `QueryTypes.SELECT`, without loading sequelize where it is not used (a worker on SQLite). */
const SELECT = 'SELECT' as QueryTypes.SELECT;

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
    query: reader ? (sql, params) => reader.all<Row>(sql, params) : (sql, params) => db.sequelize.query<Row>(sql, { replacements: params, type: SELECT, raw: true }),
    close: async () => undefined,
  };
}

/**
 * A connection of its own to the same data, for a worker thread: SQLite read-only, or one
 * PostgreSQL connection. sequelize is loaded only for PostgreSQL: loading it took about a quarter
 * of a second of each worker's start.
 */
export async function openPageReader(address: DatabaseAddress): Promise<PageReader> {
  if (address.dialect === 'sqlite') {
    const reader = new SqliteReader(address.file);
    return { dialect: 'sqlite', query: (sql, params) => reader.all<Row>(sql, params), close: () => reader.close() };
  }
  const { Sequelize } = await import('sequelize');
  const sequelize = new Sequelize(address.url, { dialect: 'postgres', logging: false, pool: { max: 1, min: 0 } });
  return {
    dialect: 'postgres',
    query: (sql, params) => sequelize.query<Row>(sql, { replacements: params, type: SELECT, raw: true }),
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
}

/** An event read in full: its form data, and what it got. */
export interface FullRow extends PageRow {
  data: Record<string, unknown>;
  got: StoredGot;
}

export interface StoredGot {
  level: number;
  unit: string | null;
  dispatcher: string | null;
  /** The stored SLA plan. */
  sla: Record<string, unknown>;
}

/**
 * A page of events read in full, each row kept as the database gave it until it is asked for:
 * replayed one at a time, a row's parsed data dies before the next garbage collection instead of
 * a page of them outliving it.
 */
export interface FullPage {
  readonly length: number;
  row(i: number): FullRow;
}

type Keyset = [unknown, string];

/**
 * Pages of events reported in [from, to), in (reported_at, id) order, with only what the
 * recent-reports count needs.
 */
export async function* eventPages(db: PageReader, opts: { countyId: string; from: number; to: number; pageSize?: number }): AsyncGenerator<PageRow[]> {
  for await (const rows of keysetPages(db, 'id, category, source, grid, township, reported_at', opts)) {
    yield rows.map(lightRow);
  }
}

/**
 * Pages of events reported in [from, to), in (reported_at, id) order, in full: data, decision and
 * SLA plan. On SQLite each row comes as one JSON array made by the database — one string per row
 * crosses into JavaScript, and one parse reads it — with the decision's level, unit and dispatcher
 * taken out of it there (the rest of the decision never crosses). On PostgreSQL, columns.
 */
export async function* fullEventPages(db: PageReader, opts: { countyId: string; from: number; to: number; pageSize?: number }): AsyncGenerator<FullPage> {
  const columns = db.dialect === 'sqlite'
    ? "'[' || json_quote(id) || ',' || json_quote(category) || ',' || json_quote(source) || ',' || json_quote(grid) || ',' || json_quote(township) || ',' || json_quote(reported_at) || ',' || data || ',' || sla || ',' || json_extract(decision, '$.level', '$.unit', '$.dispatcher') || ']' AS row"
    : "id, category, source, grid, township, reported_at, data, sla, decision->>'level' AS got_level, decision->>'unit' AS got_unit, decision->>'dispatcher' AS got_dispatcher";
  // on SQLite the key is taken from the last row's array rather than sent beside every row as two more columns (about a tenth of the read)
  for await (const rows of keysetPages(db, columns, opts, db.dialect === 'sqlite' ? sqliteKey : columnsKey)) {
    yield db.dialect === 'sqlite' ? { length: rows.length, row: (i) => sqliteFullRow(String(rows[i].row)) } : { length: rows.length, row: (i) => postgresFullRow(rows[i]) };
  }
}

/** The key (reported_at as stored, id) of a row with both columns. */
const columnsKey = (r: Row): Keyset => [r.reported_at, String(r.id)];
/** The key of a row read as one array (fullEventPages on SQLite). */
function sqliteKey(r: Row): Keyset {
  const row = JSON.parse(String(r.row)) as unknown[];
  return [row[5], String(row[0])];
}

/** The raw rows of [from, to) page by page, by the key (reported_at, id), until a page comes short; `key` reads it from a row. */
async function* keysetPages(db: PageReader, columns: string, opts: { countyId: string; from: number; to: number; pageSize?: number }, key: (row: Row) => Keyset = columnsKey): AsyncGenerator<Row[]> {
  const size = opts.pageSize ?? PAGE_SIZE;
  const to = sqlDate(db.dialect, opts.to);
  let after: Keyset | null = null;
  for (;;) {
    const rows: Row[] = after === null
      ? await db.query(`SELECT ${columns} FROM events WHERE county_id = ? AND reported_at >= ? AND reported_at < ? ORDER BY reported_at, id LIMIT ?`, [opts.countyId, sqlDate(db.dialect, opts.from), to, size])
      : await db.query(`SELECT ${columns} FROM events WHERE county_id = ? AND (reported_at, id) > (?, ?) AND reported_at < ? ORDER BY reported_at, id LIMIT ?`, [opts.countyId, after[0], after[1], to, size]);
    if (rows.length === 0) return;
    after = key(rows[rows.length - 1]);
    yield rows;
    if (rows.length < size) return;
  }
}

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function lightRow(r: Row): PageRow {
  return { id: String(r.id), category: String(r.category), source: String(r.source), grid: text(r.grid), township: text(r.township), reportedAt: storedTime(r.reported_at) };
}

const object = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {});

/** `[id, category, source, grid, township, reported_at, data, sla, [level, unit, dispatcher]]` */
function sqliteFullRow(json: string): FullRow {
  const [id, category, source, grid, township, reportedAt, data, sla, got] = JSON.parse(json) as [string, string, string, string | null, string | null, string, unknown, unknown, [unknown, unknown, unknown]];
  return { id, category, source, grid, township, reportedAt: storedTime(reportedAt), data: object(data), got: { level: got[0] == null ? 0 : Number(got[0]), unit: text(got[1]), dispatcher: text(got[2]), sla: object(sla) } };
}

function postgresFullRow(r: Row): FullRow {
  const json = (v: unknown) => object(typeof v === 'string' ? JSON.parse(v) : v);
  return {
    ...lightRow(r),
    data: json(r.data),
    got: { level: r.got_level == null ? 0 : Number(r.got_level), unit: text(r.got_unit), dispatcher: text(r.got_dispatcher), sla: json(r.sla) },
  };
}

/** Events reported in [from, to). */
export async function countEvents(db: PageReader, countyId: string, from: number, to: number): Promise<number> {
  const [row] = await db.query('SELECT count(*) AS n FROM events WHERE county_id = ? AND reported_at >= ? AND reported_at < ?', [countyId, sqlDate(db.dialect, from), sqlDate(db.dialect, to)]);
  return Number(row?.n ?? 0);
}
