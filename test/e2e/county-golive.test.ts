/**
 * A county goes live, end to end in Debian's Chromium against a real runtime on SQLite, every
 * step through the studio as its user does it: the platform administrator creates county
 * `qingxi` from the baseline catalog; its administrator (signed in with the token shown once)
 * imports 3 villages with 6 grids from an XLSX into a draft, publishes and activates it, imports
 * 10 grid workers from an XLSX and adds the handler of one new village; a grid worker signs in
 * with a password on a 375 px phone, sets a new one and reports with a photo; the handler
 * (English) accepts and resolves it with a result photo; a citizen reports on /public/qingxi/,
 * follows the report by its code and, once the handler has resolved it, confirms with a rating;
 * county `demo` sees none of it (API, metrics and its studio worklist). The user actions are
 * counted and printed. Screenshots in zh and en for every role under test-results/e2e/golive/.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PEOPLE_COLUMN_KEYS, PEOPLE_COLUMNS } from '../../runtime/imports/people-rows';
import { UNIT_COLUMN_KEYS, UNIT_COLUMNS } from '../../runtime/imports/unit-columns';
import { satisfactionOf } from '../../runtime/public/satisfaction-store';
import { launchChromium } from './support/browser';
import { Cast, chooseFile, photo, signInWithPassword, xlsx, XLSX_TYPE as XLSX, type Person } from './support/cast';
import { startE2eRuntime, type E2eRuntime } from './support/runtime';
import { ensureStudioBuilt } from './support/studio-build';

const SHOTS = 'test-results/e2e/golive';
const COUNTY = 'qingxi';
const VILLAGES = [
  { id: 'qs-fx-v31', zh: '桃源村', en: 'Taoyuan Village', kind: '村' },
  { id: 'qs-fx-v32', zh: '梅岭村', en: 'Meiling Village', kind: '村' },
  { id: 'qs-fx-v33', zh: '竹溪社区', en: 'Zhuxi Community', kind: '社区' },
];
const GRIDS = VILLAGES.flatMap((v) => ['一', '二'].map((n, i) => ({ id: `${v.id}-g${i + 1}`, zh: `${v.zh}第${n}网格`, en: `${v.en} Grid ${i + 1}`, village: v })));
const WORKERS = ['周梦琪', '吴立军', '郑晓红', '王海涛', '冯雅静', '陈志远', '褚文斌', '卫美玲', '蒋国栋', '沈丽娟'].map((name, i) => ({ name, phone: `1357100${String(i + 1).padStart(4, '0')}`, grid: GRIDS[i % GRIDS.length] }));
const LEADERS = ['许建华', '何春生', '吕秀英', '施永康', '张桂兰', '孔德明'];
const HANDLER = { name: '韩立新', phone: '13571009001', village: VILLAGES[0] };
const NEW_PASSWORD = 'qingxi-2026!';
const STEP_TIMEOUT = 180_000;

let runtime: E2eRuntime;
let browser: Browser;
let cast: Cast;
let demoAdmin = '';
let demoEvent = '';
const shot = (page: Page, name: string) => cast.shot(page, name);
/** The grid a report form's grid select shows. */
const grid = async (page: Page) => (await page.locator('.ant-select', { has: page.locator('[id*=location][id*=grid]') }).locator('.ant-select-content-has-value').getAttribute('title')) ?? '';

async function api(path: string, token: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${runtime.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text() };
}

/** The handler opens the event from the worklist, accepts it and resolves it (with a result photo when given). */
async function resolveFromWorklist({ page, user }: Person, eventId: string, feedback: string, shotName: string, resultPhoto?: Buffer): Promise<void> {
  await user.click('.main-nav a[href="/worklist"]', 'worklist');
  await user.click(`[data-event="${eventId}"] a`, 'open event');
  await page.waitForSelector('.event-data [data-testid=attachment-gallery] img');
  await user.click('.action-panel [data-action=accept]', 'accept');
  await user.click('[data-action=confirm-action]', 'confirm');
  await user.click('.action-panel [data-action=resolve]', 'resolve');
  await user.fill('.action-form textarea[name=feedback]', feedback, 'feedback');
  if (resultPhoto) {
    await chooseFile(user, '[data-testid=result-photo-upload] input[type=file]', { name: 'after.jpg', mimeType: 'image/jpeg', buffer: resultPhoto });
    await page.waitForSelector('[data-testid=result-photo-upload] .attachment-thumb img');
  }
  await shot(page, shotName);
  await user.click('[data-action=confirm-action]', 'confirm');
  await page.waitForSelector('[data-testid=event-state][data-state=resolved]');
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ensureStudioBuilt();
  const startedAt = Date.now();
  runtime = await startE2eRuntime();
  browser = await launchChromium();
  cast = new Cast(browser, runtime.url, SHOTS, startedAt);
  demoAdmin = await runtime.token('county_admin');
  // a fixture, not a step: demo's own work (one report through the API), so its worklist is not empty when we look for qingxi's in it
  const report = { category: 'dispute-neighbor', data: { location: { grid: 'qs-fx-v01-g1', address: '凤溪村' }, description: '邻里纠纷（demo 县）', disputeType: 'noise', partiesCount: 2, hazard: 'low', mediatedOnSite: false, mediationAttempts: 0 } };
  const res = await fetch(`${runtime.url}/api/v1/counties/demo/events`, { method: 'POST', headers: { authorization: `Bearer ${await runtime.token('grid_worker', 'qs-fx-v01-g1')}`, 'content-type': 'application/json' }, body: JSON.stringify(report) });
  expect(res.status).toBe(201);
  demoEvent = ((await res.json()) as { event: { id: string } }).event.id;
}, 300_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  const step = ctx.task.name.split('.')[0];
  await Promise.all(cast.people.map(({ page: p }, i) => p.screenshot({ path: `${SHOTS}/failed-${step}-${i}.png`, fullPage: true }).catch(() => {})));
});

afterAll(async () => {
  await cast?.close();
  await browser?.close();
  await runtime?.stop();
});

describe.sequential('county qingxi goes live', () => {
  let adminToken = '';
  let admin: Person;
  let handler: Person;
  const passwords = new Map<string, string>();
  let handlerPassword = '';
  let workerEvent = '';
  let citizenEvent = '';

  it('1. the platform administrator creates qingxi from the baseline catalog (zh desktop, then en)', async () => {
    const { page, user } = await cast.withToken(runtime.server.platformToken!);
    await page.waitForSelector('.counties-page');
    await user.fill('#county-id', COUNTY, 'county id');
    await user.fill('#county-name', '清溪县', 'county name');
    await user.pick('#county-catalog', '浙江“四个平台”基层治理基线配置');
    await shot(page, '01-zh-platform-new-county');
    await user.click('.new-county-form button[type=submit]', 'create county');
    await page.getByTestId('created-county').waitFor();
    adminToken = ((await page.getByTestId('admin-token').textContent()) ?? '').trim();
    expect(adminToken).toMatch(/^pt_/);
    await shot(page, '02-zh-platform-county-created');
    await user.click('.ant-btn:has-text("我已保存")', 'saved it');
    await user.click('.app-header [data-lang=en]', 'English');
    await page.locator('.ant-table-row', { has: page.locator(`td:text-is("${COUNTY}")`) }).waitFor();
    await shot(page, '03-en-platform-counties');
    expect((await api('/api/v1/me', adminToken)).body).toMatchObject({ county: COUNTY, role: 'county_admin' });
  }, STEP_TIMEOUT);

  it('2. the qingxi administrator imports 3 villages with 6 grids into a draft, publishes and activates it (zh)', async () => {
    admin = await cast.withToken(adminToken);
    const { page, user } = admin;
    await page.waitForSelector('.versions-table');
    await user.click('[data-action=new-draft]', 'new draft');
    await page.waitForSelector('.tabs');
    await user.click('[data-tab=units]', 'units tab');
    await user.click('[data-action=import-units]', 'import units');
    const header = UNIT_COLUMN_KEYS.map((k) => UNIT_COLUMNS[k].header);
    const rows = GRIDS.map((g, i) => {
      const first = i % 2 === 0;
      // 1+1+X: a grid leader, the grid's full-time workers (the accounts imported in step 3)
      const staff = WORKERS.filter((w) => w.grid === g).map((w) => w.name).join('、');
      return ['凤溪镇', g.village.id, first ? g.village.zh : '', first ? g.village.en : '', first ? g.village.kind : '', g.id, g.zh, g.en, LEADERS[i], staff, ''];
    });
    await chooseFile(user, '[data-testid=unit-import] input[type=file]', { name: '清溪县新增村网格.xlsx', mimeType: XLSX, buffer: await xlsx('单位', header, rows) });
    await page.waitForSelector('[data-testid=unit-import-preview]');
    expect(await page.locator('[data-testid=unit-import-preview]').textContent()).toMatch(/新增 9 个单位/);
    await shot(page, '04-zh-admin-units-preview');
    await user.click('[data-action=apply-unit-import]', 'import');
    await page.waitForSelector('[data-testid=unit-import-done]');
    await user.click('.ant-modal-footer button:not([data-action])', 'close');
    await page.waitForSelector('[data-testid=unit-import]', { state: 'hidden' });
    await user.click(`li[data-unit=${VILLAGES[0].id}] > .unit-row .twisty`, 'open village');
    await page.waitForSelector(`li[data-unit=${GRIDS[1].id}]`);
    await shot(page, '05-zh-admin-units-tree');
    await user.click('[data-action=publish]', 'publish');
    // the new grids have no boundary yet: a warning (reports by coordinates alone are not placed in them), not a refusal
    await page.waitForSelector('[data-testid=published]', { timeout: 90_000 });
    await user.click('.publish-bar [data-action=activate]', 'activate');
    await page.waitForSelector('.workspace-head .badge-green');
    await shot(page, '06-zh-admin-published-active');

    const active = (await api(`/api/v1/counties/${COUNTY}/config/active`, adminToken)).body;
    expect(active.version).toBe(2);
    expect(active.document.geography.features.length).toBeGreaterThan(0);
    const units = active.document.units as Array<{ id: string; kind: string; parent?: string; name: { zh: string } }>;
    for (const v of VILLAGES) expect(units.find((u) => u.id === v.id)).toMatchObject({ kind: 'village', parent: 'qs-fx', name: { zh: v.zh } });
    for (const g of GRIDS) expect(units.find((u) => u.id === g.id)).toMatchObject({ kind: 'grid', parent: g.village.id, name: { zh: g.zh } });
  }, STEP_TIMEOUT);

  it('3. the qingxi administrator imports 10 grid workers and adds the handler of 桃源村 (zh, then en)', async () => {
    const { page, user } = admin;
    await user.click('.main-nav a[href="/accounts"]', 'people');
    await page.waitForSelector('.people-page');
    await user.click('[data-action=import-people]', 'import people');
    const header = PEOPLE_COLUMN_KEYS.map((k) => PEOPLE_COLUMNS[k].header);
    const rows = WORKERS.map((w) => [w.name, w.phone, '网格员', w.grid.zh]);
    await chooseFile(user, '[data-testid=people-import] input[type=file]', { name: '清溪县网格员.xlsx', mimeType: XLSX, buffer: await xlsx('人员', header, rows) });
    await page.waitForSelector('[data-testid=people-import-preview]');
    expect(await page.locator('[data-testid=people-import-errors], [data-testid=import-errors]').count()).toBe(0);
    await shot(page, '07-zh-admin-people-preview');
    await user.click('[data-action=apply-people-import]', 'import');
    await page.waitForSelector('[data-testid=people-import-done]');
    for (const row of await page.locator('[data-testid=people-import-done] tbody tr.ant-table-row').all()) {
      const [name, , password] = await row.locator('td').allTextContents();
      passwords.set(name, password.trim());
    }
    expect(passwords.size).toBe(10);
    await shot(page, '08-zh-admin-people-created');
    await user.click('.ant-modal-footer button:not([data-action])', 'close');
    // the handler of the first new village: 桃源村's rural sanitation reports go to the village itself
    await user.click('.people-page button:has-text("新增人员")', 'add a person');
    await user.fill('#account_name', HANDLER.name, 'name');
    await user.fill('#account_phone', HANDLER.phone, 'phone');
    await user.pick('#account_role', '处置人员');
    await user.pick('#account_unit', `${HANDLER.village.zh} (${HANDLER.village.id})`, HANDLER.village.zh);
    await shot(page, '09-zh-admin-new-handler');
    await user.click('.ant-modal:has(#account_name) .ant-btn-primary', 'save');
    await page.waitForSelector('[data-testid=secret]');
    handlerPassword = ((await page.locator('[data-testid=secret]').textContent()) ?? '').trim();
    await expect.poll(() => page.locator('.people-page .ant-table').first().textContent()).toContain(HANDLER.name);
    await user.click('.app-header [data-lang=en]', 'English');
    await expect.poll(() => page.locator('.people-page .ant-table').first().textContent()).toContain('Grid worker');
    await shot(page, '10-en-admin-people');

    const qingxi = (await api(`/api/v1/counties/${COUNTY}/accounts`, adminToken)).body.accounts as Array<{ name: string; phone: string; role: string; unit: string }>;
    expect(qingxi.filter((a) => a.role === 'grid_worker').map((a) => [a.name, a.phone, a.unit]).sort()).toEqual(WORKERS.map((w) => [w.name, w.phone, w.grid.id]).sort());
    expect(qingxi.find((a) => a.role === 'handler')).toMatchObject({ name: HANDLER.name, unit: HANDLER.village.id });
    const demo = (await api('/api/v1/counties/demo/accounts', demoAdmin)).body.accounts as Array<{ name: string; phone: string; role: string }>;
    expect(demo.filter((a) => a.role === 'grid_worker')).toEqual([]);
    expect(demo.filter((a) => [HANDLER, ...WORKERS].some((w) => w.phone === a.phone || w.name === a.name))).toEqual([]);
  }, STEP_TIMEOUT);

  it('4. a grid worker signs in with a password on a 375 px phone and reports with a photo (zh, then en)', async () => {
    const worker = WORKERS[0];
    const phone = await cast.person({ phone: true });
    const { page, user } = phone;
    await page.goto(`${runtime.url}/`);
    await signInWithPassword(phone, { county: COUNTY, phone: worker.phone, password: passwords.get(worker.name)!, newPassword: NEW_PASSWORD }, () => shot(page, '11-zh-worker-sign-in'));
    await expect.poll(() => page.locator('.app-header .who').textContent()).toContain(worker.name);
    await user.select('.report-page select[name=category]', 'urban-sanitation');
    await chooseFile(user, '[data-testid=attachment-upload] input[type=file]', { name: 'IMG_0101.jpg', mimeType: 'image/jpeg', buffer: await photo(180, 120, 60) });
    await page.waitForSelector('[data-testid=attachment-upload] .attachment-thumb img');
    await user.fill('#report_description, #report_root_description', '桃源村村口垃圾堆积，已拍照', 'description');
    // the grid is the worker's own, filled in
    expect(await grid(page)).toContain(worker.grid.id);
    await user.pick('#report_issueType, #report_root_issueType', '垃圾堆积');
    await shot(page, '12-zh-worker-report');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await user.click('[data-action=submit-report]', 'report');
    await page.waitForSelector('[data-testid=reported]');
    expect(await page.locator('[data-testid=reported]').textContent()).toContain(HANDLER.village.zh);
    workerEvent = (await page.locator('[data-testid=reported] a').getAttribute('href'))!.split('/').pop()!;
    await shot(page, '13-zh-worker-reported');
    await user.click('[data-testid=reported] a', 'view the event');
    await user.click('.app-header [data-lang=en]', 'English');
    await page.waitForSelector('.event-data [data-testid=attachment-gallery] img');
    await shot(page, '14-en-worker-event');

    const detail = (await api(`/api/v1/counties/${COUNTY}/events/${workerEvent}`, adminToken)).body;
    expect(detail.event).toMatchObject({ category: 'urban-sanitation', grid: worker.grid.id, handlingUnit: HANDLER.village.id });
    expect(detail.event.data.attachments).toEqual([expect.stringMatching(/^att:/)]);
    expect(detail.history[0].actor).toMatchObject({ role: 'grid_worker', name: worker.name });
  }, STEP_TIMEOUT);

  it('5. the handler of 桃源村 signs in (en), accepts and resolves it with a result photo', async () => {
    handler = await cast.person({ clock: true });
    const { page, user } = handler;
    await page.goto(`${runtime.url}/`);
    await user.click('[data-lang=en]', 'English');
    await signInWithPassword(handler, { county: COUNTY, phone: HANDLER.phone, password: handlerPassword, newPassword: NEW_PASSWORD });
    await page.waitForSelector(`[data-event="${workerEvent}"]`);
    await shot(page, '15-en-handler-worklist');
    await resolveFromWorklist(handler, workerEvent, 'Rubbish cleared by the village cleaning crew, see the photo', '16-en-handler-resolve-with-photo', await photo(40, 160, 90));
    await page.waitForSelector('[data-testid=history-attachments] img');
    await shot(page, '17-en-handler-resolved');
    await user.click('.app-header [data-lang=zh]', '中文');
    await page.waitForSelector('.app-header [data-lang=zh].on');
    await shot(page, '18-zh-handler-resolved');
    await user.click('.app-header [data-lang=en]', 'English');

    const detail = (await api(`/api/v1/counties/${COUNTY}/events/${workerEvent}`, adminToken)).body;
    expect(detail.event.state).toBe('resolved');
    const resolve = detail.history.find((h: { action: string }) => h.action === 'resolve');
    expect(resolve.actor).toMatchObject({ role: 'handler', name: HANDLER.name });
    expect(resolve.detail.attachments).toEqual([expect.stringMatching(/^att:/)]);
  }, STEP_TIMEOUT);

  it('6. a citizen reports on /public/qingxi/ (375 px), follows it by its code and confirms with a rating', async () => {
    const { page, user } = await cast.person({ phone: true });
    await page.goto(`${runtime.url}/public/${COUNTY}/`);
    await user.select('.public-page select[name=category]', 'urban-sanitation');
    await user.fill('#public_description, #public_root_description', '桃源村二组小河边有人倾倒生活垃圾', 'description');
    await chooseFile(user, '[data-testid=attachment-upload] input[type=file]', { name: 'IMG_0202.jpg', mimeType: 'image/jpeg', buffer: await photo(90, 90, 140) });
    await page.waitForSelector('[data-testid=attachment-upload] .attachment-thumb img');
    await user.pick('#public_issueType, #public_root_issueType', '垃圾堆积');
    await user.pick('[id*=location][id*=grid]', GRIDS[1].id, GRIDS[1].id);
    expect(await grid(page)).toContain(GRIDS[1].id);
    await shot(page, '19-zh-citizen-report');
    await user.click('[data-action=submit-public-report]', 'report');
    await page.waitForSelector('[data-testid=public-receipt]');
    const code = (await page.locator('[data-testid=tracking-code]').textContent())!.trim();
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    const confirmPath = new URL((await page.locator('[data-testid=confirm-link]').getAttribute('href'))!, runtime.url).pathname;
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot(page, '20-zh-citizen-receipt');
    const found = await runtime.server.db.models.Event.findOne({ where: { countyId: COUNTY, source: 'citizen' } });
    citizenEvent = found!.id;
    expect(found).toMatchObject({ grid: GRIDS[1].id, handlingUnit: HANDLER.village.id });

    // later, the citizen follows the report by typing the code (in English this time)
    await page.goto(`${runtime.url}/public/${COUNTY}/track`);
    await user.click('[data-lang=en]', 'English');
    await user.fill('input[name=tracking-code]', code.toLowerCase(), 'tracking code');
    await user.click('.public-code-form button[type=submit]', 'follow');
    await page.waitForSelector('[data-testid=public-progress]');
    await shot(page, '21-en-citizen-track');

    // the handler resolves it in the studio, as in step 5 (without a photo)
    await resolveFromWorklist(handler, citizenEvent, 'The river bank was cleaned; a warning sign put up', '22-en-handler-resolve-citizen-report');

    // the citizen opens the secret link the receipt gave
    await page.goto(`${runtime.url}${confirmPath}`);
    await user.click('[data-lang=zh]', '中文');
    await user.click('.public-ratings label:has-text("基本满意")', '基本满意');
    await user.fill('textarea[name=comment]', '处理及时，希望加强巡查', 'comment');
    await shot(page, '23-zh-citizen-confirm');
    await user.click('[data-action=confirm-closure]', 'confirm closure');
    await page.waitForSelector('[data-testid=public-progress][data-state=closed]');
    expect(await page.locator('[data-testid=public-rating]').textContent()).toBe('基本满意');
    await shot(page, '24-zh-citizen-confirmed');
    expect(await satisfactionOf(runtime.server.db, COUNTY, citizenEvent)).toMatchObject({ value: 'basically-satisfied', satisfied: true, source: 'reporter' });
    expect((await api(`/api/v1/counties/${COUNTY}/events/${citizenEvent}`, adminToken)).body.event.state).toBe('closed');
  }, STEP_TIMEOUT);

  it('7. county demo sees none of it (API, metrics and its studio worklist in zh and en)', async () => {
    const qingxiIds = [workerEvent, citizenEvent];
    const ids = async (path: string, token: string) => ((await api(path, token)).body.events as Array<{ id: string }>).map((e) => e.id).sort();
    expect(await ids('/api/v1/counties/demo/events?limit=200', demoAdmin)).toEqual([demoEvent]);
    expect(await ids(`/api/v1/counties/${COUNTY}/events`, adminToken)).toEqual([...qingxiIds].sort());
    // the event and its photo under demo's name: not there
    for (const id of qingxiIds) expect((await api(`/api/v1/counties/demo/events/${id}`, demoAdmin)).status).toBe(404);
    const attachment = ((await api(`/api/v1/counties/${COUNTY}/events/${workerEvent}`, adminToken)).body.event.data.attachments[0] as string).slice(4);
    expect((await api(`/api/v1/counties/demo/attachments/${attachment}`, demoAdmin)).status).toBe(404);
    expect((await api(`/api/v1/counties/${COUNTY}/attachments/${attachment}`, adminToken)).status).toBe(200);
    // demo's token does not open qingxi's doors: another county is not there for it
    for (const path of [`/events/${workerEvent}`, '/events', '/accounts', '/config/active', `/attachments/${attachment}`]) expect((await api(`/api/v1/counties/${COUNTY}${path}`, demoAdmin)).status, path).toBe(404);
    // demo's config is untouched: one version, none of the new villages or grids (a filter by one is refused as unknown)
    expect((await api('/api/v1/counties/demo/configs', demoAdmin)).body.versions.map((v: { version: number }) => v.version)).toEqual([1]);
    const demoUnits = ((await api('/api/v1/counties/demo/config/active', demoAdmin)).body.document.units as Array<{ id: string }>).map((u) => u.id);
    for (const u of [...VILLAGES, ...GRIDS]) expect(demoUnits).not.toContain(u.id);
    expect((await api(`/api/v1/counties/demo/events?unit=${VILLAGES[0].id}`, demoAdmin)).status).toBe(400);
    // the gauges and counters by county: qingxi's reports are counted under qingxi only
    const metrics = (await api('/metrics', demoAdmin)).body as string;
    const value = (name: string, county: string, extra = '') => Number(new RegExp(`^${name}\\{county="${county}"${extra}\\} (\\d+)`, 'm').exec(metrics)?.[1] ?? 0);
    expect(value('pingtai_open_events', 'demo')).toBe(1);
    expect(value('pingtai_open_events', COUNTY)).toBe(1);
    expect(value('pingtai_intake_total', 'demo', ',outcome="created"')).toBe(1);
    expect(value('pingtai_intake_total', COUNTY, ',outcome="created"')).toBe(2);

    // demo's administrator in the studio: its worklist holds its own event and none of qingxi's
    const { page, user } = await cast.withToken(demoAdmin, { clock: true });
    await user.click('.main-nav a[href="/worklist"]', 'worklist');
    await page.waitForSelector(`[data-event="${demoEvent}"]`);
    expect(await page.locator('.worklist .work-item').count()).toBe(1);
    for (const id of qingxiIds) expect(await page.locator(`[data-event="${id}"]`).count()).toBe(0);
    expect(await page.locator('main').textContent()).not.toMatch(/桃源村|梅岭村|竹溪社区/);
    await shot(page, '25-zh-demo-worklist');
    await user.click('.app-header [data-lang=en]', 'English');
    await page.waitForSelector('.app-header [data-lang=en].on');
    await shot(page, '26-en-demo-worklist');

    // the action log, without the secrets typed
    const log = cast.actions.map((line) => line.replace(/^(type (?:token|.*password|repeat)): .*/, '$1: ***'));
    console.log(`county go-live: ${log.length} user actions\n  ${log.join('\n  ')}`);
    expect(cast.errors).toEqual([]);
  }, STEP_TIMEOUT);
});
