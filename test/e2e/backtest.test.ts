/**
 * The replay page in Debian's Chromium against a real runtime on SQLite: a few days of reports
 * (the bench's samples of many categories, chemical hazards in Chengnan and Fengxi), the whistle
 * catalog published as version 2, a replay of the period under it started in the page, followed to
 * its end, its summary and its changed events read (a Chengnan hazard goes to the emergency bureau
 * instead of the enforcement platform, both explanations beside each other), and the run reopened
 * by its address after a reload. In Chinese on a desktop and in English on a 375 px phone;
 * screenshots under test-results/e2e/backtest/.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { sampleEvents } from '../../bench/catalog-events';
import { compiledCatalog } from '../helpers/catalogs';
import { chooseOption, pickDateTime } from './support/antd';
import { launchChromium, signedInPage, type SignedInPage } from './support/browser';
import { startE2eRuntime, type E2eRuntime } from './support/runtime';
import { ensureStudioBuilt } from './support/studio-build';
import { blurFocus, SHOTS_WANTED } from './support/shots';

const SHOTS = 'test-results/e2e/backtest';
const HOUR = 3_600_000;

let runtime: E2eRuntime;
let browser: Browser;
let admin = '';
let runId = '';
const sessions: SignedInPage[] = [];
const hazardsIn: Record<string, string[]> = { 'qs-cn': [], 'qs-fx': [] };

async function api(method: string, path: string, body?: unknown, token = admin): Promise<{ status: number; body: any }> {
  const res = await fetch(`${runtime.url}/api/v1/counties/demo${path}`, { method, headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  return { status: res.status, body: await res.json() };
}

const hazard = (grid: string) => ({
  category: 'safety-hazchem',
  source: 'grid_worker',
  data: { location: { grid }, description: '仓库甲醇桶轻微渗漏。', chemicalName: '甲醇', incidentType: 'leak', quantityKg: 20, leaking: false, peopleAffected: 0, injuries: 0, hazard: 'medium' },
});

/** About forty reports over four days: samples of many categories, every fourth a chemical hazard in Chengnan or Fengxi; some accepted and resolved. */
async function generateHistory(): Promise<number> {
  const baseline = await compiledCatalog('zhejiang-four-platforms');
  // the samples' own chemical and gas hazards are left out: the hazards of this history are the known ones
  const samples = sampleEvents(baseline, 1, 11).filter((e) => e.category !== 'safety-hazchem' && e.category !== 'safety-gas');
  const reports: Array<{ category: string; source: string; data: unknown }> = samples.slice(0, 30).map((e) => {
    const { attachments: _photos, occurredAt: _when, ...data } = e.data as Record<string, unknown>;
    return { category: e.category, source: e.source === 'open311' || !e.source ? 'api' : e.source, data };
  });
  for (let i = 0; i < 12; i++) reports.splice(i * 3, 0, hazard(i % 3 === 2 ? 'qs-fx-v01-g1' : 'qs-cn-v03-g1'));
  const step = Math.floor((4 * 24 * HOUR) / reports.length);
  const handlers = new Map<string, string>();
  let taken = 0;
  for (const [n, report] of reports.entries()) {
    runtime.advance(step);
    const res = await api('POST', '/events', report);
    if (res.status !== 201) continue;
    taken++;
    const event = res.body.event;
    const grid = (report.data as { location?: { grid?: string } }).location?.grid;
    if (report.category === 'safety-hazchem') hazardsIn[grid === 'qs-fx-v01-g1' ? 'qs-fx' : 'qs-cn'].push(event.id);
    if (n % 2 !== 0 || !event.handlingUnit || event.state !== 'dispatched') continue;
    if (!handlers.has(event.handlingUnit)) handlers.set(event.handlingUnit, await runtime.token('handler', event.handlingUnit));
    let version = event.version;
    for (const [action, input] of [['accept', undefined], ['resolve', { feedback: '已处置' }]] as const) {
      const acted = await api('POST', `/events/${event.id}/actions/${action}`, { version, ...(input ? { input } : {}) }, handlers.get(event.handlingUnit)!);
      if (acted.status !== 200) break;
      version = acted.body.event.version;
    }
  }
  return taken;
}

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS_WANTED) return blurFocus(page);
  await page.evaluate(() => ((document.activeElement as HTMLElement | null)?.blur?.(), window.scrollTo(0, 0)));
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/** Nothing wider than the screen: the page itself never scrolls sideways. */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ensureStudioBuilt();
  runtime = await startE2eRuntime();
  browser = await launchChromium();
  admin = await runtime.token('county_admin');
  expect(await generateHistory()).toBeGreaterThanOrEqual(30);
  expect(hazardsIn['qs-cn'].length).toBe(8);
  const draft = await api('POST', '/configs', { catalog: 'pilot-whistle' });
  expect(draft.status).toBe(201);
  expect(draft.body.version).toBe(2);
  expect((await api('POST', '/configs/2/publish')).status).toBe(200);
}, 300_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await Promise.all(sessions.map((s, i) => s.page.screenshot({ path: `${SHOTS}/failed-${i}.png`, fullPage: true }).catch(() => {})));
});

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

describe.sequential('the replay page', () => {
  it('replays the period under version 2 and shows what changed, both sides and both explanations (zh, desktop)', async () => {
    const session = await signedInPage(browser, runtime.url, admin);
    sessions.push(session);
    const { page, errors } = session;
    await page.click('.main-nav a[href="/backtests"]');
    await page.waitForSelector('[data-testid=backtest-new]');
    // the version's workspace starts a replay of it: the form opens with it chosen
    await page.goto(`${runtime.url}/configs/2`);
    await page.locator('[data-action=replay-history]').waitFor();
    if (SHOTS_WANTED) await page.screenshot({ path: `${SHOTS}/zh-0-workspace.png` });
    await page.click('[data-action=replay-history]');
    await page.waitForURL(/\/backtests\?version=2$/);
    await expect.poll(() => page.locator('.backtest-form label').first().textContent()).toContain('v2 ·');
    await pickDateTime(page, '#backtest-from', '2026-06-18');
    await pickDateTime(page, '#backtest-to', '2026-06-23');
    await shot(page, 'zh-1-form');
    // a run this small ends at once: the page is shown it half way until told otherwise, to see the progress and the cancel button
    let holding = true;
    await page.route(/\/api\/v1\/counties\/demo\/backtests\/[0-9a-f-]{36}$/, async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      const total = body.backtest.progress.total;
      if (holding) body.backtest = { ...body.backtest, status: 'running', finishedAt: null, totals: null, summary: null, progress: { done: Math.floor(total / 2), total, fraction: Math.floor(total / 2) / total } };
      await route.fulfill({ response, json: body });
    });
    await page.click('[data-action=start-backtest]');
    await page.waitForURL(/\/backtests\?run=[0-9a-f-]{36}$/);
    runId = new URL(page.url()).searchParams.get('run')!;
    const run = page.getByTestId('backtest-run');
    const progress = page.getByTestId('backtest-progress');
    await progress.waitFor();
    expect(await progress.textContent()).toMatch(/已重新决定 \d+ \/ \d+ 件/);
    await shot(page, 'zh-2-running');
    // cancelling a run that has ended changes nothing: the runtime answers with it as it is, and the page shows it
    await page.click('[data-action=cancel-backtest]');
    await page.click('.ant-popconfirm .ant-btn-primary');
    holding = false;
    await page.waitForSelector(`[data-testid=backtest-run][data-run="${runId}"][data-status=done]`, { timeout: 30_000 });
    await page.unroute(/\/api\/v1\/counties\/demo\/backtests\/[0-9a-f-]{36}$/);
    expect(Number(await run.locator('[data-figure=events] .figure-value').textContent())).toBeGreaterThanOrEqual(30);
    expect(Number(await run.locator('[data-figure=changed] .figure-value').textContent())).toBeGreaterThanOrEqual(8);
    expect(await run.getByTestId('backtest-fields').locator('[data-field=unit]').textContent()).toContain('处置单位');
    const moved = run.getByTestId('diff-load-moved').locator('.ant-table-row').filter({ hasText: '应急管理局' }).first();
    expect(await moved.textContent()).toContain('综合执法');
    const saved = (await api('GET', `/backtests/${runId}`)).body.backtest;
    const chengnan = saved.summary.byTownship.find((g: { township: string }) => g.township === 'qs-cn').changed;
    expect(chengnan).toBeGreaterThanOrEqual(1);
    expect(await run.getByTestId('diff-by-township').locator('.ant-table-row').filter({ hasText: '城南街道' }).locator('[data-cell=changed]').textContent()).toBe(String(chengnan));
    await run.getByTestId('backtest-chart').locator('canvas').waitFor();

    // the changed events of Chengnan: the real handling unit beside the replayed one, and both explanations
    await chooseOption(page, '[data-testid=filter-township]', '城南街道');
    const known = run.locator(`.backtest-change-list li[data-event="${hazardsIn['qs-cn'][0]}"]`);
    await known.waitFor();
    expect(await known.locator('[data-field=unit] [data-side=real]').textContent()).toContain('综合执法');
    expect(await known.locator('[data-field=unit] [data-side=replay]').textContent()).toContain('应急管理局');
    expect(await known.locator('.trail[data-side=replay] [data-decision=route]').textContent()).toContain('w-route-hazchem-dept');
    expect(await known.locator('.trail[data-side=real] [data-decision=route]').textContent()).not.toContain('w-route-hazchem-dept');
    expect(await run.locator('.backtest-change-list > li').count()).toBe(Math.min(20, chengnan));
    await shot(page, 'zh-3-run');
    // none of this history's events is late under version 2's deadlines only (they are looser where they differ)
    await page.click('[data-testid=filter-newly-late]');
    await expect.poll(() => run.locator('.backtest-change-list > li').count()).toBe(0);
    expect(await run.getByTestId('backtest-changes').textContent()).toContain('没有符合条件的事件');

    // saved: reopened by its address after a reload, and listed with the others
    await page.reload();
    await page.waitForSelector(`[data-testid=backtest-run][data-run="${runId}"][data-status=done]`);
    await page.click('[data-action=back-to-runs]');
    await page.waitForSelector(`.backtest-runs-table [data-status=done]`);
    await shot(page, 'zh-4-list');
    await page.click('[data-action=open-run]');
    await page.waitForSelector(`[data-testid=backtest-run][data-run="${runId}"]`);
    expect(errors).toEqual([]);
  }, 60_000);

  it('reads the same in English on a 375 px phone, nothing wider than the screen', async () => {
    const session = await signedInPage(browser, runtime.url, admin, { width: 375, height: 760, language: 'en' });
    sessions.push(session);
    const { page, errors } = session;
    await page.goto(`${runtime.url}/backtests?run=${runId}`);
    await page.waitForSelector(`[data-testid=backtest-run][data-status=done]`);
    await page.locator('.backtest-change-list > li').first().waitFor();
    expect(await page.locator('h1').textContent()).toBe('Replay');
    expect(await page.getByTestId('run-status').textContent()).toBe('Done');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'en-1-run-phone');
    await page.goto(`${runtime.url}/backtests`);
    await page.waitForSelector('.backtest-runs-table [data-status=done]');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'en-2-list-phone');
    expect(errors).toEqual([]);
  }, 60_000);
});
