/**
 * Named people on SQLite and PostgreSQL: accounts created, edited and disabled by the county
 * administrator; password sign-in with lockout and the first-login change; API tokens issued,
 * revoked and their last use; names in the event history; other counties' accounts are 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../runtime/auth/tokens';
import { hashPassword, verifyPassword } from '../../runtime/auth/passwords';
import { catalogCase } from './support/catalog-cases';
import { dbTargets } from './support/db-targets';
import { startTestServer, type TestServer } from './support/test-server';

describe('password hashes', () => {
  it('are scrypt with their salt and parameters, and verify only the right password', async () => {
    const stored = await hashPassword('正确的密码 horse');
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await hashPassword('正确的密码 horse')).not.toBe(stored);
    expect(await verifyPassword('正确的密码 horse', stored)).toBe(true);
    expect(await verifyPassword('正确的密码 horsE', stored)).toBe(false);
    expect(await verifyPassword('x', 'scrypt$bad')).toBe(false);
  });
});

describe.each(dbTargets())('accounts ($name)', (target) => {
  let ts: TestServer;
  let otherAdmin: string;
  beforeAll(async () => {
    ts = await startTestServer(target);
    await ts.server.db.models.County.create({ id: 'other', name: 'Other county', activeVersion: null, createdAt: new Date(ts.clock.now) });
    otherAdmin = (await createToken(ts.server.db, { county: 'other', role: 'county_admin', label: 'other admin' })).token;
  });
  afterAll(async () => {
    await ts?.close();
  });

  const create = (body: Record<string, unknown>, token = ts.adminToken) => ts.request('POST', '/api/v1/counties/demo/accounts', { token, body });
  const signIn = (login: string, password: string, county = 'demo') => ts.request('POST', '/api/v1/sign-in', { body: { county, login, password } });
  /** A grid worker signed in with a password of its own: its session token. */
  const workerSession = async (name: string, phone: string) => {
    const made = await create({ name, phone, role: 'grid_worker', unit: 'qs-fx-v01-g1' });
    expect(made.status).toBe(201);
    const first = await signIn(phone, made.body.temporaryPassword);
    expect(first.status).toBe(200);
    const changed = await ts.request('POST', '/api/v1/password', { token: first.body.token, body: { currentPassword: made.body.temporaryPassword, newPassword: 'grid-worker-2026' } });
    expect(changed.status).toBe(200);
    return { id: made.body.account.id as string, token: first.body.token as string };
  };

  it('an administrator creates an account: a temporary password once, never the hash', async () => {
    const res = await create({ name: '王小明', phone: '138 0000 0001', role: 'grid_worker', unit: 'qs-fx-v01-g1' });
    expect(res.status).toBe(201);
    expect(res.body.account).toMatchObject({ name: '王小明', phone: '13800000001', role: 'grid_worker', unit: 'qs-fx-v01-g1', disabled: false, passwordChangeRequired: true });
    expect(res.body.temporaryPassword).toMatch(/^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/);
    const list = await ts.request('GET', '/api/v1/counties/demo/accounts', { token: ts.adminToken });
    expect(list.status).toBe(200);
    expect(list.body.accounts.map((a: { name: string }) => a.name)).toContain('王小明');
    expect(list.text).not.toContain('scrypt');
    expect(list.text).not.toContain(res.body.temporaryPassword);
  });

  it('refuses bad accounts naming the field, and writes nothing', async () => {
    const before = await ts.server.db.models.Account.count({ where: { countyId: 'demo' } });
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ phone: '13800000009', role: 'handler', unit: 'qs-fx-v01' }, 422, 'name'],
      [{ name: 'A', phone: 'call me', role: 'handler', unit: 'qs-fx-v01' }, 422, 'phone'],
      [{ name: 'A', role: 'handler', unit: 'qs-fx-v01' }, 422, 'phone'],
      [{ name: 'A', phone: '13800000009', role: 'mayor' }, 422, 'role'],
      [{ name: 'A', phone: '13800000009', role: 'grid_worker' }, 422, 'unit'],
      [{ name: 'A', phone: '13800000009', role: 'grid_worker', unit: 'qs-fx-v01' }, 422, 'unit'],
      [{ name: 'A', phone: '13800000009', role: 'handler', unit: 'nowhere' }, 422, 'unit'],
      [{ name: 'A', phone: '13800000001', role: 'policy_designer' }, 409, 'phone'],
      [{ name: 'A', phone: '13800000009', role: 'policy_designer', password: 'x' }, 400, 'password'],
    ];
    for (const [body, status, field] of cases) {
      const res = await create(body);
      expect({ body, status: res.status, field: res.body.error.field }).toEqual({ body, status, field });
    }
    expect(await ts.server.db.models.Account.count({ where: { countyId: 'demo' } })).toBe(before);
  });

  it('only a county administrator manages accounts', async () => {
    const handler = await ts.token({ role: 'handler', unit: 'qs-fx-v01' });
    expect((await ts.request('GET', '/api/v1/counties/demo/accounts', { token: handler })).status).toBe(403);
    expect((await create({ name: 'B', phone: '13800000010', role: 'policy_designer' }, handler)).status).toBe(403);
  });

  it('sign-in: the temporary password allows only the password change, then everything', async () => {
    const made = await create({ name: '李四', username: 'lisi', role: 'handler', unit: 'qs-fx-v01' });
    const temporary = made.body.temporaryPassword as string;
    const session = await signIn('LiSi', temporary);
    expect(session.status).toBe(200);
    expect(session.body.account).toMatchObject({ name: '李四', passwordChangeRequired: true });
    const token = session.body.token as string;
    const me = await ts.request('GET', '/api/v1/me', { token });
    expect(me.body).toMatchObject({ role: 'handler', unit: 'qs-fx-v01', name: '李四', passwordChangeRequired: true, id: made.body.account.id });
    const c = catalogCase('dispute-neighbor-to-village');
    const blocked = await ts.request('POST', '/api/v1/counties/demo/events', { token, body: { category: c.input.category, data: c.input.data } });
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('password-change-required');
    const short = await ts.request('POST', '/api/v1/password', { token, body: { currentPassword: temporary, newPassword: 'short' } });
    expect(short.status).toBe(422);
    expect(short.body.error).toMatchObject({ code: 'weak-password', field: 'newPassword' });
    expect(short.body.error.message).toContain('at least 8 characters');
    const wrong = await ts.request('POST', '/api/v1/password', { token, body: { currentPassword: 'not-it-at-all', newPassword: 'handler-2026' } });
    expect(wrong.body.error).toMatchObject({ code: 'wrong-password', field: 'currentPassword' });
    const ok = await ts.request('POST', '/api/v1/password', { token, body: { currentPassword: temporary, newPassword: 'handler-2026' } });
    expect(ok.status).toBe(200);
    expect(ok.body.account.passwordChangeRequired).toBe(false);
    expect((await ts.request('GET', '/api/v1/counties/demo/events', { token })).status).toBe(200);
    expect((await signIn('lisi', temporary)).status).toBe(401);
    expect((await signIn('lisi', 'handler-2026')).status).toBe(200);
    const out = await ts.request('POST', '/api/v1/sign-out', { token });
    expect(out.status).toBe(200);
    expect((await ts.request('GET', '/api/v1/me', { token })).status).toBe(401);
  });

  it('a wrong password, an unknown login and another county all answer the same 401', async () => {
    const made = await create({ name: '赵六', phone: '13800000020', role: 'policy_designer' });
    for (const [login, password, county] of [['13800000020', 'wrong-password', 'demo'], ['13899999999', made.body.temporaryPassword, 'demo'], ['13800000020', made.body.temporaryPassword, 'other']]) {
      const res = await signIn(login, password, county);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('invalid-credentials');
    }
    const missing = await ts.request('POST', '/api/v1/sign-in', { body: { county: 'demo', login: '13800000020' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.field).toBe('password');
  });

  it('five wrong passwords in a row lock the account for 15 minutes, even to the right password', async () => {
    const made = await create({ name: '钱七', phone: '13800000030', role: 'policy_designer' });
    const right = made.body.temporaryPassword as string;
    for (let i = 1; i <= 4; i++) expect((await signIn('13800000030', `wrong-${i}-password`)).status).toBe(401);
    const fifth = await signIn('13800000030', 'wrong-5-password');
    expect(fifth.status).toBe(423);
    const until = new Date(ts.clock.now + 15 * 60_000).toISOString();
    expect(fifth.body.error).toMatchObject({ code: 'account-locked', lockedUntil: until });
    expect(fifth.body.error.message).toContain(until);
    const still = await signIn('13800000030', right);
    expect(still.status).toBe(423);
    ts.clock.now += 15 * 60_000 + 1000;
    expect((await signIn('13800000030', right)).status).toBe(200);
    // a success starts the count again
    for (let i = 1; i <= 4; i++) expect((await signIn('13800000030', `wrong-${i}-password`)).status).toBe(401);
    expect((await signIn('13800000030', right)).status).toBe(200);
    expect((await signIn('13800000030', 'wrong-again-password')).status).toBe(401);
  });

  it('edits an account; disabling it ends its sessions and refuses its sign-in', async () => {
    const worker = await workerSession('孙八', '13800000040');
    const edited = await ts.request('PATCH', `/api/v1/counties/demo/accounts/${worker.id}`, { token: ts.adminToken, body: { name: '孙八妹', unit: 'qs-fx-v01-g2' } });
    expect(edited.status).toBe(200);
    expect(edited.body.account).toMatchObject({ name: '孙八妹', unit: 'qs-fx-v01-g2' });
    expect((await ts.request('GET', '/api/v1/me', { token: worker.token })).body).toMatchObject({ name: '孙八妹', unit: 'qs-fx-v01-g2' });
    const badUnit = await ts.request('PATCH', `/api/v1/counties/demo/accounts/${worker.id}`, { token: ts.adminToken, body: { unit: 'qs-fx-v01' } });
    expect(badUnit.status).toBe(422);
    expect(badUnit.body.error.field).toBe('unit');
    const disabled = await ts.request('PATCH', `/api/v1/counties/demo/accounts/${worker.id}`, { token: ts.adminToken, body: { disabled: true } });
    expect(disabled.body.account.disabled).toBe(true);
    expect((await ts.request('GET', '/api/v1/me', { token: worker.token })).status).toBe(401);
    const refused = await signIn('13800000040', 'grid-worker-2026');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('account-disabled');
    await ts.request('PATCH', `/api/v1/counties/demo/accounts/${worker.id}`, { token: ts.adminToken, body: { disabled: false } });
    expect((await signIn('13800000040', 'grid-worker-2026')).status).toBe(200);
  });

  it('a reset gives a new temporary password and lifts a lockout', async () => {
    const made = await create({ name: '周九', phone: '13800000050', role: 'policy_designer' });
    for (let i = 1; i <= 5; i++) await signIn('13800000050', `wrong-${i}-password`);
    expect((await signIn('13800000050', made.body.temporaryPassword)).status).toBe(423);
    const reset = await ts.request('POST', `/api/v1/counties/demo/accounts/${made.body.account.id}/reset-password`, { token: ts.adminToken });
    expect(reset.status).toBe(200);
    expect(reset.body.account.lockedUntil).toBeNull();
    expect((await signIn('13800000050', made.body.temporaryPassword)).status).toBe(401);
    expect((await signIn('13800000050', reset.body.temporaryPassword)).body.account.passwordChangeRequired).toBe(true);
  });

  it('sessions expire after 12 hours', async () => {
    const made = await create({ name: '吴十', phone: '13800000060', role: 'policy_designer' });
    const token = (await signIn('13800000060', made.body.temporaryPassword)).body.token;
    expect((await ts.request('GET', '/api/v1/me', { token })).status).toBe(200);
    ts.clock.advanceHours(12);
    expect((await ts.request('GET', '/api/v1/me', { token })).status).toBe(401);
  });

  it('API tokens: issued once in clear, listed with their last use (a write a minute at most), revoked', async () => {
    const issued = await ts.request('POST', '/api/v1/counties/demo/tokens', { token: ts.adminToken, body: { label: '12345 热线接口', role: 'dispatcher', unit: 'qs-fx-cmd' } });
    expect(issued.status).toBe(201);
    expect(issued.body.token).toMatch(/^pt_/);
    expect(issued.body.info).toMatchObject({ label: '12345 热线接口', role: 'dispatcher', unit: 'qs-fx-cmd', lastUsedAt: null, revoked: false });
    const id = issued.body.info.id as string;
    const bad = await ts.request('POST', '/api/v1/counties/demo/tokens', { token: ts.adminToken, body: { label: 'x', role: 'handler', unit: 'nowhere' } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe('unit');
    const listed = async () => (await ts.request('GET', '/api/v1/counties/demo/tokens', { token: ts.adminToken })).body.tokens.find((t: { id: string }) => t.id === id);
    expect(JSON.stringify(await listed())).not.toContain(issued.body.token);
    const used = ts.clock.now;
    expect((await ts.request('GET', '/api/v1/me', { token: issued.body.token })).status).toBe(200);
    expect((await listed()).lastUsedAt).toBe(new Date(used).toISOString());
    ts.clock.now += 30_000;
    await ts.request('GET', '/api/v1/me', { token: issued.body.token });
    expect((await listed()).lastUsedAt).toBe(new Date(used).toISOString());
    ts.clock.now += 31_000;
    await ts.request('GET', '/api/v1/me', { token: issued.body.token });
    expect((await listed()).lastUsedAt).toBe(new Date(ts.clock.now).toISOString());
    // sessions of people are not API tokens
    const sessions = await ts.server.db.models.Token.findAll({ where: { countyId: 'demo' }, attributes: ['id', 'accountId'] });
    const sessionIds = sessions.filter((r) => r.accountId !== null).map((r) => r.id);
    expect(sessionIds.length).toBeGreaterThan(0);
    const tokens = (await ts.request('GET', '/api/v1/counties/demo/tokens', { token: ts.adminToken })).body.tokens as Array<{ id: string }>;
    expect(tokens.filter((t) => sessionIds.includes(t.id))).toEqual([]);
    expect((await ts.request('DELETE', `/api/v1/counties/demo/tokens/${id}`, { token: ts.adminToken })).status).toBe(200);
    expect((await listed()).revoked).toBe(true);
    expect((await ts.request('GET', '/api/v1/me', { token: issued.body.token })).status).toBe(401);
    expect((await ts.request('DELETE', '/api/v1/counties/demo/tokens/not-a-token', { token: ts.adminToken })).status).toBe(404);
  });

  it("the history shows the person's name and the machine's label", async () => {
    const worker = await workerSession('郑网格', '13800000070');
    const c = catalogCase('dispute-neighbor-to-village');
    ts.clock.set(c.input.at);
    const reported = await ts.request('POST', '/api/v1/counties/demo/events', { token: worker.token, body: { category: c.input.category, data: c.input.data } });
    expect(reported.status).toBe(201);
    const eventId = reported.body.event.id as string;
    const machine = (await createToken(ts.server.db, { county: 'demo', role: 'county_admin', label: '数据同步程序' })).token;
    const comment = await ts.request('POST', `/api/v1/counties/demo/events/${eventId}/comments`, { token: machine, body: { text: '已同步' } });
    expect(comment.body.entry.actor.name).toBe('数据同步程序');
    await ts.request('POST', `/api/v1/counties/demo/events/${eventId}/comments`, { token: worker.token, body: { text: '现场已拍照' } });
    const detail = await ts.request('GET', `/api/v1/counties/demo/events/${eventId}`, { token: ts.adminToken });
    const byAction = (action: string) => detail.body.history.filter((h: { action: string }) => h.action === action);
    expect(byAction('report')[0].actor).toMatchObject({ id: worker.id, role: 'grid_worker', name: '郑网格' });
    expect(byAction('comment').map((h: { actor: { name: string } }) => h.actor.name)).toEqual(['数据同步程序', '郑网格']);
    expect(byAction('dispatch')[0].actor.name).toBeUndefined();
    // the worker sees its own report after signing in again (the account, not the session, reported it)
    const again = await signIn('13800000070', 'grid-worker-2026');
    expect((await ts.request('GET', `/api/v1/counties/demo/events/${eventId}`, { token: again.body.token })).status).toBe(200);
  });

  it('config versions name who made them', async () => {
    const made = await create({ name: '冯管理', username: 'fengadmin', role: 'county_admin' });
    const first = await signIn('fengadmin', made.body.temporaryPassword);
    await ts.request('POST', '/api/v1/password', { token: first.body.token, body: { currentPassword: made.body.temporaryPassword, newPassword: 'county-admin-2026' } });
    const draft = await ts.request('POST', '/api/v1/counties/demo/configs', { token: first.body.token, body: { copyOf: 1 } });
    expect(draft.status).toBe(201);
    const versions = (await ts.request('GET', '/api/v1/counties/demo/configs', { token: ts.adminToken })).body.versions as Array<{ version: number; createdBy: string; createdByName: string | null }>;
    expect(versions.find((v) => v.version === draft.body.version)).toMatchObject({ createdBy: made.body.account.id, createdByName: '冯管理' });
  });

  it("another county's accounts and tokens are 404, both ways", async () => {
    const mine = await create({ name: '陈一', phone: '13800000080', role: 'policy_designer' });
    const id = mine.body.account.id as string;
    expect((await ts.request('GET', '/api/v1/counties/demo/accounts', { token: otherAdmin })).status).toBe(404);
    expect((await ts.request('GET', '/api/v1/counties/other/accounts', { token: ts.adminToken })).status).toBe(404);
    expect((await ts.request('PATCH', `/api/v1/counties/other/accounts/${id}`, { token: otherAdmin, body: { name: 'x' } })).status).toBe(404);
    expect((await ts.request('POST', `/api/v1/counties/other/accounts/${id}/reset-password`, { token: otherAdmin })).status).toBe(404);
    expect((await ts.request('GET', '/api/v1/counties/other/accounts', { token: otherAdmin })).body.accounts).toEqual([]);
    const demoTokens = (await ts.request('GET', '/api/v1/counties/demo/tokens', { token: ts.adminToken })).body.tokens as Array<{ id: string }>;
    expect((await ts.request('DELETE', `/api/v1/counties/other/tokens/${demoTokens[0].id}`, { token: otherAdmin })).status).toBe(404);
    expect((await ts.request('GET', '/api/v1/counties/other/tokens', { token: otherAdmin })).body.tokens.map((t: { label: string }) => t.label)).toEqual(['other admin']);
    expect((await ts.request('GET', `/api/v1/counties/demo/accounts/${id}`, { token: ts.adminToken })).body.account.name).toBe('陈一');
  });
});
