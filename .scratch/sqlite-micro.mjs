// raw SQLite cost of the intake script, by experiment
import sqlite3 from 'sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const variant = process.argv[2] ?? 'base';
const src = process.argv[3];
const dir = mkdtempSync(join(tmpdir(), 'sqm-'));
const file = join(dir, 'db.sqlite');
const { execSync } = await import('node:child_process');
execSync(`cp ${src} ${file}`);
const db = new sqlite3.Database(file);
const exec = (s) => new Promise((res, rej) => db.exec(s, (e) => (e ? rej(e) : res())));
const all = (s, p=[]) => new Promise((res, rej) => db.all(s, p, (e, r) => (e ? rej(e) : res(r))));
const ps = /ps(\d+)/.exec(variant); if (ps) { await exec('PRAGMA journal_mode=DELETE; PRAGMA page_size=' + ps[1] + '; VACUUM;'); }
await exec('PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;');
if (variant.includes('nockpt') || variant.includes('bgckpt')) await exec('PRAGMA wal_autocheckpoint=0');
let bg = null;
if (variant.includes('bgckpt')) { const c = new sqlite3.Database(file); bg = setInterval(() => c.get('PRAGMA wal_checkpoint(PASSIVE)', (e, r) => { if (variant.includes('v')) console.log(r); }), 500); }
if (variant.includes('cache')) await exec('PRAGMA cache_size=-65536');
if (variant.includes('noidx')) { const idx = await all("select name from sqlite_master where type='index' and tbl_name='events' and sql is not null"); for (const i of idx) await exec(`DROP INDEX "${i.name}"`); }
// take one sample script: re-use rows from the source db
const events = await all('select * from events limit ' + (process.env.B ?? 50));
const hist = await all('select * from event_history limit 100');
const timers = await all('select * from timers limit 180');
const outbox = await all('select * from outbox limit 60');
let n = 0;
const uuid = () => { n++; return `ffffffff-0000-7000-8000-${String(n).padStart(12, '0')}`; };
const ins = (table, rows, fix) => { if (!rows.length) return ''; const cols = Object.keys(rows[0]); const tuples = rows.map((r) => { fix(r); return cols.map((c) => r[c]); }); return `INSERT INTO "${table}" (${cols.map(c=>`"${c}"`).join(',')}) SELECT ${cols.map((c,i)=>`value ->> ${i}`).join(',')} FROM json_each('${JSON.stringify(tuples).replaceAll("'", "''")}');\n`; };
const t0 = performance.now(); let total = 0;
for (let b = 0; b < 100; b++) {
  const idMap = new Map();
  const ev = events.map((e) => { const r = { ...e }; if (variant.includes('noexpl')) { r.explanation = '{}'; r.sla='{}'; } const id = uuid(); idMap.set(e.id, id); r.id = id; r.idempotency_key = 'k' + id; return r; });
  const script = 'BEGIN IMMEDIATE;\n' + ins('events', ev, () => {}) + (variant.includes('onlyev') ? '' : ins('event_history', hist.filter(h => idMap.has(h.event_id)).map(h => ({...h, event_id: idMap.get(h.event_id)})), ()=>{}) + ins('timers', timers.filter(h => idMap.has(h.event_id)).map(h => ({...h, id: uuid(), event_id: idMap.get(h.event_id)})), ()=>{}) + ins('outbox', outbox.filter(h => idMap.has(h.event_id)).map(h => ({...h, id: uuid(), event_id: idMap.get(h.event_id)})), ()=>{})) + 'COMMIT;';
  const s = performance.now();
  await exec(script);
  total += performance.now() - s;
}
if (bg) clearInterval(bg);
console.log(variant, `${(total / (100 * events.length) * 1000).toFixed(0)} µs per event in SQLite`);
