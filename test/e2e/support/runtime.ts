/** A real runtime on SQLite in a temporary folder, with tokens for each role the scenarios need. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createToken } from '../../../runtime/auth/tokens';
import { startServer, DEMO_COUNTY, type RunningServer } from '../../../runtime/server';

export interface E2eRuntime {
  server: RunningServer;
  url: string;
  county: string;
  /** Creates a token in the demo county. */
  token(role: string, unit?: string): Promise<string>;
  /** Moves the runtime's clock on by `ms` (deadlines pass, timers fire). */
  advance(ms: number): void;
  stop(): Promise<void>;
}

/** The runtime's clock: a fixed weekday morning in 2026 (the catalog's service year), running on. */
export const CLOCK_START = Date.parse('2026-06-18T09:30:00+08:00');

export async function startE2eRuntime(opts: { timerIntervalMs?: number } = {}): Promise<E2eRuntime> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pingtai-e2e-'));
  const t0 = Date.now();
  let skipped = 0;
  const server = await startServer({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    now: () => CLOCK_START + skipped + (Date.now() - t0),
    ...(opts.timerIntervalMs ? { timerIntervalMs: opts.timerIntervalMs } : {}),
    logger: pino({ level: 'warn' }),
    handleSignals: false,
    print: () => {},
  });
  return {
    server,
    url: server.url,
    county: DEMO_COUNTY,
    advance: (ms) => {
      skipped += ms;
    },
    token: async (role, unit) => (await createToken(server.db, { county: DEMO_COUNTY, role, ...(unit ? { unit } : {}), label: `e2e ${role}` })).token,
    stop: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
