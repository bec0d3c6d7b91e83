/**
 * The platform administrator's counties page in Debian's Chromium against a real runtime on
 * SQLite: signed in with the platform token the first start made, the administrator sees `demo`,
 * creates county `qingxi` from the baseline catalog picked by name, gets its administrator token
 * and Open311 key once (with copy buttons), and the token works; a bad id and a taken id are
 * refused at their field; disabling (after a confirmation) stops the county's token, enabling
 * restores it. In Chinese on a desktop and in English on a 375 px phone; screenshots under
 * test-results/e2e/counties/.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chooseOption } from './support/antd';
import { launchChromium, signedInPage, type SignedInPage } from './support/browser';
import { startE2eRuntime, type E2eRuntime } from './support/runtime';
import { ensureStudioBuilt } from './support/studio-build';
import { blurFocus, SHOTS_WANTED } from './support/shots';

const SHOTS = 'test-results/e2e/counties';

let runtime: E2eRuntime;
let browser: Browser;
const sessions: SignedInPage[] = [];

async function open(opts?: Parameters<typeof signedInPage>[3]): Promise<SignedInPage> {
  const session = await signedInPage(browser, runtime.url, runtime.server.platformToken!, opts);
  sessions.push(session);
  return session;
}

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS_WANTED) return blurFocus(page);
  await page.waitForTimeout(250);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function me(token: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${runtime.url}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.json() };
}

const row = (page: Page, id: string) => page.locator('.ant-table-row', { has: page.locator(`td:text-is("${id}")`) });

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ensureStudioBuilt();
  runtime = await startE2eRuntime();
  browser = await launchChromium();
}, 300_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  const name = ctx.task.name.slice(0, 12).replace(/[^a-z]/gi, '');
  await Promise.all(sessions.map((s, i) => s.page.screenshot({ path: `${SHOTS}/failed-${name}-${i}.png`, fullPage: true }).catch(() => {})));
});

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

describe.sequential("the platform administrator's counties page", () => {
  let adminToken = '';

  it('lists demo and creates qingxi from the baseline catalog, showing its token and key once (zh, desktop)', async () => {
    expect(runtime.server.platformToken).toMatch(/^ptp_/);
    const { page, errors } = await open();
    await page.waitForSelector('.counties-page');
    expect(await page.locator('.app-header .who').textContent()).toContain('平台管理员');
    await row(page, 'demo').waitFor();
    expect(await row(page, 'demo').textContent()).toContain('启用');
    await shot(page, 'zh-list');

    // a malformed id is refused in the page, before anything is sent
    await page.fill('#county-id', 'Qing Xi');
    await page.fill('#county-name', '清溪县');
    await chooseOption(page, '#county-catalog', '浙江“四个平台”基层治理基线配置');
    await page.click('.new-county-form button[type=submit]');
    await page.getByText('只能用小写字母、数字和 -').waitFor();
    // a taken id is refused by the server, at its field
    await page.fill('#county-id', 'demo');
    await page.click('.new-county-form button[type=submit]');
    await page.getByText('county "demo" already exists').waitFor();
    await shot(page, 'zh-refused');

    await page.fill('#county-id', 'qingxi');
    await page.click('.new-county-form button[type=submit]');
    const card = page.getByTestId('created-county');
    await card.waitFor();
    expect(await card.textContent()).toContain('已创建县「清溪县」（qingxi）');
    adminToken = ((await page.getByTestId('admin-token').textContent()) ?? '').trim();
    const key = ((await page.getByTestId('open311-key').textContent()) ?? '').trim();
    expect(adminToken).toMatch(/^pt_[A-Za-z0-9_-]{43}$/);
    expect(key).toMatch(/^o311_[A-Za-z0-9_-]{43}$/);
    expect(await card.locator('.ant-typography-copy').count()).toBe(2);
    await row(page, 'qingxi').waitFor();
    expect(await row(page, 'qingxi').textContent()).toContain('v1');
    await shot(page, 'zh-created');
    expect((await me(adminToken)).body).toMatchObject({ county: 'qingxi', role: 'county_admin' });

    // shown once: gone when acknowledged, and not there after a reload
    await page.getByRole('button', { name: '我已保存' }).click();
    await card.waitFor({ state: 'detached' });
    await page.reload();
    await row(page, 'qingxi').waitFor();
    expect(await page.getByTestId('created-county').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it("disables qingxi after a confirmation (its token stops working) and enables it again (zh)", async () => {
    const { page } = await open();
    await row(page, 'qingxi').waitFor();
    await page.getByTestId('toggle-qingxi').click();
    await page.getByText('停用「清溪县」？').waitFor();
    await shot(page, 'zh-disable-confirm');
    await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    await row(page, 'qingxi').locator('.ant-tag', { hasText: /^已停用$/ }).waitFor();
    const refused = await me(adminToken);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('county-disabled');
    await shot(page, 'zh-disabled');
    await page.getByTestId('toggle-qingxi').click();
    await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    await row(page, 'qingxi').locator('.ant-tag', { hasText: /^启用$/ }).waitFor();
    expect((await me(adminToken)).status).toBe(200);
  });

  it('works on a 375 px phone in English', async () => {
    const { page, errors } = await open({ width: 375, height: 800, language: 'en' });
    await page.waitForSelector('.counties-page');
    await page.getByRole('heading', { name: 'Counties' }).waitFor();
    await row(page, 'qingxi').waitFor();
    expect(await page.locator('.app-header .who').textContent()).toContain('Platform administrator');
    // the page itself does not scroll sideways (the table scrolls inside its box)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.fill('#county-id', 'lanxi');
    await page.fill('#county-name', 'Lanxi County');
    await chooseOption(page, '#county-catalog', 'Zhejiang Four Platforms baseline');
    await page.click('.new-county-form button[type=submit]');
    await page.getByTestId('created-county').waitFor();
    expect(await page.getByTestId('created-county').textContent()).toContain('County "Lanxi County" (lanxi) created');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot(page, 'en-phone-created');
    expect(errors).toEqual([]);
  });
});
