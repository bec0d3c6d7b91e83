import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { appendStatement, asciiJson } from '../../../runtime/db/sqlite-writer';
import { sqlLiteral } from '../../../runtime/db/sql-literals';

const VALUES: unknown[] = [
  { description: '占道经营，影响通行', reporter: "O'Brien \"quoted\" \\ back", emoji: '🚧 路面塌陷', control: 'a\nb\tc\u0001', nested: [{ 名: '值' }] },
  '纯中文',
  ['mixed', '混合', 1, null, true],
  { text: '\u2028\u2029\u00e9\u00ff\u0100\uffff' },
];

describe('SQLite literals for batch scripts', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('asciiJson is the same JSON value written in ASCII only', () => {
    for (const value of VALUES) {
      const text = asciiJson(value);
      expect(text).toMatch(/^[\x00-\x7f]*$/);
      expect(JSON.parse(text)).toEqual(value);
    }
    expect(asciiJson(undefined)).toBe('null');
  });

  it('a script of literals stores the JSON and the text it was given, read back unchanged', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pingtai-literals-'));
    dirs.push(dir);
    const db = new sqlite3.Database(join(dir, 'literals.sqlite'));
    const run = (sql: string) => new Promise<void>((resolve, reject) => db.exec(sql, (err) => (err ? reject(err) : resolve())));
    await run('CREATE TABLE t (k INTEGER, doc JSON, label TEXT)');
    const pieces: string[] = [];
    VALUES.forEach((value, k) => appendStatement(pieces, 'INSERT INTO t (k, doc, label) VALUES (?, ?, ?)', [k, asciiJson(value), `标签 ${k}'s`]));
    await run(['BEGIN;', ...pieces, 'COMMIT;'].join(''));
    const rows = await new Promise<Array<{ k: number; doc: string; label: string; first: string | null }>>((resolve, reject) =>
      db.all("SELECT k, doc, label, json_extract(doc, '$.description') AS first FROM t ORDER BY k", (err, r) => (err ? reject(err) : resolve(r as never))),
    );
    expect(rows.map((r) => JSON.parse(r.doc))).toEqual(VALUES);
    expect(rows.map((r) => r.label)).toEqual(VALUES.map((_, k) => `标签 ${k}'s`));
    expect(rows[0].first).toBe('占道经营，影响通行');
    await new Promise<void>((resolve) => db.close(() => resolve()));
  });

  it('refuses what SQLite text cannot hold', () => {
    expect(() => sqlLiteral('a\u0000b')).toThrow(/NUL/);
    expect(() => sqlLiteral(Number.NaN)).toThrow();
    expect(sqlLiteral("it's")).toBe("'it''s'");
  });
});
