import { runLoad } from '../bench/http-load';
import { loadBaseline, sampleEvents } from '../bench/catalog-events';
const compiled = await loadBaseline();
const bodies = sampleEvents(compiled, 24, 7).map((e) => Buffer.from(JSON.stringify({ category: e.category, data: e.data })));
const r = await runLoad({ baseUrl: 'http://127.0.0.1:3998', connections: 50, warmupMs: 2000, durationMs: 6000, next: (i) => ({ method: 'POST', path: '/api/v1/counties/demo/events', headers: { 'content-type': 'application/json', authorization: `Bearer ${process.env.TOKEN}`, 'idempotency-key': `k-${i}-${Date.now()}` }, body: bodies[i % bodies.length] }) });
console.log(r.rate.toFixed(0), 'p50', r.p50.toFixed(1), 'p99', r.p99.toFixed(1), 'max', r.max.toFixed(1), 'errors', r.errors, Object.keys(r.errorKinds));
