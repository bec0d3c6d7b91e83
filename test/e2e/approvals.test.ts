/**
 * Four eyes in Debian's Chromium against a real runtime on SQLite: county administrator 甲 (a
 * desktop, Chinese) turns approval on, starts a draft from the active version and publishes it —
 * the studio says it was submitted for approval and the draft stays a draft; administrator B (a
 * 375 px phone, English) sees the request on the versions page, approves it with a comment, then
 * activates the version, which 甲 approves in turn. The history shows proposer, approver,
 * comments and times; the platform administrator sees the setting on the counties page and
 * switches it off. Screenshots in zh and en under test-results/e2e/approvals/.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser';
import { Cast, signInWithPassword, type Person } from './support/cast';
import { startE2eRuntime, type E2eRuntime } from './support/runtime';
import { ensureStudioBuilt } from './support/studio-build';

const SHOTS = 'test-results/e2e/approvals';
const STEP_TIMEOUT = 120_000;

let runtime: E2eRuntime;
let browser: Browser;
let cast: Cast;
let adminToken = '';

async function api(method: string, path: string, token: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${runtime.url}/api/v1${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  return { status: res.status, body: await res.json() };
}

/** A county administrator's account: the temporary password the studio asks to change first. */
async function adminAccount(name: string, phone: string): Promise<string> {
  const made = await api('POST', '/counties/demo/accounts', adminToken, { name, phone, role: 'county_admin' });
  expect(made.status).toBe(201);
  return made.body.temporaryPassword as string;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ensureStudioBuilt();
  const startedAt = Date.now();
  runtime = await startE2eRuntime();
  browser = await launchChromium();
  cast = new Cast(browser, runtime.url, SHOTS, startedAt);
  adminToken = await runtime.token('county_admin');
}, 300_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await Promise.all(cast.people.map(({ page }, i) => page.screenshot({ path: `${SHOTS}/failed-${i}.png`, fullPage: true }).catch(() => {})));
});

afterAll(async () => {
  await cast?.close();
  await browser?.close();
  await runtime?.stop();
});

describe.sequential('four eyes: one county administrator proposes, another approves', () => {
  let jia: Person;
  let bee: Person;
  let version = 0;

  it('甲 turns approval on and publishes a draft: submitted for approval, still a draft', async () => {
    const password = await adminAccount('管理员甲', '13571008001');
    jia = await cast.person();
    await jia.page.goto(`${runtime.url}/`);
    await signInWithPassword(jia, { county: 'demo', phone: '13571008001', password, newPassword: 'county-admin-甲1' });
    await jia.user.click('.main-nav a[href="/configs"]', 'versions');
    await jia.page.waitForSelector('[data-testid=approval-setting]');
    await jia.user.click('[data-action=toggle-approval]', 'require approval');
    await expect.poll(() => jia.page.textContent('[data-testid=approval-setting]')).toContain('需要另一位县级管理员审批');
    await jia.user.click('[data-action=new-draft]', 'new draft from the active version');
    await jia.page.waitForURL(/\/configs\/\d+$/);
    version = Number(/\/configs\/(\d+)$/.exec(jia.page.url())![1]);
    await jia.user.fill('.publish-bar input[name=publish-comment]', '新增两个网格', 'comment');
    await jia.user.click('.publish-bar [data-action=publish]', 'publish');
    const submitted = await jia.page.waitForSelector('[data-testid=submitted-for-approval]', { timeout: 60_000 });
    expect(await submitted.textContent()).toContain('已提交审批');
    expect((await api('GET', `/counties/demo/configs/${version}`, adminToken)).body.status).toBe('draft');
    await cast.shot(jia.page, '1-zh-submitted');
    await jia.user.click('.main-nav a[href="/configs"]', 'versions');
    await jia.page.waitForSelector(`.approval-card[data-request] >> text=发布 v${version}`);
    expect(await jia.page.locator('.approval-card [data-action=approve]').count()).toBe(0);
    expect(await jia.page.textContent(`tr[data-version="${version}"]`)).toContain('待审批');
    await cast.shot(jia.page, '2-zh-pending-own');
  }, STEP_TIMEOUT);

  it('B, on a phone in English, approves with a comment: the version is published', async () => {
    const password = await adminAccount('Admin B', '13571008002');
    bee = await cast.person({ phone: true });
    await bee.page.goto(`${runtime.url}/`);
    await bee.user.click('[data-lang=en]', 'English');
    await signInWithPassword(bee, { county: 'demo', phone: '13571008002', password, newPassword: 'county-admin-b-2' });
    await bee.page.goto(`${runtime.url}/configs`);
    const card = bee.page.locator('.approval-card', { hasText: `Publish v${version}` });
    await card.waitFor();
    expect(await card.textContent()).toContain('新增两个网格');
    await cast.shot(bee.page, '3-en-phone-pending');
    await bee.user.fill('.approval-card textarea', 'Checked the grid changes — fine.', 'comment');
    await bee.user.click('.approval-card [data-action=approve]', 'approve');
    const done = bee.page.locator('.approval-history li[data-status=approved]', { hasText: `Publish v${version}` });
    await done.waitFor();
    expect(await done.textContent()).toContain('approved by Admin B');
    expect(await done.textContent()).toContain('Checked the grid changes');
    expect((await api('GET', `/counties/demo/configs/${version}`, adminToken)).body.status).toBe('published');
    const width = await bee.page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await cast.shot(bee.page, '4-en-phone-approved');
  }, STEP_TIMEOUT);

  it('B activates it; 甲 approves the activation; the history names both', async () => {
    await bee.user.click(`tr[data-version="${version}"] [data-action=activate]`, 'activate');
    await bee.page.waitForSelector('[data-testid=submitted-for-approval]');
    expect((await api('GET', '/counties/demo/config/active', adminToken)).body.version).not.toBe(version);
    await jia.page.reload();
    await jia.page.locator('.approval-card', { hasText: `启用 v${version}` }).waitFor();
    await jia.user.click('.approval-card [data-action=approve]', 'approve');
    await jia.page.locator('.approval-history li[data-status=approved]', { hasText: `启用 v${version}` }).waitFor();
    expect((await api('GET', '/counties/demo/config/active', adminToken)).body.version).toBe(version);
    const history = await jia.page.textContent('.approval-history');
    expect(history).toContain('管理员甲 同意于');
    expect(history).toContain('Admin B 提交于');
    await cast.shot(jia.page, '5-zh-history');
  }, STEP_TIMEOUT);

  it('the platform administrator sees the county requires approval and switches it off at once', async () => {
    const platform = await cast.withToken(runtime.server.platformToken!);
    const toggle = platform.page.locator('[data-testid=approval-demo]');
    await toggle.waitFor();
    expect(await toggle.getAttribute('aria-checked')).toBe('true');
    await cast.shot(platform.page, '6-zh-platform');
    await platform.user.click('[data-testid=approval-demo]', 'stop requiring approval');
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('false');
    expect((await api('GET', '/counties/demo/settings/approval', adminToken)).body.requireApproval).toBe(false);
    expect(cast.errors).toEqual([]);
  }, STEP_TIMEOUT);
});
