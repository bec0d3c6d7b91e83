/**
 * The PostgreSQL session the batch literals rely on (runtime/db/sql-literals.ts), checked on
 * every new connection: a database URL whose options turn `backslash_quote` on does not open —
 * the server refuses to start with a message naming the setting; `standard_conforming_strings`
 * is set on by sequelize on every connection and the client encoding forced to UTF-8 by the
 * driver, so the check is tried on a raw session where they were changed.
 */
import { pino } from 'pino';
import { QueryTypes } from 'sequelize';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../runtime/db/open-database';
import { checkPgSession } from '../../../runtime/db/sql-literals';
import { PG_URL } from '../support/db-targets';
import { pgClient } from '../support/pg-client';

const logger = pino({ level: 'silent' });

function withParams(url: string, params: Record<string, string>): string {
  const u = new URL(url);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.toString();
}

describe.skipIf(!PG_URL)('the PostgreSQL session at connect', () => {
  it('opens a session with the server defaults', async () => {
    const db = await openDatabase({ url: PG_URL!, logger });
    await db.ping();
    await db.close();
  });

  it('refuses to open when the URL turns backslash_quote on', async () => {
    await expect(openDatabase({ url: withParams(PG_URL!, { options: '-c backslash_quote=on' }), logger })).rejects.toThrow(/backslash_quote is "on" \(pingtai needs safe_encoding or off\)/);
  });

  it('a URL that turns standard_conforming_strings off still gets a session with it on (set on every connection)', async () => {
    const db = await openDatabase({ url: withParams(PG_URL!, { options: '-c standard_conforming_strings=off' }), logger });
    try {
      const [row] = (await db.sequelize.query("SELECT current_setting('standard_conforming_strings') AS s, 'a\\b' AS t", { type: QueryTypes.SELECT })) as Array<{ s: string; t: string }>;
      expect(row).toEqual({ s: 'on', t: 'a\\b' });
    } finally {
      await db.close();
    }
  });

  it.each([
    ['SET standard_conforming_strings = off', /standard_conforming_strings is "off" \(pingtai needs on\)/],
    ['SET client_encoding = GBK', /client_encoding is "GBK" \(pingtai needs UTF8\)/],
    ['SET backslash_quote = on', /backslash_quote is "on"/],
  ])('the check refuses a session after %s', async (set, message) => {
    const client = await pgClient(PG_URL!);
    try {
      await expect(checkPgSession(client)).resolves.toBeUndefined();
      await client.query(set);
      await expect(checkPgSession(client)).rejects.toThrow(message);
    } finally {
      await client.end();
    }
  });
});
