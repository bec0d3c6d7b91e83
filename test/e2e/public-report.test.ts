/**
 * A citizen on a phone-sized screen, never signed in: reports a noise nuisance on the county's
 * public page with a photo, gets a tracking code, follows the report by it, and once the handling unit has
 * resolved it confirms the closure with a rating through the secret link; the rating is stored
 * for the assessment. Screenshots in zh and en under test-results/e2e/public/.
 */
import { mkdirSync } from 'node:fs';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { satisfactionOf } from '../../runtime/public/satisfaction-store';
import { chooseOption } from './support/antd';
import { launchChromium } from './support/browser';
import { startE2eRuntime, type E2eRuntime } from './support/runtime';
import { ensureStudioBuilt } from './support/studio-build';
import { blurFocus, SHOTS_WANTED } from './support/shots';

const SHOTS = 'test-results/e2e/public';
const photo = () => sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 90, g: 90, b: 140 } } }).jpeg().toBuffer();
const GRID = 'qs-fx-v01-g1';

let runtime: E2eRuntime;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pages: Page[] = [];
const errors: string[] = [];

async function phone(language: 'zh' | 'en' = 'zh'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 375, height: 760 }, locale: language === 'zh' ? 'zh-CN' : 'en-US', timezoneId: 'Asia/Shanghai' });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  pages.push(page);
  return page;
}

const shot = async (page: Page, name: string) => {
  if (!SHOTS_WANTED) return blurFocus(page);
  await page.waitForTimeout(250);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
};

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ensureStudioBuilt();
  runtime = await startE2eRuntime();
  browser = await launchChromium();
}, 300_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await Promise.all(pages.map((p, i) => p.screenshot({ path: `${SHOTS}/failed-${i}.png`, fullPage: true }).catch(() => {})));
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close().catch(() => {})));
  await browser?.close();
  await runtime?.stop();
});

describe.sequential('a citizen reports, follows and confirms without signing in', () => {
  let trackPath = '';
  let confirmPath = '';
  let code = '';

  it('reports on the public page and gets a tracking code', async () => {
    const page = await phone();
    await page.goto(`${runtime.url}/public/${runtime.county}/`);
    await page.waitForSelector('.public-page select[name=category]');
    await shot(page, 'zh-1-public-report');
    await page.selectOption('.public-page select[name=category]', 'env-noise');
    // sent empty: the form says what is missing, nothing is reported
    await page.click('[data-action=submit-public-report]');
    await expect.poll(() => page.locator('.report-form').textContent()).toContain('此项必填');
    await page.fill('#public_description, #public_root_description', '楼下工地夜间施工，噪声很大');
    // a photo from the phone's camera, uploaded with the page's key and shown as a thumbnail
    await page.locator('[data-testid=attachment-upload] input[type=file]').setInputFiles({ name: 'IMG_0002.jpg', mimeType: 'image/jpeg', buffer: await photo() });
    await page.waitForSelector('[data-testid=attachment-upload] .attachment-thumb img');
    await shot(page, 'zh-1b-public-photo');
    await chooseOption(page, '[id*=location][id*=grid]', GRID);
    await chooseOption(page, '#public_noiseSource, #public_root_noiseSource', '建筑施工');
    await page.click('[data-action=submit-public-report]');
    await page.waitForSelector('[data-testid=public-receipt]');
    code = (await page.locator('[data-testid=tracking-code]').textContent())!.trim();
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    confirmPath = new URL((await page.locator('[data-testid=confirm-link]').getAttribute('href'))!, runtime.url).pathname;
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot(page, 'zh-2-receipt');
    await page.click('[data-testid=public-receipt] a:not([data-testid])');
    await page.waitForSelector('[data-testid=public-progress]');
    trackPath = new URL(page.url()).pathname;
    expect(trackPath).toBe(`/public/${runtime.county}/track/${code}`);
    // the photo went with the report
    const event = await runtime.server.db.models.Event.findOne({ where: { countyId: runtime.county, source: 'citizen' } });
    expect((event!.data as { attachments?: string[] }).attachments).toEqual([expect.stringMatching(/^att:/)]);
    const text = (await page.locator('[data-testid=public-progress]').textContent()) ?? '';
    expect(text).toContain('噪声扰民');
    expect(text).toContain('已分拨');
    await shot(page, 'zh-3-track');
  });

  it('follows it in English by typing the code', async () => {
    const page = await phone('en');
    await page.goto(`${runtime.url}/public/${runtime.county}/track`);
    await page.click('[data-lang=en]');
    await page.fill('input[name=tracking-code]', code.toLowerCase());
    await page.click('.public-code-form button[type=submit]');
    await page.waitForSelector('[data-testid=public-progress]');
    expect(await page.locator('[data-testid=public-progress]').textContent()).toContain('Noise nuisance');
    await shot(page, 'en-3-track');
    await page.fill('input[name=tracking-code]', 'ZZZZ-ZZZZ');
    await page.click('.public-code-form button[type=submit]');
    await page.waitForSelector('.notice-error');
    await shot(page, 'en-4-unknown-code');
  });

  it('once resolved, confirms the closure with a rating; the rating is stored', async () => {
    const admin = await runtime.token('county_admin');
    const found = await runtime.server.db.models.Event.findOne({ where: { countyId: runtime.county, source: 'citizen' } });
    const eventId = found!.id;
    const handler = await runtime.token('handler', found!.handlingUnit!);
    let version = found!.version;
    for (const [action, input] of [['accept'], ['start'], ['resolve', { feedback: '已责令施工方夜间停工' }]] as const) {
      const res = await fetch(`${runtime.url}/api/v1/counties/${runtime.county}/events/${eventId}/actions/${action}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${handler}`, 'content-type': 'application/json' },
        body: JSON.stringify({ version, ...(input ? { input } : {}) }),
      });
      expect(res.status, action).toBe(200);
      version = ((await res.json()) as { event: { version: number } }).event.version;
    }
    const page = await phone();
    await page.goto(`${runtime.url}${confirmPath}`);
    await page.waitForSelector('[data-testid=public-rate]');
    await shot(page, 'zh-5-confirm');
    await page.click('.public-ratings label:has-text("基本满意")');
    await page.fill('textarea[name=comment]', '处理及时，希望加强巡查');
    await page.click('[data-action=confirm-closure]');
    await page.waitForSelector('[data-testid=public-progress][data-state=closed]');
    expect(await page.locator('[data-testid=public-rating]').textContent()).toBe('基本满意');
    await shot(page, 'zh-6-confirmed');
    expect(await satisfactionOf(runtime.server.db, runtime.county, eventId)).toMatchObject({ value: 'basically-satisfied', satisfied: true, source: 'reporter' });
    // the staff see the confirmation in the event's history
    const detail = await fetch(`${runtime.url}/api/v1/counties/${runtime.county}/events/${eventId}`, { headers: { authorization: `Bearer ${admin}` } }).then((r) => r.json());
    expect(detail.event.state).toBe('closed');

    const en = await phone('en');
    await en.goto(`${runtime.url}${confirmPath}`);
    await en.click('[data-lang=en]');
    await en.waitForSelector('[data-testid=public-progress][data-state=closed]');
    expect(await en.locator('[data-testid=public-rating]').textContent()).toBe('Basically satisfied');
    await shot(en, 'en-6-confirmed');
    expect(errors).toEqual([]);
  });
});
