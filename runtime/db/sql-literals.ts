/**
 * Parameters written into SQL text as literals, for the batch scripts of the hot write paths
 * (sqlite-writer.ts, the PostgreSQL pipelined batch in open-database.ts): measured faster than
 * bound parameters there. What makes them safe:
 * - a string is quoted `'…'` with its quotes doubled, and nothing else is special inside it:
 *   SQLite knows no escapes, and PostgreSQL sessions are checked at connect to run with
 *   `standard_conforming_strings = on` in UTF-8 ({@link checkPgSession});
 * - a NUL is refused (neither database stores it; requests with one are refused at the edge);
 * - a negative number is parenthesised, so that no placeholder can make a comment with the text
 *   around it (`-?` with -1 would be `--1`);
 * - every other kind of value is refused.
 */

/** How one database writes what differs: its name (for errors), booleans, and whether a Date may be written. */
interface LiteralDialect {
  name: string;
  booleans: readonly [string, string];
  dates: boolean;
}

function literal(value: unknown, dialect: LiteralDialect): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} to ${dialect.name}`);
    return numberLiteral(value);
  }
  if (typeof value === 'bigint') return numberLiteral(value);
  if (typeof value === 'boolean') return dialect.booleans[value ? 1 : 0];
  if (dialect.dates && value instanceof Date) return `'${value.toISOString()}'`;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) throw new Error(`cannot write a string with a NUL character to ${dialect.name}`);
    return `'${value.replaceAll("'", "''")}'`;
  }
  throw new Error(`cannot write a ${typeof value} parameter to ${dialect.name}`);
}

const SQLITE: LiteralDialect = { name: 'SQLite', booleans: ['0', '1'], dates: false };
const POSTGRES: LiteralDialect = { name: 'PostgreSQL', booleans: ['FALSE', 'TRUE'], dates: true };

/** A parameter as an SQLite literal: NULL, a number, 0/1, or a quoted string. */
export const sqlLiteral = (value: unknown): string => literal(value, SQLITE);

/**
 * A parameter as a PostgreSQL literal: NULL, a number, TRUE/FALSE, a point in time as ISO text,
 * or a plain `'…'` string with its quotes doubled — nothing else is special in it, because every
 * connection runs with `standard_conforming_strings = on` (checked at connect:
 * {@link checkPgSession}), where a backslash is an ordinary character. A quoted literal takes its
 * column's type (jsonb, timestamptz, uuid) in an INSERT's VALUES. A negative number is
 * parenthesised, so that no placeholder can form a comment (`-?` with -1 would be `--1`).
 */
export const pgLiteral = (value: unknown): string => literal(value, POSTGRES);

/** A number as SQL text that no neighbouring character can turn into a comment: `(-1)`, not `-1`. */
export function numberLiteral(value: number | bigint): string {
  return value < 0 ? `(${String(value)})` : String(value);
}

/** The session settings {@link pgLiteral}'s plain strings rely on, and what each must be. */
const PG_SESSION_SETTINGS = [
  { name: 'client_encoding', ok: (v: string) => v.toUpperCase() === 'UTF8', want: 'UTF8' },
  { name: 'standard_conforming_strings', ok: (v: string) => v === 'on', want: 'on' },
  { name: 'backslash_quote', ok: (v: string) => v !== 'on', want: 'safe_encoding or off' },
] as const;

/**
 * Throws when a PostgreSQL session is not one that {@link pgLiteral}'s literals mean what they
 * say in: run on every new connection (sequelize's afterConnect), so the server refuses to start
 * on a database (or role, or URL `options`) that sets them otherwise.
 */
export async function checkPgSession(client: { query(text: string): Promise<{ rows: Array<Record<string, string>> }> }): Promise<void> {
  const { rows } = await client.query(`SELECT ${PG_SESSION_SETTINGS.map((s) => `current_setting('${s.name}') AS ${s.name}`).join(', ')}`);
  const wrong = PG_SESSION_SETTINGS.filter((s) => !s.ok(String(rows[0]?.[s.name])));
  if (wrong.length > 0) {
    const list = wrong.map((s) => `${s.name} is "${rows[0]?.[s.name]}" (pingtai needs ${s.want})`).join('; ');
    throw new Error(`the PostgreSQL session is not one pingtai can write to safely: ${list}. Set them on the database (ALTER DATABASE … SET …) or remove them from the URL's options`);
  }
}

