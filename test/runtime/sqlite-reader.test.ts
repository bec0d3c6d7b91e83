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
