import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { openDatabase } from '../runtime/db/open-database';
import { intakeEvent } from '../runtime/events/intake';
import { loadBaseline, sampleEvents } from '../bench/catalog-events';

const compiled = await loadBaseline();
const dir = await mkdtemp(join(tmpdir(), 'micro-'));
const db = await openDatabase({ dataDir: dir, logger: pino({ level: 'silent' }) });
await db.migrate();
const reports = sampleEvents(compiled, 24, 7);
let i = 0;
async function worker(n: number) {
  for (let k = 0; k < n; k++) {
    const r = reports[i++ % reports.length];
    await intakeEvent({ db, compiled, countyId: 'demo', configVersion: 1, category: r.category, data: r.data, source: 'api', reporterId: 'u1', idempotencyKey: `k${i}`, now: Date.now() });
  }
}
for (const conc of [50, 50, 50]) {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(Array.from({ length: conc }, () => worker(100)));
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  console.log(`conc ${conc}: ${(conc * 100 / ms * 1000).toFixed(0)}/s, main+pool cpu ${((cpu.user + cpu.system) / 1000 / ms).toFixed(2)} cores`);
}
console.log((globalThis as any).execStats);
await db.close();
