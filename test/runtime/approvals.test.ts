/**
 * Four eyes over HTTP on SQLite (and PostgreSQL when PINGTAI_TEST_PG names one): with approval
 * off, publishing and activating act at once and are recorded with who did it; with it on, they
 * become requests that a different county administrator, signed in, approves (the action happens
 * then) or rejects; the proposer may withdraw; self-approval, API tokens and other roles are
 * refused naming why; stale requests are refused; bad input is refused naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatformToken } from '../../runtime/auth/platform-tokens';
import { dbTargets } from './support/db-targets';
import { startTestServer, type TestServer } from './support/test-server';

const C = '/api/v1/counties/demo';

describe.each(dbTargets())('four eyes ($name)', (target) => {
  let ts: TestServer;
  let alice: { id: string; token: string };
  let bob: { id: string; token: string };
  let designer: string;

  /** A county administrator signed in with a password of their own: a person's session. */
  const adminSession = async (name: string, phone: string) => {
    const made = await ts.request('POST', `${C}/accounts`, { token: ts.adminToken, body: { name, phone, role: 'county_admin' } });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const first = await ts.request('POST', '/api/v1/sign-in', { body: { county: 'demo', login: phone, password: made.body.temporaryPassword } });
    await ts.request('POST', '/api/v1/password', { token: first.body.token, body: { currentPassword: made.body.temporaryPassword, newPassword: 'county-admin-2026' } });
    return { id: made.body.account.id as string, token: first.body.token as string };
  };
  const draft = async () => {
    const res = await ts.request('POST', `${C}/configs`, { token: alice.token, body: { copyOf: 1 } });
    expect(res.status).toBe(201);
    return res.body.version as number;
  };
  const status = async (v: number) => (await ts.request('GET', `${C}/configs/${v}`, { token: alice.token })).body.status;
  const active = async () => (await ts.request('GET', `${C}/config/active`, { token: alice.token })).body.version;
  const decide = (id: number, decision: string, token: string, body?: unknown) => ts.request('POST', `${C}/approvals/${id}/${decision}`, { token, body });
  const setting = (on: boolean, token: string) => ts.request('PUT', `${C}/settings/approval`, { token, body: { requireApproval: on, comment: on ? 'four eyes from now on' : 'back to one' } });

  beforeAll(async () => {
    ts = await startTestServer(target);
    alice = await adminSession('管理员甲', '13800000101');
    bob = await adminSession('管理员乙', '13800000102');
    designer = await ts.token({ role: 'policy_designer' });
  });
  afterAll(async () => {
    await ts?.close();
  });

  it('off (the default): publish and activate act at once, recorded with who did it', async () => {
    expect((await ts.request('GET', `${C}/settings/approval`, { token: alice.token })).body).toMatchObject({ requireApproval: false, changedAt: null });
    const v = await draft();
    const published = await ts.request('POST', `${C}/configs/${v}/publish`, { token: alice.token, body: { comment: '网格调整' } });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ version: v, status: 'published' });
    expect((await ts.request('POST', `${C}/configs/${v}/activate`, { token: alice.token })).body).toEqual({ active: v });
    expect(await active()).toBe(v);
    const list = await ts.request('GET', `${C}/approvals`, { token: designer });
    expect(list.body.requireApproval).toBe(false);
    expect(list.body.approvals.map((r: { action: unknown; status: string; proposedByName: string; decidedBy: string }) => [r.action, r.status, r.proposedByName, r.decidedBy])).toEqual([
      [{ type: 'activate', version: v }, 'direct', '管理员甲', alice.id],
      [{ type: 'publish', version: v }, 'direct', '管理员甲', alice.id],
    ]);
    expect(list.body.approvals[1].comment).toBe('网格调整');
  });

  it('on: a publish becomes a request a different administrator approves, and happens then', async () => {
    const on = await setting(true, alice.token);
    expect(on.status).toBe(200);
    expect(on.body).toMatchObject({ requireApproval: true, approval: { action: { type: 'require-approval', on: true }, status: 'direct', comment: 'four eyes from now on' } });
    const v = await draft();
    const proposed = await ts.request('POST', `${C}/configs/${v}/publish`, { token: alice.token, body: { comment: '请审核' } });
    expect(proposed.status).toBe(202);
    expect(proposed.body).toMatchObject({ status: 'pending-approval', approval: { action: { type: 'publish', version: v }, status: 'pending', proposedBy: alice.id, comment: '请审核', decidedAt: null } });
    expect(await status(v)).toBe('draft');
    const id = proposed.body.approval.id as number;
    expect((await ts.request('POST', `${C}/configs/${v}/publish`, { token: bob.token })).body.error.code).toBe('already-pending');

    const own = await decide(id, 'approve', alice.token, { comment: '我自己批' });
    expect([own.status, own.body.error.code]).toEqual([403, 'own-request']);
    expect(own.body.error.message).toContain('different county administrator');
    const machine = await decide(id, 'approve', ts.adminToken);
    expect([machine.status, machine.body.error.code]).toEqual([403, 'person-required']);
    const notAdmin = await decide(id, 'approve', designer);
    expect([notAdmin.status, notAdmin.body.error.code]).toEqual([403, 'role-not-allowed']);
    expect(await status(v)).toBe('draft');

    const approved = await decide(id, 'approve', bob.token, { comment: '同意' });
    expect(approved.status).toBe(200);
    expect(approved.body.approval).toMatchObject({ status: 'approved', proposedBy: alice.id, decidedBy: bob.id, decidedByName: '管理员乙', decisionComment: '同意' });
    expect(approved.body.approval.decidedAt).toMatch(/^2026-03-10T10:00:00/);
    expect(approved.body.result).toMatchObject({ version: v, status: 'published' });
    expect(await status(v)).toBe('published');
    expect((await decide(id, 'approve', bob.token)).body.error.code).toBe('not-pending');

    // activation likewise
    const activation = await ts.request('POST', `${C}/configs/${v}/activate`, { token: bob.token });
    expect(activation.status).toBe(202);
    expect(await active()).not.toBe(v);
    const activated = await decide(activation.body.approval.id, 'approve', alice.token);
    expect(activated.body.result).toEqual({ active: v });
    expect(await active()).toBe(v);
    const again = await ts.request('POST', `${C}/configs/${v}/activate`, { token: bob.token });
    expect([again.status, again.body.error.code]).toEqual([409, 'already-active']);
  });

  it('reject (with a comment) and withdraw leave the draft as it was', async () => {
    const v = await draft();
    const proposed = await ts.request('POST', `${C}/configs/${v}/publish`, { token: alice.token });
    const id = proposed.body.approval.id as number;
    const bare = await decide(id, 'reject', bob.token);
    expect([bare.status, bare.body.error.field]).toEqual([400, 'comment']);
    const ownReject = await decide(id, 'reject', alice.token, { comment: 'x' });
    expect(ownReject.body.error.code).toBe('own-request');
    const rejected = await decide(id, 'reject', bob.token, { comment: '规则 R12 的时限不对' });
    expect(rejected.body.approval).toMatchObject({ status: 'rejected', decidedBy: bob.id, decisionComment: '规则 R12 的时限不对' });
    expect(rejected.body.result).toBeNull();
    expect(await status(v)).toBe('draft');

    const second = await ts.request('POST', `${C}/configs/${v}/publish`, { token: alice.token });
    const notMine = await decide(second.body.approval.id, 'withdraw', bob.token);
    expect([notMine.status, notMine.body.error.code]).toEqual([403, 'not-proposer']);
    const withdrawn = await decide(second.body.approval.id, 'withdraw', alice.token, { comment: '再改一下' });
    expect(withdrawn.body.approval).toMatchObject({ status: 'withdrawn', decidedBy: alice.id, decisionComment: '再改一下' });
    expect(await status(v)).toBe('draft');
    const pending = await ts.request('GET', `${C}/approvals?status=pending`, { token: alice.token });
    expect(pending.body.approvals).toEqual([]);
  });

  it('refuses stale requests: a draft changed since proposal, a version activated meanwhile', async () => {
    const v = await draft();
    const proposed = await ts.request('POST', `${C}/configs/${v}/publish`, { token: alice.token });
    const doc = (await ts.request('GET', `${C}/configs/${v}`, { token: alice.token })).body.document;
    expect((await ts.request('PUT', `${C}/configs/${v}`, { token: alice.token, body: { document: { ...doc, name: { ...doc.name, en: `${doc.name.en} (edited)` } } } })).status).toBe(200);
    const stale = await decide(proposed.body.approval.id, 'approve', bob.token);
    expect([stale.status, stale.body.error.code]).toEqual([409, 'draft-changed']);
    expect(stale.body.error.message).toContain('changed since request');
    expect(await status(v)).toBe('draft');
    expect((await ts.request('GET', `${C}/approvals/${proposed.body.approval.id}`, { token: alice.token })).body.approval.status).toBe('pending');
    await decide(proposed.body.approval.id, 'withdraw', alice.token);

    // a draft deleted while its publish waits
    const gone = await draft();
    const doomed = await ts.request('POST', `${C}/configs/${gone}/publish`, { token: alice.token });
    expect((await ts.request('DELETE', `${C}/configs/${gone}`, { token: alice.token })).status).toBe(200);
    const vanished = await decide(doomed.body.approval.id, 'approve', bob.token);
    expect([vanished.status, vanished.body.error.code]).toEqual([409, 'stale-request']);
    expect((await decide(doomed.body.approval.id, 'reject', bob.token, { comment: '草稿已删除' })).status).toBe(200);

    // version 1 proposed for activation, then activated another way (approval switched off meanwhile)
    const rollBack = await ts.request('POST', `${C}/configs/1/activate`, { token: alice.token });
    expect(rollBack.status).toBe(202);
    const off = await setting(false, alice.token);
    expect(off.status).toBe(202);
    expect((await decide(off.body.approval.id, 'approve', bob.token)).status).toBe(200);
    expect((await ts.request('POST', `${C}/configs/1/activate`, { token: alice.token })).body).toEqual({ active: 1 });
    expect((await setting(true, alice.token)).status).toBe(200);
    const late = await decide(rollBack.body.approval.id, 'approve', bob.token);
    expect([late.status, late.body.error.code]).toEqual([409, 'already-active']);
  });

  it('two administrators approving and rejecting the same request at once: exactly one decides it', async () => {
    const carol = await adminSession('管理员丙', '13800000103');
    const v = await draft();
    const proposed = await ts.request('POST', `${C}/configs/${v}/publish`, { token: alice.token });
    expect(proposed.status).toBe(202);
    const id = proposed.body.approval.id as number;
    const [a, b] = await Promise.all([decide(id, 'approve', bob.token), decide(id, 'reject', carol.token, { comment: '不同意' })]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.status === 409)!.body.error.code).toBe('not-pending');
    const final = (await ts.request('GET', `${C}/approvals/${id}`, { token: alice.token })).body.approval;
    expect(await status(v)).toBe(final.status === 'approved' ? 'published' : 'draft');
  });

  it('refuses bad input naming the field, and changes nothing', async () => {
    const before = (await ts.request('GET', `${C}/approvals`, { token: alice.token })).body.approvals;
    const cases: Array<[string, string, unknown, number, string]> = [
      ['POST', `${C}/approvals/1/approve`, { comment: 5 }, 400, 'comment'],
      ['POST', `${C}/approvals/1/approve`, { note: 'x' }, 400, 'note'],
      ['POST', `${C}/approvals/abc/approve`, undefined, 400, 'id'],
      ['GET', `${C}/approvals?status=nope`, undefined, 400, 'status'],
      ['GET', `${C}/approvals?limit=0`, undefined, 400, 'limit'],
      ['PUT', `${C}/settings/approval`, { requireApproval: 'yes' }, 400, 'requireApproval'],
      ['PUT', `${C}/settings/approval`, { requireApproval: false, why: 'x' }, 400, 'why'],
      ['POST', `${C}/configs/1/publish`, { comment: 'x'.repeat(2001) }, 400, 'comment'],
    ];
    for (const [method, path, body, code, field] of cases) {
      const res = await ts.request(method, path, { token: bob.token, body });
      expect({ path, status: res.status, field: res.body.error.field }).toEqual({ path, status: code, field });
    }
    expect((await decide(999, 'approve', bob.token)).status).toBe(404);
    expect((await ts.request('PUT', `${C}/settings/approval`, { token: designer, body: { requireApproval: false } })).status).toBe(403);
    expect((await ts.request('GET', `${C}/approvals`, { token: alice.token })).body.approvals).toEqual(before);
  });
  it('the platform administrator switches the requirement at once, recorded; bad values name the field', async () => {
    const platform = ts.server.platformToken ?? (await createPlatformToken(ts.server.db)).token;
    const bad = await ts.request('PATCH', '/api/v1/counties/demo', { token: platform, body: { requireApproval: 'on' } });
    expect([bad.status, bad.body.error.field]).toEqual([400, 'requireApproval']);
    const off = await ts.request('PATCH', '/api/v1/counties/demo', { token: platform, body: { requireApproval: false } });
    expect(off.status).toBe(200);
    expect(off.body.requireApproval).toBe(false);
    const [last] = (await ts.request('GET', `${C}/approvals?limit=1`, { token: alice.token })).body.approvals;
    expect(last).toMatchObject({ action: { type: 'require-approval', on: false }, status: 'direct', proposedByName: null });
    expect((await ts.request('GET', `${C}/settings/approval`, { token: alice.token })).body.requireApproval).toBe(false);
    expect((await ts.request('GET', '/api/v1/counties', { token: platform })).body.counties).toEqual([expect.objectContaining({ id: 'demo', requireApproval: false })]);
    const refused = await ts.request('PATCH', '/api/v1/counties/demo', { token: ts.adminToken, body: { requireApproval: true } });
    expect(refused.status).toBe(403);
    expect((await ts.request('PATCH', '/api/v1/counties/demo', { token: platform, body: { requireApproval: true } })).body.requireApproval).toBe(true);
  });
});
