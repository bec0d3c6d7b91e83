/**
 * The command room's half of the loop, end to end in Debian's Chromium against a real runtime on
 * SQLite (county demo, the baseline catalog with its boundaries): reports come in by the API, by
 * grid workers and as a coordinates-only Open311 request (which lands in the grid its point lies
 * in); the handler takes some on time; the clock moves on five days, so the rest turn overdue and
 * red. Then the county administrator reads the dashboard and follows a number to the worklist of
 * its events, reads the map (boundaries without tiles, shaded grids, clustered points) and opens
 * an event from it, reads the assessment ranking and opens the events behind a figure; the
 * township command room acknowledges the threshold alert the reports raised; the handler reads
 * its own unit's dashboard. Each page in zh and en, screenshots under test-results/e2e/command-room/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { CompiledConfig } from '../../engine/index';
import { rotateOpen311Key } from '../../runtime/open311/api-key';
import { compiledCatalog } from '../helpers/catalogs';
import { launchChromium } from './support/browser';
import { Cast, type Person } from './support/cast';
import { startE2eRuntime, type E2eRuntime } from './support/runtime';
import { ensureStudioBuilt } from './support/studio-build';

const SHOTS = 'test-results/e2e/command-room';
const STEP_TIMEOUT = 120_000;
const DAY = 86_400_000;
/** The ranking's kind selector, by the unit kinds of the catalog. */
const KIND_LABEL: Record<string, string> = { village: '村', township: '乡镇', platform: '平台', township_command: '指挥', county_department: '部门' };

let runtime: E2eRuntime;
let browser: Browser;
let cast: Cast;
let compiled: CompiledConfig;
/** The unit that handles the first neighbour dispute (the village, by the baseline's routing). */
let handlerUnit = '';
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
const shot = (page: Page, name: string) => cast.shot(page, name);

async function api(path: string, token: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(`${runtime.url}/api/v1${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: res.status, body: res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text() };
}

/** A report's data as the catalog's own test cases give it for the category, at another place. */
function sampleData(category: string, location: Record<string, unknown>): Record<string, unknown> {
  const cases = JSON.parse(readFileSync('catalogs/zhejiang-four-platforms/tests.json', 'utf8')) as Array<{ input: { category: string; data: Record<string, unknown> } }>;
  const found = cases.find((c) => c.input.category === category);
  if (!found) throw new Error(`no test case of ${category}`);
  return { ...structuredClone(found.input.data), location };
}

/** A point inside `grid`: the first of a lattice over its box that the engine's locator places there. */
function pointIn(grid: string): { lat: number; lng: number } {
  const feature = compiled.config.geography!.features.find((f) => f.properties.unit === grid)!;
  const ring = (feature.geometry.type === 'Polygon' ? feature.geometry.coordinates[0] : feature.geometry.coordinates[0][0]) as number[][];
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  for (let i = 1; i < 10; i++)
    for (let j = 1; j < 10; j++) {
      const lng = Math.min(...xs) + ((Math.max(...xs) - Math.min(...xs)) * i) / 10;
      const lat = Math.min(...ys) + ((Math.max(...ys) - Math.min(...ys)) * j) / 10;
      if (compiled.gridLocator!.locate(lng, lat) === grid) return { lat: Number(lat.toFixed(6)), lng: Number(lng.toFixed(6)) };
    }
  throw new Error(`no point found in ${grid}`);
}

async function report(name: string, token: string, category: string, location: Record<string, unknown>, source?: string): Promise<void> {
  const res = await api('/counties/demo/events', token, { method: 'POST', body: { category, data: sampleData(category, location), ...(source ? { source } : {}) } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  ids[name] = res.body.event.id;
}

/** The handling unit of the event acts on it (with a handler's token of that unit). */
async function act(name: string, action: string, input?: Record<string, unknown>): Promise<void> {
  const unit = (await api(`/counties/demo/events/${ids[name]}`, tokens.admin)).body.event.handlingUnit as string;
  tokens[unit] ??= await runtime.token('handler', unit);
  const event = (await api(`/counties/demo/events/${ids[name]}`, tokens[unit])).body.event;
  const res = await api(`/counties/demo/events/${ids[name]}/actions/${action}`, tokens[unit], { method: 'POST', body: { version: event.version, ...(input ? { input } : {}) } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** Switches the studio's language and waits for it. */
async function language({ page, user }: Person, lang: 'zh' | 'en'): Promise<void> {
  await user.click(`.app-header [data-lang=${lang}]`, lang === 'en' ? 'English' : '中文');
  await page.waitForSelector(`.app-header [data-lang=${lang}].on`);
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ensureStudioBuilt();
  compiled = await compiledCatalog('zhejiang-four-platforms');
  const startedAt = Date.now();
  runtime = await startE2eRuntime({ timerIntervalMs: 200 });
  browser = await launchChromium();
  cast = new Cast(browser, runtime.url, SHOTS, startedAt);
  tokens.admin = await runtime.token('county_admin');
  tokens.room = await runtime.token('dispatcher', 'qs-fx-cmd');
  const worker = (grid: string) => runtime.token('grid_worker', grid);

  // a fixture, not a step: a week's work. Three neighbour disputes reported by the hotline at points in one grid (the
  // baseline's threshold: 3 of a category in a grid within 24 h), grid workers' reports elsewhere
  const hot = pointIn('qs-fx-v01-g2');
  for (const n of [1, 2, 3]) await report(`dispute${n}`, tokens.admin, 'dispute-neighbor', { ...hot, lat: hot.lat + n * 1e-5, address: '凤溪村' }, 'hotline');
  await report('family', await worker('qs-ht-v01-g1'), 'dispute-family', { grid: 'qs-ht-v01-g1', address: '黄塘村' });
  await report('property', await worker('qs-cn-v01-g2'), 'dispute-property', { grid: 'qs-cn-v01-g2', address: '南门社区' });
  await report('fraud', tokens.admin, 'order-fraud', { ...pointIn('qs-cn-v01-g1'), address: '南门社区' }, 'hotline');
  // the village's mediation committee takes two disputes on time and settles one
  await act('dispute1', 'accept');
  await act('dispute1', 'resolve', { feedback: '已调解，双方达成协议' });
  await act('dispute2', 'accept');
  handlerUnit = (await api(`/counties/demo/events/${ids.dispute1}`, tokens.admin)).body.event.handlingUnit;
  tokens.handler = tokens[handlerUnit];
  // five days on: the rest are late, the timers turn them red
  runtime.advance(5 * DAY);
  const deadline = Date.now() + 30_000;
  while (!(await api(`/counties/demo/events/${ids.dispute3}`, tokens.admin)).body.event.red && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  // and today's reports
  await report('land', await worker('qs-ht-v02-g1'), 'dispute-land', { grid: 'qs-ht-v02-g1', address: '上林村' });
  await report('today-neighbor', await worker('qs-fx-v01-g1'), 'dispute-neighbor', { grid: 'qs-fx-v01-g1', address: '凤溪村' });
}, 240_000);

afterAll(async () => {
  await cast?.close();
  await browser?.close();
  await runtime?.stop();
});

describe('the command room: map, dashboards, assessment, alerts', () => {
  it('1. a coordinates-only Open311 request lands in the grid its point lies in', async () => {
    // the key the first start printed is not kept: the administrator issues a new one
    const key = await rotateOpen311Key(runtime.server.db, 'demo');
    expect(key).not.toBe('');
    const point = pointIn('qs-cn-v02-g1');
    const form = new URLSearchParams({ api_key: key, service_code: 'env-noise', lat: String(point.lat), long: String(point.lng), description: '工地夜间施工', 'attribute[noiseSource]': 'construction', 'attribute[durationDays]': '3' });
    const res = await fetch(`${runtime.url}/open311/v2/demo/requests.json`, { method: 'POST', body: form });
    const body = (await res.json()) as Array<{ service_request_id?: string; token?: string }>;
    expect(res.status, JSON.stringify(body)).toBe(201);
    const id = body[0].service_request_id ?? '';
    const event = (await api(`/counties/demo/events/${id}`, tokens.admin)).body.event;
    expect(event.grid).toBe('qs-cn-v02-g1');
    expect(event.township).toBe('qs-cn');
    ids.open311 = id;
  });

  it('2. the county administrator reads the dashboard and follows a number to its events (zh, en)', async () => {
    const admin = await cast.withToken(tokens.admin, { clock: true });
    const { page, user } = admin;
    await user.click('.main-nav a[href="/dashboard"]', 'dashboard');
    await page.waitForSelector('.figures .figure');
    await page.waitForSelector('[data-testid=trend-chart] canvas');
    await page.waitForSelector('[data-testid=breakdown-table] tbody tr.ant-table-row');
    const today = page.locator('.figure', { hasText: '今日上报' });
    expect(await today.locator('.figure-value').textContent()).toBe('3');
    expect(Number(await page.locator('.figure', { hasText: '红色督办' }).locator('.figure-value').textContent())).toBeGreaterThan(0);
    await shot(page, '01-zh-admin-dashboard');
    await user.click('.figure:has-text("今日上报")', '今日上报');
    await page.waitForSelector('[data-testid=drill-filters]');
    await page.waitForSelector('.worklist .work-item');
    expect(await page.locator('.worklist .work-item').count()).toBe(3);
    await shot(page, '02-zh-admin-today-worklist');
    // a breakdown row: the township's red events
    await user.click('.main-nav a[href="/dashboard"]', 'dashboard');
    await user.click('.ant-segmented-item:has-text("按乡镇")', '按乡镇');
    await page.waitForSelector('[data-testid=breakdown-table] tbody tr.ant-table-row:has-text("凤溪镇")');
    await language(admin, 'en');
    await page.waitForSelector('.figure:has-text("Reports today")');
    await shot(page, '03-en-admin-dashboard');
    const redLink = page.locator('[data-testid=breakdown-table] tbody tr.ant-table-row', { hasText: 'Fengxi' }).locator('td').nth(3).locator('a');
    const redCount = Number(await redLink.textContent());
    expect(redCount).toBeGreaterThan(0);
    await user.click('[data-testid=breakdown-table] tbody tr.ant-table-row:has-text("Fengxi") td:nth-child(4) a', 'Fengxi red');
    await page.waitForSelector('[data-testid=drill-filters]');
    await page.waitForSelector('.worklist .work-item');
    expect(await page.locator('.worklist .work-item').count()).toBe(redCount);
    await shot(page, '04-en-admin-township-red-worklist');
    await language(admin, 'zh');
  }, STEP_TIMEOUT);

  it('3. the map: boundaries without tiles, shaded grids, clustered events; a click opens the event (zh, en)', async () => {
    const admin = cast.people[0];
    const { page, user } = admin;
    const tiles: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(runtime.url) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) tiles.push(r.url());
    });
    await user.click('.main-nav a[href="/map"]', 'map');
    await page.waitForSelector('[data-testid=county-map] path.leaflet-interactive');
    await page.waitForSelector('[data-testid=county-map] .marker-cluster, [data-testid=county-map] .event-dot');
    // 20 grids shaded, 10 villages and 3 townships outlined
    expect(await page.locator('[data-testid=county-map] path').count()).toBeGreaterThanOrEqual(33);
    await shot(page, '05-zh-admin-map');
    await user.click('input[name=map-red]', '只看红色');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=county-map] .event-dot, [data-testid=county-map] .marker-cluster').length > 0);
    await language(admin, 'en');
    await shot(page, '06-en-admin-map-red');
    // zoom in until a single event shows, then open it
    for (let i = 0; i < 6 && (await page.locator('[data-testid=county-map] .event-dot').count()) === 0; i++) {
      await user.click('[data-testid=county-map] .marker-cluster >> nth=0', 'open cluster');
      await page.waitForTimeout(600);
    }
    const dot = page.locator('[data-testid=county-map] .event-dot span').first();
    const id = await dot.getAttribute('data-event');
    await user.click('[data-testid=county-map] .event-dot >> nth=0', 'event on the map');
    await page.waitForURL(`**/events/${id}`);
    await page.waitForSelector('[data-testid=event-state]');
    expect(tiles).toEqual([]);
    await language(admin, 'zh');
  }, STEP_TIMEOUT);

  it('4. the assessment ranking, and the events behind a figure (zh, en)', async () => {
    const admin = cast.people[0];
    const { page, user } = admin;
    await user.click('.main-nav a[href="/assessment"]', 'assessment');
    await page.waitForSelector('[data-testid=ranking] tbody tr.ant-table-row');
    await shot(page, '07-zh-admin-assessment');
    // the unit that took the disputes, among the units of its kind
    const unitName = compiled.unit(handlerUnit)!.name.zh;
    const row = `[data-testid=ranking] tbody tr.ant-table-row:has-text("${unitName}")`;
    if ((await page.locator(row).count()) === 0) await user.pick('[data-testid=assessment-kind]', new RegExp(KIND_LABEL[compiled.unit(handlerUnit)!.kind] ?? compiled.unit(handlerUnit)!.kind));
    await page.waitForSelector(`${row} button[data-indicator]`);
    await user.click(`${row} button[data-indicator] >> nth=0`, `a figure of ${unitName}`);
    await page.waitForSelector('[data-testid=drill-items] li');
    expect(await page.locator('[data-testid=drill-items] li').count()).toBeGreaterThan(0);
    await shot(page, '08-zh-admin-assessment-drill');
    await page.keyboard.press('Escape');
    await page.locator('.ant-drawer-open').waitFor({ state: 'detached' }).catch(() => undefined);
    // the county administrator enters the rating from outside the system that applies to the unit
    await user.click('[data-testid=enter-ratings]', '录入评分');
    await user.fill(`input[aria-label^="${unitName} "]`, '90', 'rating');
    await user.click('[data-testid=save-ratings]', '保存评分');
    await page.waitForSelector('[data-testid=enter-ratings]');
    await page.waitForSelector(`${row} td:has-text("90.0")`);
    const period = (await api('/counties/demo/stats/overview', tokens.admin)).body.asOf.slice(0, 7);
    const ratings = (await api(`/counties/demo/assessment/${period}/ratings`, tokens.admin)).body.ratings;
    expect(ratings).toEqual([expect.objectContaining({ unit: handlerUnit, score: 90 })]);
    expect((await api(`/counties/demo/assessment/${period}/ratings/audit`, tokens.admin)).body.entries).toHaveLength(1);
    await shot(page, '08b-zh-admin-assessment-rated');
    await language(admin, 'en');
    await page.waitForSelector('[data-testid=ranking] tbody tr.ant-table-row');
    await shot(page, '09-en-admin-assessment');
    await language(admin, 'zh');
  }, STEP_TIMEOUT);

  it('5. the township command room acknowledges the threshold alert (zh, en)', async () => {
    const room = await cast.withToken(tokens.room, { clock: true });
    const { page, user } = room;
    await user.click('.main-nav a[href="/alerts"]', 'alerts');
    const item = page.locator('.alert-item', { hasText: '同一网格24小时内同类事件3起以上' });
    await item.waitFor();
    await shot(page, '10-zh-room-alerts');
    const alertId = (await item.getAttribute('data-alert')) ?? '';
    await user.click(`[data-alert="${alertId}"] .link-button`, 'show events');
    await page.waitForSelector(`[data-alert="${alertId}"] .alert-events li`);
    expect(await page.locator(`[data-alert="${alertId}"] .alert-events li`).count()).toBe(3);
    await user.fill(`[data-alert="${alertId}"] textarea`, '已安排村调委会集中调解', 'note');
    await user.click(`[data-alert="${alertId}"] .alert-ack button`, '确认已处理');
    await page.waitForSelector(`[data-alert="${alertId}"]`, { state: 'detached' });
    await user.click('.ant-segmented-item:has-text("已确认")', '已确认');
    await page.waitForSelector(`[data-alert="${alertId}"] .alert-acked`);
    await shot(page, '11-zh-room-alert-acknowledged');
    const stored = (await api(`/counties/demo/alerts/${alertId}`, tokens.admin)).body.alert;
    expect(stored).toMatchObject({ status: 'acknowledged', note: '已安排村调委会集中调解', commandRoom: 'qs-fx-cmd', area: 'qs-fx-v01-g2', count: 3 });
    await language(room, 'en');
    await page.waitForSelector(`[data-alert="${alertId}"] .alert-acked:has-text("Acknowledged")`);
    await shot(page, '12-en-room-alert-acknowledged');
    // the command room's own dashboard
    await user.click('.main-nav a[href="/dashboard"]', 'dashboard');
    await page.waitForSelector('.figures .figure');
    await shot(page, '13-en-room-dashboard');
  }, STEP_TIMEOUT);

  it("6. the handler's dashboard holds its own unit's events only (zh, en)", async () => {
    const handler = await cast.withToken(tokens.handler, { clock: true });
    const { page, user } = handler;
    await user.click('.main-nav a[href="/dashboard"]', 'dashboard');
    await page.waitForSelector('.figures .figure');
    const overview = (await api('/counties/demo/stats/overview', tokens.handler)).body;
    expect(overview.scope).toEqual({ kind: 'unit', unit: handlerUnit });
    const all = (await api('/counties/demo/stats/overview', tokens.admin)).body;
    expect(overview.reports.month.count).toBeLessThan(all.reports.month.count);
    await shot(page, '14-zh-handler-dashboard');
    await language(handler, 'en');
    await shot(page, '15-en-handler-dashboard');
    console.log(`command room: ${cast.actions.length} user actions`);
    expect(cast.errors).toEqual([]);
  }, STEP_TIMEOUT);
});
