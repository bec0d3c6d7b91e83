/**
 * Photos end to end in Debian's Chromium: a grid worker on a 375 px screen reports with a photo
 * from the phone's camera input (uploaded with its thumbnail shown before sending), the handler
 * sees it on the event page (thumbnail, click to enlarge) and resolves with a result photo, which
 * the history shows. Screenshots in zh and en go to test-results/e2e/.
 */
import { mkdirSync } from 'node:fs';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chooseOption } from './support/antd';
import { launchChromium } from './support/browser';
import { startE2eRuntime, type E2eRuntime } from './support/runtime';
import { ensureStudioBuilt } from './support/studio-build';
import { SHOTS_WANTED } from './support/shots';

const SHOTS = 'test-results/e2e';
const GRID = 'qs-fx-v01-g1';
const CATEGORY = 'urban-sanitation';

let runtime: E2eRuntime;
let browser: Browser;
const pages: Page[] = [];
let eventId = '';

/** A page signed in with `token`, stored where the sign-in page keeps it; `en` switches the language. */
async function open(token: string, opts: { width?: number; height?: number; language?: 'zh' | 'en' } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: opts.width ?? 1360, height: opts.height ?? 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  pages.push(page);
  await page.goto(`${runtime.url}/`);
  if (opts.language === 'en') await page.click('[data-lang=en]');
  await page.evaluate((t) => localStorage.setItem('pingtai.token', t), token);
  await page.reload();
  await page.waitForSelector('.app-header');
  return page;
}

/** A camera photo with a GPS position in its EXIF. */
const cameraPhoto = (colour: { r: number; g: number; b: number }) =>
  sharp({ create: { width: 800, height: 600, channels: 3, background: colour } })
    .jpeg()
    .withExifMerge({ IFD0: { Make: 'E2ePhone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '28/1 41/1 42/1', GPSLongitudeRef: 'E', GPSLongitude: '118/1 55/1 5/1' } })
    .toBuffer();

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ensureStudioBuilt();
  runtime = await startE2eRuntime();
  browser = await launchChromium();
}, 300_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await Promise.all(pages.map((page, i) => page.screenshot({ path: `${SHOTS}/failed-attachments-${i}.png`, fullPage: true }).catch(() => {})));
});

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

describe.sequential('attachments', () => {
  it('a grid worker on a phone reports with a photo', async () => {
    const phone = await open(await runtime.token('grid_worker', GRID), { width: 375, height: 760 });
    await phone.waitForSelector('.report-page select[name=category]');
    await phone.selectOption('.report-page select[name=category]', CATEGORY);
    const input = phone.locator('[data-testid=attachment-upload] input[type=file]');
    await input.waitFor({ state: 'attached' });
    expect(await input.getAttribute('accept')).toBe('image/*,video/*');
    expect(await input.getAttribute('capture')).toBe('environment');
    await input.setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: await cameraPhoto({ r: 180, g: 120, b: 60 }) });
    await phone.waitForSelector('[data-testid=attachment-upload] .attachment-thumb img');
    await phone.fill('#report_description, #report_root_description', '河边垃圾堆积，已拍照');
    await chooseOption(phone, '[id*=location][id*=grid]', GRID);
    await chooseOption(phone, '#report_issueType, #report_root_issueType', '垃圾堆积');
    if (SHOTS_WANTED) await phone.screenshot({ path: `${SHOTS}/attachments-10-report-phone-zh.png`, fullPage: true });
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await phone.click('[data-action=submit-report]');
    await phone.waitForSelector('[data-testid=reported]');
    eventId = (await phone.locator('[data-testid=reported] a').getAttribute('href'))!.split('/').pop()!;
    expect(eventId).toBeTruthy();
  });

  it('the handler sees the photo, enlarges it and resolves with a result photo', async () => {
    const admin = await runtime.token('county_admin');
    const detail = await fetch(`${runtime.url}/api/v1/counties/${runtime.county}/events/${eventId}`, { headers: { Authorization: `Bearer ${admin}` } }).then((r) => r.json());
    expect(detail.event.data.attachments).toEqual([expect.stringMatching(/^att:/)]);
    const handler = await open(await runtime.token('handler', detail.event.handlingUnit), { language: 'en' });
    await handler.goto(`${runtime.url}/events/${eventId}`);
    await handler.waitForSelector('.event-data [data-testid=attachment-gallery] img');
    await handler.click('.event-data [data-testid=attachment-gallery] img');
    await handler.waitForSelector('.ant-image-preview img');
    if (SHOTS_WANTED) await handler.screenshot({ path: `${SHOTS}/attachments-20-photo-enlarged-en.png` });
    await handler.keyboard.press('Escape');
    await handler.click('.action-panel [data-action=accept]');
    await handler.click('[data-action=confirm-action]');
    await handler.waitForSelector('.action-panel [data-action=resolve]');
    await handler.click('.action-panel [data-action=resolve]');
    await handler.fill('.action-form textarea[name=feedback]', 'Cleared, see the photo');
    await handler.locator('[data-testid=result-photo-upload] input[type=file]').setInputFiles({ name: 'after.jpg', mimeType: 'image/jpeg', buffer: await cameraPhoto({ r: 40, g: 160, b: 90 }) });
    await handler.waitForSelector('[data-testid=result-photo-upload] .attachment-thumb img');
    if (SHOTS_WANTED) await handler.screenshot({ path: `${SHOTS}/attachments-21-resolve-with-photo-en.png`, fullPage: true });
    await handler.click('[data-action=confirm-action]');
    await handler.waitForSelector('[data-testid=event-state][data-state=resolved]');
    await handler.waitForSelector('[data-testid=history-attachments] img');
    if (SHOTS_WANTED) await handler.screenshot({ path: `${SHOTS}/attachments-22-resolved-en.png`, fullPage: true });
    // the stored result photo carries no EXIF
    const after = await fetch(`${runtime.url}/api/v1/counties/${runtime.county}/events/${eventId}`, { headers: { Authorization: `Bearer ${admin}` } }).then((r) => r.json());
    const resolve = after.history.find((h: { action: string }) => h.action === 'resolve');
    const id = resolve.detail.attachments[0].slice(4);
    const bytes = Buffer.from(await (await fetch(`${runtime.url}/api/v1/counties/${runtime.county}/attachments/${id}`, { headers: { Authorization: `Bearer ${admin}` } })).arrayBuffer());
    expect((await sharp(bytes).metadata()).exif).toBeUndefined();
  });

  it('the reporter sees both photos on the event page in Chinese', async () => {
    const phone = await open(await runtime.token('grid_worker', GRID), { width: 375, height: 760 });
    await phone.goto(`${runtime.url}/events/${eventId}`);
    await phone.waitForSelector('.event-data [data-testid=attachment-gallery] img');
    await phone.waitForSelector('[data-testid=history-attachments] img');
    expect(await phone.locator('[data-testid=history]').textContent()).toContain('处理结果照片');
    if (SHOTS_WANTED) await phone.screenshot({ path: `${SHOTS}/attachments-23-event-phone-zh.png`, fullPage: true });
  });
});
