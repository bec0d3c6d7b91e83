import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import sqlite3 from 'sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../runtime/db/open-database';

/** Rows of `counties` in a copy of the database file alone: what has been checkpointed out of the WAL (0 before the table is). */
async function countiesInMainFile(file: string, dir: string): Promise<number> {
  const copy = join(dir, `main-only-${Math.random().toString(36).slice(2)}.sqlite`);
  await copyFile(file, copy);
  const db = new sqlite3.Database(copy, sqlite3.OPEN_READONLY);
  try {
    // before the first checkpoint the file may not even hold the table yet; a copy taken while a
    // checkpoint was writing the file may be torn (SQLITE_CORRUPT): both count as not there yet
    return await new Promise<number>((resolve, reject) =>
      db.get('SELECT count(*) AS n FROM counties', (err, row: { n: number }) => (err ? (/no such table|SQLITE_CORRUPT/.test(err.message) ? resolve(0) : reject(err)) : resolve(row.n))),
    );
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
}

describe('SQLite checkpoints in the background', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('intake writes reach the database file without a checkpoint in their own commits', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pingtai-checkpoint-'));
    dirs.push(dir);
    const db = await openDatabase({ dataDir: dir, logger: pino({ level: 'silent' }) });
    try {
      await db.migrate();
      const file = join(dir, 'pingtai.sqlite');
      // a few pipelined batches, far below the writer's own automatic checkpoint
      for (let batch = 0; batch < 5; batch++) {
        await db.writeBatch(async (sql) => {
          for (let i = 0; i < 20; i++) await sql.run('INSERT INTO counties (id, name, created_at) VALUES (?, ?, ?)', [`c-${batch}-${i}`, `县 ${batch}-${i}`, '2026-12-04 00:00:00.000 +00:00']);
        }, { pipelined: true });
      }
      let inFile = 0;
      for (let wait = 0; wait < 100 && inFile < 100; wait++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        inFile = await countiesInMainFile(file, dir);
      }
      expect(inFile).toBe(100);
    } finally {
      await db.close();
    }
  });
});
