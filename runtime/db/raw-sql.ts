/**
 * Raw statements for the hot write path, in the same column formats as the sequelize models (so
 * every later query through the models reads the rows alike): on SQLite dates as sequelize's
 * text form and booleans as 0/1; JSON columns as JSON text on both databases. Statements are
 * written with `?` placeholders and numbered (`$1`, `$2`, …) for PostgreSQL.
 */
import type { Model, ModelStatic } from 'sequelize';
import type { Dialect } from './open-database';
import { sqliteDate } from './sqlite-reader';

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
    if (key === 'JSON' || key === 'JSONB') convert = (v) => JSON.stringify(v ?? null);
    else if (key === 'DATE' && dialect === 'sqlite') convert = (v) => (v === null || v === undefined ? null : sqliteDate(v instanceof Date ? v.getTime() : Number(v)));
    else if (key === 'BOOLEAN' && dialect === 'sqlite') convert = (v) => (v === null || v === undefined ? null : v ? 1 : 0);
    columns.set(name, [attribute.field ?? name, convert]);
  }
  shape = { table: model.getTableName() as string, columns };
  byDialect.set(dialect, shape);
  return shape;
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
 * Inserts `rows` (attribute names as keys; every row with the keys of the first) with as few
 * multi-row INSERT statements as the parameter limit allows.
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
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / names.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const cacheKey = `${dialect}\u0000${shape.table}\u0000${names.join(',')}\u0000${chunk.length}`;
    let text = insertSqlCache.get(cacheKey);
    if (!text) {
      const tuple = `(${names.map(() => '?').join(', ')})`;
      text = (`INSERT INTO "${shape.table}" (${columns.map(([c]) => `"${c}"`).join(', ')}) VALUES ${Array.from(chunk, () => tuple).join(', ')}`);
      if (insertSqlCache.size > 1000) insertSqlCache.clear();
      insertSqlCache.set(cacheKey, text);
    }
    const params: unknown[] = new Array(chunk.length * names.length);
    let i = 0;
    for (const row of chunk) {
      for (let c = 0; c < names.length; c++) params[i++] = columns[c][1](row[names[c]]);
    }
    await sql.run(text, params);
  }
}

/** True when `err` is a unique-constraint violation, from either database or sequelize. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { name?: string; code?: string; message?: string; parent?: { code?: string } } | null;
  if (!e) return false;
  return e.name === 'SequelizeUniqueConstraintError' || e.parent?.code === '23505' || e.code === '23505' || (e.code === 'SQLITE_CONSTRAINT' && /UNIQUE/.test(e.message ?? ''));
}
