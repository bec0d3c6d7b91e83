import { it, expect } from 'vitest';
import { startTestServer } from './support/test-server';
import { sqliteDate } from '../../runtime/db/sqlite-reader';
it('the read-only connection compares dates in the text sequelize stores, and counts recent reports', async () => {
  const ts = await startTestServer({ name: 'sqlite' });
  const c = (await import('./support/catalog-cases')).catalogCase('dispute-labor-small-default-platform');
  ts.clock.set(c.input.at);
  const r = await ts.request('POST', '/api/v1/counties/demo/events', { token: ts.adminToken, body: { category: c.input.category, data: c.input.data } });
  const [rows] = await ts.server.db.sequelize.query('select reported_at from events');
  expect((rows as any[])[0].reported_at).toBe(sqliteDate(ts.clock.now));
  for (let i = 0; i < 3; i++) await ts.request('POST', '/api/v1/counties/demo/events', { token: ts.adminToken, body: { category: c.input.category, data: c.input.data } });
  const last = await ts.request('POST', '/api/v1/counties/demo/events', { token: ts.adminToken, body: { category: c.input.category, data: c.input.data } });
  const detail = await ts.request('GET', `/api/v1/counties/demo/events/${last.body.event.id}`, { token: ts.adminToken });
  expect(detail.body.event.explanation.facts.recentReports).toBe(4);
  await ts.close();
});

it('recent reports are counted over the window of the report time, also when the clock goes back', async () => {
  const ts = await startTestServer({ name: 'sqlite' });
  const c = (await import('./support/catalog-cases')).catalogCase('dispute-labor-small-default-platform');
  const report = async () => {
    const r = await ts.request('POST', '/api/v1/counties/demo/events', { token: ts.adminToken, body: { category: c.input.category, data: c.input.data } });
    const detail = await ts.request('GET', `/api/v1/counties/demo/events/${r.body.event.id}`, { token: ts.adminToken });
    return detail.body.event.explanation.facts.recentReports as number;
  };
  const start = Date.parse(c.input.at);
  ts.clock.now = start;
  expect(await report()).toBe(0);
  ts.clock.now = start + 3_600_000;
  expect(await report()).toBe(1);
  // eight days before both: neither is in its window (nor in the future of it)
  ts.clock.now = start - 8 * 86_400_000;
  expect(await report()).toBe(0);
  // back to the present: the first two, not the one dated more than seven days back
  ts.clock.now = start + 7_200_000;
  expect(await report()).toBe(2);
  // six days on: the first, second and fourth reports; not the one dated eight days back
  ts.clock.now = start + 6 * 86_400_000;
  expect(await report()).toBe(3);
  ts.clock.now = start + 8 * 86_400_000;
  expect(await report()).toBe(1);
  await ts.close();
});
