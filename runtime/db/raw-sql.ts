/**
 * Raw statements for the hot write paths, in the same column formats as the sequelize models (so
 * every later query through the models reads the rows alike): dates (given as Date or epoch
 * milliseconds) on SQLite as sequelize's text form, booleans on SQLite as 0/1, JSON columns as
 * JSON text. Statements are written with `?` placeholders, numbered (`$1`, …) for PostgreSQL.
 * And the way back: raw rows' values in either database's form (`storedTime`, `storedBoolean`,
 * `storedJson`).
 */
import type { Model, ModelStatic } from 'sequelize';
import type { Dialect } from './open-database';
import { sqliteDate } from './sqlite-reader';
import { asciiJson } from './sqlite-writer';

/** Runs statements inside one transaction (see `Database.writeBatch`). */
export interface SqlExecutor {
  run(sql: string, params: unknown[]): Promise<void>;
  all<T>(sql: string, params: unknown[]): Promise<T[]>;
}

/** Bound parameters per statement: SQLite allows 32,766, PostgreSQL 65,535. */
const MAX_PARAMS = 30_000;

type Convert = (value: unknown) => unknown;

interface TableShape {
  table: string;
  /** attribute name → [column, conversion] */
  columns: Map<string, [string, Convert]>;
}

const shapes = new WeakMap<ModelStatic<Model>, Map<Dialect, TableShape>>();

function shapeOf(model: ModelStatic<Model>, dialect: Dialect): TableShape {
  let byDialect = shapes.get(model);
  if (!byDialect) shapes.set(model, (byDialect = new Map()));
  let shape = byDialect.get(dialect);
  if (shape) return shape;
  const columns = new Map<string, [string, Convert]>();
  for (const [name, attribute] of Object.entries(model.getAttributes())) {
    const key = (attribute.type as { key?: string }).key;
    let convert: Convert = (v) => (v === undefined ? null : v);
    if (key === 'JSON' || key === 'JSONB') convert = dialect === 'sqlite' ? asciiJson : (v) => JSON.stringify(v ?? null);
    else if (key === 'DATE') convert = (v) => (v === null || v === undefined ? null : sqlDate(dialect, v instanceof Date ? v.getTime() : Number(v)));
    else if (key === 'BOOLEAN' && dialect === 'sqlite') convert = (v) => (v === null || v === undefined ? null : v ? 1 : 0);
    columns.set(name, [attribute.field ?? name, convert]);
  }
  shape = { table: model.getTableName() as string, columns };
  byDialect.set(dialect, shape);
  return shape;
}

/** A point in time as a statement parameter, in the form the models store it. */
export function sqlDate(dialect: Dialect, epochMs: number): string | Date {
  return dialect === 'sqlite' ? sqliteDate(epochMs) : new Date(epochMs);
}

/** A point in time read back raw: a Date (PostgreSQL) or sequelize's SQLite text `2026-03-10 02:00:00.000 +00:00`, as epoch ms. */
export function storedTime(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  const text = String(value);
  // the form sequelize writes, `YYYY-MM-DD HH:MM:SS.mmm +00:00`, read by its digits (a million of them in a backtest)
  if (text.length === 30 && text.endsWith(' +00:00') && text[10] === ' ' && text[19] === '.') {
    const year = +text.slice(0, 4);
    // (Date.UTC reads years 0–99 as 1900–1999)
    const ms = year < 100 ? NaN : Date.UTC(year, +text.slice(5, 7) - 1, +text.slice(8, 10), +text.slice(11, 13), +text.slice(14, 16), +text.slice(17, 19), +text.slice(20, 23));
    if (!Number.isNaN(ms)) return ms;
  }
  return Date.parse(text.replace(' ', 'T').replace(' +00:00', 'Z'));
}

/** A boolean read back raw: true/false (PostgreSQL) or 1/0 (SQLite). */
export function storedBoolean(value: unknown): boolean {
  return value === true || value === 1 || value === '1';
}

/** A JSON column read back raw: parsed already (PostgreSQL) or JSON text (SQLite). */
export function storedJson<T = unknown>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

const numbered = new Map<string, string>();

/** Numbers `?` placeholders for PostgreSQL (`$1`, `$2`, …); the SQL must have no `?` in literals. */
export function numberedPlaceholders(sql: string): string {
  let text = numbered.get(sql);
  if (text === undefined) {
    let n = 0;
    text = sql.replace(/\?/g, () => `$${++n}`);
    if (numbered.size > 1000) numbered.clear();
    numbered.set(sql, text);
  }
  return text;
}

const insertSqlCache = new Map<string, string>();

/**
 * Inserts `rows` (attribute names as keys; every row with the keys of the first) with a few
 * multi-row INSERT statements.
 */
export async function insertRows(sql: SqlExecutor, dialect: Dialect, model: ModelStatic<Model>, rows: ReadonlyArray<Record<string, unknown>>): Promise<void> {
  if (rows.length === 0) return;
  const shape = shapeOf(model, dialect);
  const names = Object.keys(rows[0]);
  const columns = names.map((name) => {
    const column = shape.columns.get(name);
    if (!column) throw new Error(`${shape.table} has no attribute "${name}"`);
    return column;
  });
  // Multi-row VALUES, in chunks of power-of-two sizes (37 rows: 32 + 4 + 1) so that a few
  // statement texts cover every batch size.
  let largest = 1;
  while (largest * 2 * names.length <= MAX_PARAMS && largest * 2 <= 256) largest *= 2;
  for (let start = 0; start < rows.length; ) {
    let size = largest;
    while (size > rows.length - start) size /= 2;
    const chunk = rows.slice(start, start + size);
    start += size;
    const text = insertSqlText(`${shape.table}\u0000${names.join(',')}\u0000${size}`, () => {
      const tuple = `(${names.map(() => '?').join(', ')})`;
      return `INSERT INTO "${shape.table}" (${columns.map(([c]) => `"${c}"`).join(', ')}) VALUES ${Array.from(chunk, () => tuple).join(', ')}`;
    });
    const params: unknown[] = new Array(size * names.length);
    let i = 0;
    for (const row of chunk) {
      for (let c = 0; c < names.length; c++) params[i++] = columns[c][1](row[names[c]]);
    }
    await sql.run(text, params);
  }
}

function insertSqlText(key: string, build: () => string): string {
  let text = insertSqlCache.get(key);
  if (text === undefined) {
    text = build();
    if (insertSqlCache.size > 1000) insertSqlCache.clear();
    insertSqlCache.set(key, text);
  }
  return text;
}

/** True when `err` is a unique-constraint violation, from either database or sequelize. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { name?: string; code?: string; message?: string; parent?: { code?: string } } | null;
  if (!e) return false;
  return e.name === 'SequelizeUniqueConstraintError' || e.parent?.code === '23505' || e.code === '23505' || (e.code === 'SQLITE_CONSTRAINT' && /UNIQUE/.test(e.message ?? ''));
}
