/**
 * Database errors are logged without the user's data: real errors from real SQLite and
 * PostgreSQL, each raised by a statement that carries a secret the way a report carries its
 * text, go through the API's error answer into a real pino log; the log names what failed
 * (SQLSTATE, table, constraint) and holds no trace of the secret.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { QueryTypes } from 'sequelize';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../runtime/db/open-database';
import { errorAnswer } from '../../runtime/http/error-handler';
import { errSerializer, loggableError, redactMessage } from '../../runtime/loggable-error';
import { createLogger } from '../../runtime/server';
import { dbTargets, prepareDatabase, type PreparedDatabase } from './support/db-targets';

const SECRET = '举报人张三13800138000';

/** A logger whose lines are kept, with the production serializer. */
function capturingLogger(): { logger: pino.Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ level: 'info', serializers: { err: errSerializer } }, stream), lines };
}

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (err) {
    return err;
  }
  throw new Error('the statement was expected to fail');
}

describe('redactMessage', () => {
  it('replaces quoted values and data after a colon, keeps the rest', () => {
    expect(redactMessage(`invalid input syntax for type uuid: '${SECRET}'`)).toBe("invalid input syntax for type uuid: '…'");
    expect(redactMessage(`SQLITE_ERROR: near "${SECRET}": syntax error`)).toBe('SQLITE_ERROR: near "…": syntax error');
    expect(redactMessage(`duplicate key value violates unique constraint "events_pkey"`)).toBe('duplicate key value violates unique constraint "events_pkey"');
    expect(redactMessage(`bad json: {"d":"${SECRET}"}`)).toBe('bad json: …');
  });

  it('makes anything loggable', () => {
    expect(loggableError('plain')).toEqual({ type: 'string', message: 'plain' });
    expect(loggableError(null)).toEqual({ type: 'object', message: 'null' });
  });
});

describe.each(dbTargets())('database errors in the log ($name)', (target) => {
  let prepared: PreparedDatabase;
  let db: Database;
  afterAll(async () => {
    await db?.close();
    await prepared?.cleanup();
  });

  it('a failed statement with the user data in it logs its code and names, never the data', async () => {
    prepared = await prepareDatabase(target);
    db = await openDatabase({ url: prepared.databaseUrl, dataDir: prepared.dataDir, logger: pino({ level: 'silent' }) });
    await db.sequelize.query('CREATE TABLE t (id TEXT PRIMARY KEY, doc TEXT NOT NULL)');
    await db.sequelize.query('INSERT INTO t (id, doc) VALUES ($1, $2)', { bind: [SECRET, 'first'] });
    const errors = [
      // a unique violation: PostgreSQL's detail says "Key (id)=(<the secret>) already exists"
      await failure(() => db.sequelize.query('INSERT INTO t (id, doc) VALUES ($1, $2)', { bind: [SECRET, 'again'] })),
      // a value the column type refuses, written into the statement's text as the batch does
      await failure(() => db.sequelize.query(target.name === 'postgres' ? `SELECT '{"d":"${SECRET}\\u0000"}'::jsonb` : `SELECT json('{"d":"${SECRET}"')`, { type: QueryTypes.SELECT })),
      await failure(() => db.sequelize.query(`INSERT INTO t (id, doc) VALUES ('x', NULL) -- ${SECRET}`)),
    ];
    const { logger, lines } = capturingLogger();
    for (const err of errors) {
      const answer = errorAnswer(err, logger);
      expect(answer.status).toBe(500);
      expect(JSON.stringify(answer.body)).not.toContain(SECRET);
    }
    expect(lines).toHaveLength(errors.length);
    for (const line of lines) {
      expect(line).not.toContain(SECRET);
      expect(line).not.toContain('13800138000');
    }
    const logged = lines.map((line) => JSON.parse(line).err);
    if (target.name === 'postgres') {
      expect(logged.map((e) => e.cause?.code)).toEqual(['23505', '22P05', '23502']);
      expect(logged[0].cause.constraint).toBe('t_pkey');
      expect(logged[2].cause.column).toBe('doc');
    } else {
      expect(logged.map((e) => e.cause?.code)).toEqual(['SQLITE_CONSTRAINT', 'SQLITE_ERROR', 'SQLITE_CONSTRAINT']);
    }
    // …while the errors themselves did carry it (so the test can fail)
    expect(errors.some((err) => JSON.stringify({ ...(err as object), sql: (err as { sql?: string }).sql }).includes(SECRET))).toBe(true);
  });
});

describe('the production logger', () => {
  it('serializes any logged err through loggableError', () => {
    expect((createLogger({}) as unknown as Record<symbol, Record<string, unknown>>)[pino.symbols.serializersSym].err).toBe(errSerializer);
    const { logger, lines } = capturingLogger();
    const err = Object.assign(new Error(`bad value '${SECRET}'`), { detail: SECRET, sql: `INSERT ... '${SECRET}'`, code: 'X1' });
    logger.error({ err }, 'failed');
    expect(lines[0]).not.toContain(SECRET);
    expect(JSON.parse(lines[0]).err).toMatchObject({ type: 'Error', message: "bad value '…'", code: 'X1' });
  });
});
