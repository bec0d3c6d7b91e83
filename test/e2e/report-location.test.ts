/**
 * "Use my location / 使用我的位置" on the report page, in Debian's Chromium against a real runtime
 * on SQLite: the phone's position (given to the browser) is placed in its grid by the county's
 * boundaries, the grid picker shows it, and the report goes there; a position outside every grid
 * says so and chooses nothing; denied permission says how to go on. Screenshots under
 * test-results/e2e/report-location/.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chooseOption } from './support/antd';
import { launchChromium, signedInPage, type SignedInPage } from './support/browser';
import { startE2eRuntime, type E2eRuntime } from './support/runtime';
import { ensureStudioBuilt } from './support/studio-build';
import { SHOTS_WANTED } from './support/shots';

const SHOTS = 'test-results/e2e/report-location';
/** A point in grid qs-cn-v01-g1 (南门社区第一网格) of the baseline catalog. */
const NANMEN = { latitude: 28.6958, longitude: 118.8695 };
/** What the grid picker shows ('' or its placeholder when nothing is chosen). */
const gridShown = async (page: Page) => ((await page.locator('.report-form .grid-select').first().textContent()) ?? '').trim();

let runtime: E2eRuntime;
let browser: Browser;
const sessions: SignedInPage[] = [];

async function reportPage(opts: { language: 'zh' | 'en'; at?: { latitude: number; longitude: number }; allow?: boolean }): Promise<Page> {
  // a dispatcher has no grid of their own: the picker starts empty
  const session = await signedInPage(browser, runtime.url, await runtime.token('dispatcher', 'qs-cn-cmd'), { width: 375, height: 760, language: opts.language });
  sessions.push(session);
  if (opts.allow !== false) await session.context.grantPermissions(['geolocation'], { origin: runtime.url });
  if (opts.at) await session.context.setGeolocation(opts.at);
  const page = session.page;
  await page.goto(`${runtime.url}/report`);
  await page.waitForSelector('.report-page select[name=category]');
  await page.selectOption('.report-page select[name=category]', 'env-noise');
  await page.waitForSelector('[data-action=use-my-location]');
  return page;
}

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

describe.sequential('use my location on the report page', () => {
  it('(zh) fills in the grid the phone is in, and the report goes there with its coordinates', async () => {
    const page = await reportPage({ language: 'zh', at: NANMEN });
    expect((await page.textContent('[data-action=use-my-location]'))?.trim()).toBe('使用我的位置');
    expect(await gridShown(page)).not.toContain('qs-');
    await page.click('[data-action=use-my-location]');
    await expect.poll(() => gridShown(page)).toBe('南门社区第一网格 (qs-cn-v01-g1)');
    await page.fill('#report_description, #report_root_description', '楼下烧烤店顾客深夜喧哗');
    await chooseOption(page, '#report_noiseSource, #report_root_noiseSource', '社会生活');
    if (SHOTS_WANTED) await page.screenshot({ path: `${SHOTS}/zh-placed.png`, fullPage: true });
    await page.click('[data-action=submit-report]');
    await page.waitForSelector('[data-testid=reported]');
    const id = (await page.locator('[data-testid=reported] a').getAttribute('href'))!.split('/').pop();
    const { event } = await fetch(`${runtime.url}/api/v1/counties/${runtime.county}/events/${id}`, { headers: { Authorization: `Bearer ${await runtime.token('county_admin')}` } }).then((r) => r.json());
    expect(event).toMatchObject({ grid: 'qs-cn-v01-g1', township: 'qs-cn' });
    expect(event.data.location).toMatchObject({ grid: 'qs-cn-v01-g1', lat: NANMEN.latitude, lng: NANMEN.longitude });
  });

  it('(en) outside every grid: says where and chooses nothing', async () => {
    const page = await reportPage({ language: 'en', at: { latitude: 31.2304, longitude: 121.4737 } });
    expect((await page.textContent('[data-action=use-my-location]'))?.trim()).toBe('Use my location');
    await page.click('[data-action=use-my-location]');
    await page.waitForSelector('[data-testid=location-problem]');
    expect(await page.textContent('[data-testid=location-problem]')).toContain('(latitude 31.2304, longitude 121.4737) is outside every grid of the county');
    expect(await gridShown(page)).not.toContain('qs-');
    if (SHOTS_WANTED) await page.screenshot({ path: `${SHOTS}/en-outside.png`, fullPage: true });
  });

  it('(zh) permission refused: says how to go on', async () => {
    const page = await reportPage({ language: 'zh', allow: false });
    await page.click('[data-action=use-my-location]');
    await page.waitForSelector('[data-testid=location-problem]');
    expect(await page.textContent('[data-testid=location-problem]')).toContain('未获准使用位置信息');
  });
});
