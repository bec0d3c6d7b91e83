/**
 * A raw node-postgres session for tests that must see what the driver sends and the server
 * answers, without sequelize's per-connection settings. (The package ships no types; this is
 * the little of its API the tests use.)
 */
import { createRequire } from 'node:module';

export interface PgClient {
  connect(): Promise<void>;
  query(text: string): Promise<{ rows: Array<Record<string, any>> }>;
  end(): Promise<void>;
}

const require = createRequire(import.meta.url);
const { Client } = require('pg') as { Client: new (config: { connectionString: string }) => PgClient };

/** A connected session on `url`. */
export async function pgClient(url: string): Promise<PgClient> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}
