/**
 * The databases the runtime suites run against: SQLite always, PostgreSQL when PINGTAI_TEST_PG
 * names one. Each suite gets a database of its own (a temp folder, or a fresh PostgreSQL
 * database created next to the given one and dropped afterwards).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sequelize } from 'sequelize';

export type DbTarget = { name: 'sqlite' } | { name: 'postgres'; url: string };

export const PG_URL = process.env.PINGTAI_TEST_PG;

export function dbTargets(): DbTarget[] {
  return PG_URL ? [{ name: 'sqlite' }, { name: 'postgres', url: PG_URL }] : [{ name: 'sqlite' }];
}

export interface PreparedDatabase {
  dataDir: string;
  databaseUrl?: string;
  cleanup(): Promise<void>;
}

/** A fresh, empty database for one suite. */
export async function prepareDatabase(target: DbTarget): Promise<PreparedDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pingtai-test-'));
  if (target.name === 'sqlite') return { dataDir, cleanup: () => rm(dataDir, { recursive: true, force: true }) };
  const name = `pingtai_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await adminQuery(target.url, `CREATE DATABASE ${name}`);
  const url = new URL(target.url);
  url.pathname = `/${name}`;
  return {
    dataDir,
    databaseUrl: url.toString(),
    async cleanup() {
      await adminQuery(target.url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const admin = new Sequelize(url, { dialect: 'postgres', logging: false, pool: { max: 1 } });
  try {
    await admin.query(sql);
  } finally {
    await admin.close();
  }
}
