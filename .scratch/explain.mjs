import fs from 'node:fs';
import sqlite3 from 'sqlite3';
const lines = fs.readFileSync('/tmp/trace.log', 'utf8').split('\n');
const sqls = new Set();
for (const l of lines) {
  if (!l.startsWith('{')) continue;
  let o; try { o = JSON.parse(l); } catch { continue; }
  if (!o.sql) continue;
  const s = o.sql.replace(/^Executing \([^)]*\): /, '');
  if (/^(SELECT|UPDATE|DELETE)/.test(s) && /`?events`?\s/.test(s) && !/event_history|sqlite_master/.test(s)) sqls.add(s);
}
const db = new sqlite3.Database(process.argv[2]);
const used = new Map();
for (const s of sqls) {
  await new Promise((res) => db.all('EXPLAIN QUERY PLAN ' + s, (e, rows) => {
    if (e) { res(); return; }
    for (const r of rows) { const m = /USING (?:COVERING )?INDEX (\S+)|USING INTEGER PRIMARY KEY|(SCAN \S+)$/.exec(r.detail); const k = m ? (m[1] ?? m[2] ?? 'pk') : r.detail; if (!used.has(k)) used.set(k, []); used.get(k).push(s.slice(0, 300)); }
    res();
  }));
}
for (const [k, v] of used) console.log(k, v.length, '\n    e.g.', v[0].slice(0, 250));
console.log(sqls.size, 'distinct statements');
