/**
 * The pilot page in Debian's Chromium against a real runtime on SQLite: the county administrator
 * starts the whistle pilot (version 2) in Chengnan, events there follow it while Fengxi's do not,
 * the comparison shows the pilot township before and since the start beside the others, the pilot
 * is widened and ended with its history shown. In Chinese on a desktop and in English on a phone;
 * screenshots under test-results/e2e/pilots/.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chooseOption } from './support/antd';
import { launchChromium, signedInPage, type SignedInPage } from './support/browser';
import { startE2eRuntime, type E2eRuntime } from './support/runtime';
import { ensureStudioBuilt } from './support/studio-build';
import { blurFocus, SHOTS_WANTED } from './support/shots';

const SHOTS = 'test-results/e2e/pilots';
const HOUR = 3_600_000;

let runtime: E2eRuntime;
let browser: Browser;
let admin = '';
const sessions: SignedInPage[] = [];

async function api(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${runtime.url}/api/v1/counties/demo${path}`, { method, headers: { Authorization: `Bearer ${admin}`, ...(body ? { 'Content-Type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  return { status: res.status, body: await res.json() };
}

const hazard = (grid: string) => ({
  category: 'safety-hazchem',
  source: 'grid_worker',
  data: { location: { grid }, description: '仓库甲醇桶轻微渗漏。', chemicalName: '甲醇', incidentType: 'leak', quantityKg: 20, leaking: false, peopleAffected: 0, injuries: 0, hazard: 'medium' },
});

async function report(grid: string): Promise<{ id: string; configVersion: number; handlingUnit: string }> {
  const res = await api('POST', '/events', hazard(grid));
  expect(res.status).toBe(201);
  return res.body.event;
}

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS_WANTED) return blurFocus(page);
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ensureStudioBuilt();
  runtime = await startE2eRuntime();
  browser = await launchChromium();
  admin = await runtime.token('county_admin');
  const draft = await api('POST', '/configs', { catalog: 'pilot-whistle' });
  expect(draft.status).toBe(201);
  expect((await api('POST', `/configs/${draft.body.version}/publish`)).status).toBe(200);
  // two reports in Chengnan an hour before the pilot starts: the main version decides them
  for (let i = 0; i < 2; i++) expect((await report('qs-cn-v03-g1')).configVersion).toBe(1);
  runtime.advance(HOUR);
}, 300_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await Promise.all(sessions.map((s, i) => s.page.screenshot({ path: `${SHOTS}/failed-${i}.png`, fullPage: true }).catch(() => {})));
});

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

describe.sequential('the pilot page', () => {
  it('starts the whistle pilot in Chengnan; events there follow it; the comparison shows it (zh, desktop)', async () => {
    const session = await signedInPage(browser, runtime.url, admin);
    sessions.push(session);
    const { page, errors } = session;
    await page.click('a[href="/pilots"]');
    await page.waitForSelector('.pilots-page [data-testid=new-pilot]');
    // a shadow run of version 2 from now on: decided beside the real decisions, never acted on
    await chooseOption(page, '[data-testid=shadow-version]', 'v2');
    await page.fill('input[name=shadow-name]', '吹哨版本影子运行');
    await page.click('[data-action=start-shadow]');
    await page.waitForSelector('.shadow-list [data-status=active]');
    expect(await page.getByTestId('main-version').textContent()).toContain('v1');
    await chooseOption(page, '[data-testid=pilot-version]', 'v2');
    await chooseOption(page, '[data-testid=pilot-townships]', '城南街道');
    await page.keyboard.press('Escape');
    await page.fill('input[name=pilot-name]', '城南“吹哨报到”试点');
    await page.fill('textarea[name=pilot-note]', '试点三个月，再决定是否推广');
    await shot(page, 'zh-1-new');
    await page.click('[data-action=start-pilot]');
    await page.waitForSelector('.pilots-table [data-status=active]');

    // two hours on: the span before the start as long reaches back past the two earlier reports
    runtime.advance(2 * HOUR);
    const piloted = await report('qs-cn-v03-g1');
    expect({ version: piloted.configVersion, unit: piloted.handlingUnit }).toEqual({ version: 2, unit: 'dept-emergency' });
    const other = await report('qs-fx-v01-g1');
    expect({ version: other.configVersion, unit: other.handlingUnit }).toEqual({ version: 1, unit: 'qs-fx-enf' });
    // the emergency bureau accepts at once and resolves half an hour later; two days on, the acceptance deadline has fallen due
    const bureau = await runtime.token('handler', 'dept-emergency');
    for (const [action, input] of [['accept', undefined], ['resolve', { feedback: '已清理泄漏' }]] as const) {
      const event = (await api('GET', `/events/${piloted.id}`)).body.event;
      const res = await fetch(`${runtime.url}/api/v1/counties/demo/events/${piloted.id}/actions/${action}`, { method: 'POST', headers: { Authorization: `Bearer ${bureau}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ version: event.version, ...(input ? { input } : {}) }) });
      expect(res.status).toBe(200);
      runtime.advance(HOUR / 2);
    }
    runtime.advance(48 * HOUR);

    await page.reload();
    await page.click('[data-action=compare]');
    const comparison = page.getByTestId('pilot-comparison');
    await comparison.waitFor();
    await expect.poll(() => comparison.locator('[data-indicator=reported] [data-cell=pilotSince]').textContent()).toBe('1');
    expect(await comparison.locator('[data-indicator=reported] [data-cell=pilotBefore]').textContent()).toBe('2');
    expect(await comparison.locator('[data-indicator=reported] [data-cell=othersSince]').textContent()).toBe('1');
    // judged deadlines are shown as rates (the two earlier reports' acceptance deadlines fall due since the start too, late once the timers judge them)
    expect(await comparison.locator('[data-indicator=onTimeAcceptance] [data-cell=pilotSince]').textContent()).toMatch(/^\d+\.\d%$/);
    expect(await comparison.locator('[data-indicator=meanHoursToResolve] [data-cell=pilotSince]').textContent()).toMatch(/^0\.5$/);
    await page.getByTestId('pilot-chart').locator('canvas').waitFor();
    await shot(page, 'zh-2-comparison');

    // widened to Fengxi, whose next report follows the pilot; then ended, with the history kept
    await page.click('[data-action=widen]');
    await chooseOption(page, '[data-testid=widen-townships]', '凤溪镇');
    await page.keyboard.press('Escape');
    await page.click('[data-action=confirm-widen]');
    await expect.poll(() => page.locator('.pilots-table .ant-table-row').first().textContent()).toContain('凤溪镇');
    expect((await report('qs-fx-v01-g1')).configVersion).toBe(2);
    await page.click('[data-action=end]');
    await page.click('.ant-popconfirm .ant-btn-primary');
    await page.waitForSelector('.pilots-table [data-status=ended]');
    const afterPilot = await report('qs-cn-v03-g1');
    expect(afterPilot.configVersion).toBe(1);
    // the shadow run (its job runs every few seconds) decided that report under version 2: the emergency bureau, not the enforcement platform
    await expect.poll(async () => (await api('GET', '/shadows')).body.shadows[0].totals.changed, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    await page.reload();
    await page.click('[data-action=show-shadow]');
    const diff = page.locator(`.diff-changes li[data-event="${afterPilot.id}"]`);
    await diff.waitFor();
    expect(await diff.locator('[data-field=unit] [data-side=real]').textContent()).toContain('综合执法');
    expect(await diff.locator('[data-field=unit] [data-side=shadow]').textContent()).toContain('应急管理局');
    await page.getByTestId('shadow-section').scrollIntoViewIfNeeded();
    await shot(page, 'zh-4-shadow');
    await page.locator('.pilots-table .ant-table-row-expand-icon').first().click();
    await page.waitForSelector('.pilot-history li[data-action=end]');
    expect(await page.locator('.pilot-history li').count()).toBe(3);
    await shot(page, 'zh-3-ended');
    expect(errors).toEqual([]);
  }, 180_000);

  it('reads the same in English on a phone', async () => {
    const session = await signedInPage(browser, runtime.url, admin, { width: 375, height: 780, language: 'en' });
    sessions.push(session);
    const { page, errors } = session;
    await page.goto(`${runtime.url}/pilots`);
    await page.waitForSelector('.pilots-table [data-status=ended]');
    await page.click('[data-action=compare]');
    await page.getByTestId('pilot-comparison').waitFor();
    expect(await page.locator('.pilots-page h1').textContent()).toBe('Pilots');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await shot(page, 'en-phone');
    expect(errors).toEqual([]);
  }, 120_000);
});
