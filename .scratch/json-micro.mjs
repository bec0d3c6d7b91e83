import sqlite3 from 'sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execSync } from 'node:child_process';
const src = process.argv[2];
const dir = mkdtempSync(join(tmpdir(), 'sqj-'));
const file = join(dir, 'db.sqlite');
execSync(`cp ${src} ${file}`);
const db = new sqlite3.Database(file);
const exec = (s) => new Promise((res, rej) => db.exec(s, (e) => (e ? rej(e) : res())));
const all = (s, p=[]) => new Promise((res, rej) => db.all(s, p, (e, r) => (e ? rej(e) : res(r))));
const run = (st, p) => new Promise((res, rej) => st.run(p, (e) => (e ? rej(e) : res())));
await exec('PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=0');
const idx = await all("select name from sqlite_master where type='index' and tbl_name='events' and sql is not null"); for (const i of idx) await exec(`DROP INDEX "${i.name}"`);
const events = await all('select * from events limit 50');
const cols = Object.keys(events[0]);
let n = 0;
const uuid = () => { n++; return `ffffffff-0000-7000-8000-${String(n).padStart(12, '0')}`; };
const JSONC = new Set(['data','decision','explanation','sla','assist']);
const modes = { inline: null, values_bound: null, json_strings: null };
const lit = (v) => v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${String(v).replaceAll("'", "''")}'`;
for (const mode of Object.keys(modes)) {
  let total = 0;
  const stmt = mode === 'values_bound' ? db.prepare(`INSERT INTO events (${cols.map(c=>`"${c}"`).join(',')}) VALUES ${events.map(() => `(${cols.map(()=> '?').join(',')})`).join(',')}`) : null;
  for (let b = 0; b < 60; b++) {
    const rows = events.map((e) => ({ ...e, id: uuid(), idempotency_key: 'k' + n }));
    const s = performance.now();
    if (mode === 'inline') {
      const t0 = performance.now();
      const text = `BEGIN; INSERT INTO events (${cols.map(c=>`"${c}"`).join(',')}) VALUES ${rows.map((r) => `(${cols.map((c) => lit(r[c])).join(',')})`).join(',')}; COMMIT;`;
      globalThis.build = (globalThis.build ?? 0) + performance.now() - t0;
      await exec(text);
    } else if (mode === 'values_bound') {
      await exec('BEGIN'); await run(stmt, rows.flatMap((r) => cols.map((c) => r[c]))); await exec('COMMIT');
    } else {
      const tuples = rows.map((r) => cols.map((c) => mode === 'json_objects' && JSONC.has(c) ? JSON.parse(r[c]) : mode === 'empty_json' && JSONC.has(c) ? '{}' : r[c]));
      const sel = cols.map((c, i) => `value ${mode === 'json_objects' && JSONC.has(c) ? '->' : '->>'} ${i}`).join(',');
      await exec(`BEGIN; INSERT INTO events (${cols.map(c=>`"${c}"`).join(',')}) SELECT ${sel} FROM json_each('${JSON.stringify(tuples).replaceAll("'", "''")}'); COMMIT;`);
    }
    if (b >= 10) total += performance.now() - s;
  }
  console.log(mode, (total / (50 * 50) * 1000).toFixed(0), 'µs per event', globalThis.build ? `build ${(globalThis.build / 3000 * 1000).toFixed(1)} µs/event` : '');
}
