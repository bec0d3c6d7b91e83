/**
 * The literals of the batch scripts (runtime/db/sql-literals.ts) against real databases: random
 * hostile strings and numbers rendered by each dialect's renderer into multi-statement scripts,
 * run on a real SQLite file and a real PostgreSQL session, read back exactly, and no statement
 * ran but the ones written (a sentinel table stays as it was). Seeded: a failure names its seed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { numberLiteral, pgLiteral, sqlLiteral } from '../../../runtime/db/sql-literals';
import { appendStatement } from '../../../runtime/db/sqlite-writer';
import { seeded } from '../../fixtures/seeded';
import { PG_URL } from '../support/db-targets';
import { pgClient } from '../support/pg-client';

/** Pieces that have ended a literal, opened a comment or a dollar quote somewhere, once. */
const PIECES = [
  "'", "''", '\\', "\\'", "\\\\'", '"', '$$', '$tag$', '$1', '?', '??', '--', '/*', '*/', ';', ');', "'); DROP TABLE sentinel; --",
  "E'", "U&'", '\\x27', '\\u0027', '%27', '\n', '\r\n', '\t', '\u0001', '\u001f', '\u007f', '\u2028', '\u00a0', '\ufeff',
  '占道经营', '垃圾', '“引号”', '＇', '🚧', '𠀀', '👨‍👩‍👧', 'a', 'Z', '0', ' ', 'NULL', 'null',
];

function hostileString(random: () => number): string {
  const n = Math.floor(random() * 12);
  let text = '';
  for (let i = 0; i < n; i++) {
    if (random() < 0.15) text += String.fromCodePoint(1 + Math.floor(random() * 0x2fff)).replace(/[\ud800-\udfff]/g, 'x');
    else text += PIECES[Math.floor(random() * PIECES.length)];
  }
  return text;
}

function hostileNumber(random: () => number): number {
  const kinds = [() => -1, () => -Math.floor(random() * 1e9), () => -random() * 1e6, () => Math.floor(random() * 1e9), () => -1e21, () => 0, () => -0];
  return kinds[Math.floor(random() * kinds.length)]();
}

interface Row {
  k: number;
  s: string;
  n: number;
}

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const ROWS_PER_SCRIPT = 250;
/** Templates whose text around the placeholders would make a comment of a bare `-1`. */
const INSERT = 'INSERT INTO fuzz (k, s, n, m) VALUES (?, ?, ?, -?)';

function script(seed: number, literal: (value: unknown) => string): { rows: Row[]; text: string } {
  const random = seeded(seed);
  const pieces: string[] = [];
  const rows: Row[] = [];
  for (let k = 0; k < ROWS_PER_SCRIPT; k++) {
    const row = { k, s: hostileString(random), n: hostileNumber(random) };
    rows.push(row);
    appendStatement(pieces, INSERT, [k, row.s, row.n, row.n], literal);
  }
  return { rows, text: pieces.join('') };
}

describe('batch literals: placeholders', () => {
  it('a negative number is parenthesised, so `-?` never makes a comment', () => {
    expect(numberLiteral(-1)).toBe('(-1)');
    expect(numberLiteral(-2n)).toBe('(-2)');
    expect(numberLiteral(3)).toBe('3');
    const pieces: string[] = [];
    appendStatement(pieces, 'SELECT 1 -?', [-1], sqlLiteral);
    expect(pieces.join('')).not.toContain('--');
    expect(pgLiteral("it's \\ fine")).toBe("'it''s \\ fine'");
  });

  it('refuses what neither database can store', () => {
    for (const literal of [sqlLiteral, pgLiteral]) {
      expect(() => literal('a\u0000b')).toThrow(/NUL/);
      expect(() => literal(Number.POSITIVE_INFINITY)).toThrow();
      expect(() => literal({})).toThrow();
    }
  });
});

describe('batch literals on a real SQLite file', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it(`${SEEDS.length} scripts of ${ROWS_PER_SCRIPT} hostile rows round-trip exactly and run nothing else`, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pingtai-fuzz-'));
    dirs.push(dir);
    const db = new sqlite3.Database(join(dir, 'fuzz.sqlite'));
    const exec = (sql: string) => new Promise<void>((resolve, reject) => db.exec(sql, (err) => (err ? reject(err) : resolve())));
    const all = <T>(sql: string) => new Promise<T[]>((resolve, reject) => db.all(sql, (err, rows) => (err ? reject(err) : resolve(rows as T[]))));
    await exec("CREATE TABLE sentinel (v TEXT); INSERT INTO sentinel VALUES ('kept'); CREATE TABLE fuzz (k INTEGER, s TEXT, n REAL, m REAL)");
    for (const seed of SEEDS) {
      const { rows, text } = script(seed, sqlLiteral);
      await exec(`DELETE FROM fuzz; BEGIN; ${text} COMMIT;`);
      const back = await all<{ k: number; s: string; n: number; m: number }>('SELECT k, s, n, m FROM fuzz ORDER BY k');
      expect(back.map((r) => r.s), `seed ${seed}`).toEqual(rows.map((r) => r.s));
      expect(back.map((r) => [r.n, r.m]), `seed ${seed}`).toEqual(rows.map((r) => [r.n + 0, -r.n + 0]));
      expect(await all('SELECT v FROM sentinel'), `seed ${seed}`).toEqual([{ v: 'kept' }]);
      expect(await all("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"), `seed ${seed}`).toEqual([{ name: 'fuzz' }, { name: 'sentinel' }]);
    }
    await new Promise<void>((resolve) => db.close(() => resolve()));
  });
});

describe.skipIf(!PG_URL)('batch literals on a real PostgreSQL session', () => {
  it(`${SEEDS.length} scripts of ${ROWS_PER_SCRIPT} hostile rows round-trip exactly (text and jsonb) and run nothing else`, async () => {
    const client = await pgClient(PG_URL!);
    try {
      await client.query("CREATE TEMP TABLE sentinel (v text); INSERT INTO sentinel VALUES ('kept'); CREATE TEMP TABLE fuzz (k int, s text, n float8, m float8, j jsonb)");
      for (const seed of SEEDS) {
        const { rows, text } = script(seed, pgLiteral);
        // the same strings once more as JSON text into jsonb, the way report data goes
        const pieces: string[] = [];
        for (const row of rows) appendStatement(pieces, 'UPDATE fuzz SET j = ? WHERE k = ?', [JSON.stringify({ s: row.s }), row.k], pgLiteral);
        await client.query(`DELETE FROM fuzz; ${text}${pieces.join('')}`);
        const back = (await client.query('SELECT k, s, n, m, j ->> \'s\' AS js FROM fuzz ORDER BY k')).rows as Array<{ s: string; n: number; m: number; js: string }>;
        expect(back.map((r) => r.s), `seed ${seed}`).toEqual(rows.map((r) => r.s));
        expect(back.map((r) => r.js), `seed ${seed}`).toEqual(rows.map((r) => r.s));
        expect(back.map((r) => [r.n, r.m]), `seed ${seed}`).toEqual(rows.map((r) => [r.n + 0, -r.n + 0]));
        expect((await client.query('SELECT v FROM sentinel')).rows, `seed ${seed}`).toEqual([{ v: 'kept' }]);
      }
    } finally {
      await client.end();
    }
  });
});
