/**
 * Baseline (c) of bench/intake, the ceiling: a bare node:http server that parses the JSON body
 * and does ONE prepared INSERT of the report — sqlite3 driver into a WAL database
 * (synchronous=NORMAL, as the runtime), or with RAW_DATABASE_URL one prepared `pg` insert — and
 * answers 201. No framework, no validation, no decision.
 *
 * Run as a child process: `node --import tsx bench/raw-sqlite-server.ts`; env RAW_DATA (folder of
 * its SQLite file) or RAW_DATABASE_URL, PORT (default 0). Prints `raw listening on http://…`.
 */
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';

/** The part of `pg` used here (the package ships no types and none are installed). */
interface PgPool {
  query(q: string | { name: string; text: string; values: unknown[] }): Promise<unknown>;
  end(): Promise<void>;
}
const pg = createRequire(import.meta.url)('pg') as { Pool: new (opts: { connectionString: string; max: number }) => PgPool };

type Insert = (id: string, category: string, source: string, data: string, at: string) => Promise<void>;

async function sqliteInsert(dataDir: string): Promise<{ insert: Insert; close(): Promise<void> }> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const d: sqlite3.Database = new sqlite3.Database(join(dataDir, 'raw.sqlite'), (err) => (err ? reject(err) : resolve(d)));
  });
  const exec = (sql: string) => new Promise<void>((resolve, reject) => db.exec(sql, (err) => (err ? reject(err) : resolve())));
  await exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000;');
  await exec('CREATE TABLE IF NOT EXISTS raw_events (id TEXT PRIMARY KEY, category TEXT NOT NULL, source TEXT NOT NULL, data TEXT NOT NULL, reported_at TEXT NOT NULL)');
  const stmt = db.prepare('INSERT INTO raw_events (id, category, source, data, reported_at) VALUES (?, ?, ?, ?, ?)');
  return {
    insert: (id, category, source, data, at) => new Promise((resolve, reject) => stmt.run(id, category, source, data, at, (err: Error | null) => (err ? reject(err) : resolve()))),
    close: () => new Promise((resolve) => stmt.finalize(() => db.close(() => resolve()))),
  };
}

async function pgInsert(url: string): Promise<{ insert: Insert; close(): Promise<void> }> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  await pool.query('DROP TABLE IF EXISTS raw_events');
  await pool.query('CREATE TABLE raw_events (id uuid PRIMARY KEY, category text NOT NULL, source text NOT NULL, data jsonb NOT NULL, reported_at timestamptz NOT NULL)');
  return {
    insert: async (id, category, source, data, at) => {
      // a named query is prepared once per connection
      await pool.query({ name: 'raw-insert', text: 'INSERT INTO raw_events (id, category, source, data, reported_at) VALUES ($1, $2, $3, $4, $5)', values: [id, category, source, data, at] });
    },
    close: async () => {
      await pool.query('DROP TABLE IF EXISTS raw_events');
      await pool.end();
    },
  };
}

export async function startRawServer(opts: { port?: number; dataDir?: string; databaseUrl?: string }): Promise<{ url: string; close(): Promise<void> }> {
  const store = opts.databaseUrl ? await pgInsert(opts.databaseUrl) : await sqliteInsert(opts.dataDir ?? '.');
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: { category?: unknown; data?: unknown; source?: unknown };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        res.writeHead(400).end();
        return;
      }
      const id = randomUUID();
      store.insert(id, String(body.category), typeof body.source === 'string' ? body.source : 'api', JSON.stringify(body.data), new Date().toISOString()).then(
        () => {
          const out = JSON.stringify({ id });
          res.writeHead(201, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(out) }).end(out);
        },
        (err: Error) => res.writeHead(500).end(err.message),
      );
    });
  });
  server.keepAliveTimeout = 5_000;
  server.listen(opts.port ?? 0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const running = await startRawServer({ port: Number(process.env.PORT ?? 0), dataDir: process.env.RAW_DATA, databaseUrl: process.env.RAW_DATABASE_URL || undefined });
  process.stdout.write(`raw listening on ${running.url}\n`);
  const stop = () => running.close().then(() => process.exit(0), () => process.exit(1));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
