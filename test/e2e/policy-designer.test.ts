/**
 * The policy designer's whole round in Debian's Chromium against a real runtime on SQLite: three
 * months of generated history (the bench's sample reports of every category, and Chengnan's
 * chemical hazards among them); the designer writes the whistle in a new draft's route table (a row
 * for Chengnan's serious chemical hazards: the emergency bureau leads, Chengnan's command room
 * dispatches, chosen in selects, no JSON), replays the three months under it on the replay page
 * (opened from the draft's workspace) and reads the differences, proposes it as a pilot for
 * Chengnan; a county administrator (a person, on a phone, in English) approves; reports in
 * Chengnan then follow the pilot while Fengxi's do not, and the pilot page compares them.
 * Screenshots in zh and en under test-results/e2e/policy-designer/.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { sampleEvents } from '../../bench/catalog-events';
import { compiledCatalog } from '../helpers/catalogs';
import { launchChromium } from './support/browser';
import { Cast, signInWithPassword, type Person } from './support/cast';
import { CLOCK_START, startE2eRuntime, type E2eRuntime } from './support/runtime';
import { ensureStudioBuilt } from './support/studio-build';
import { SHOTS_WANTED } from './support/shots';

const SHOTS = 'test-results/e2e/policy-designer';
const STEP = 180_000;
const HOUR = 3_600_000;
const DAYS = 91;

let runtime: E2eRuntime;
let browser: Browser;
let cast: Cast;
let admin = '';

async function api(method: string, path: string, body?: unknown, token = admin): Promise<{ status: number; body: any }> {
  const res = await fetch(`${runtime.url}/api/v1/counties/demo${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  return { status: res.status, body: await res.json() };
}

const hazard = (grid: string) => ({
  category: 'safety-hazchem',
  source: 'grid_worker',
  data: { location: { grid }, description: '仓库甲醇桶轻微渗漏。', chemicalName: '甲醇', incidentType: 'leak', quantityKg: 20, leaking: false, peopleAffected: 0, injuries: 0, hazard: 'medium' },
});

/** Three months of reports: the bench's samples of every category, a Chengnan chemical hazard every week; a third accepted and resolved. */
async function generateHistory(): Promise<{ taken: number; hazards: number; refused: string[] }> {
  const baseline = await compiledCatalog('zhejiang-four-platforms');
  // the samples' photos name no upload and their time of occurrence may lie ahead of the report: both left out
  const reports: Array<{ category: string; source: string; data: unknown }> = sampleEvents(baseline, 3, 7).map((e) => {
    const { attachments: _photos, occurredAt: _when, ...data } = e.data as Record<string, unknown>;
    return { category: e.category, source: e.source === 'open311' || !e.source ? 'api' : e.source, data };
  });
  for (let i = 0; i < 13; i++) reports.splice(i * 10, 0, hazard('qs-cn-v03-g1'));
  const step = Math.floor((DAYS * 24 * HOUR) / reports.length);
  const handlers = new Map<string, string>();
  let taken = 0;
  let hazards = 0;
  const refused: string[] = [];
  for (const [n, report] of reports.entries()) {
    runtime.advance(step);
    const res = await api('POST', '/events', report);
    if (res.status !== 201) {
      refused.push(`${report.category}: ${JSON.stringify(res.body.error).slice(0, 200)}`);
      continue;
    }
    taken++;
    if (report.category === 'safety-hazchem' && (report.data as { location: { grid: string } }).location.grid === 'qs-cn-v03-g1') hazards++;
    const event = res.body.event;
    if (n % 3 !== 0 || !event.handlingUnit || event.state !== 'dispatched') continue;
    if (!handlers.has(event.handlingUnit)) handlers.set(event.handlingUnit, await runtime.token('handler', event.handlingUnit));
    const token = handlers.get(event.handlingUnit)!;
    let version = event.version;
    for (const [action, input] of [['accept', undefined], ['resolve', { feedback: '已处置' }]] as const) {
      const acted = await api('POST', `/events/${event.id}/actions/${action}`, { version, ...(input ? { input } : {}) }, token);
      if (acted.status !== 200) break;
      version = acted.body.event.version;
    }
  }
  return { taken, hazards, refused };
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ensureStudioBuilt();
  const startedAt = Date.now();
  runtime = await startE2eRuntime();
  browser = await launchChromium();
  cast = new Cast(browser, runtime.url, SHOTS, startedAt);
  admin = await runtime.token('county_admin');
  const history = await generateHistory();
  expect(history.refused).toEqual([]);
  expect(history.hazards).toBeGreaterThanOrEqual(13);
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

describe.sequential("the policy designer's round: overlay, replay, pilot proposal, approval, comparison", () => {
  let designer: Person;
  let draft = 0;
  let approval = 0;

  it('writes the whistle pilot in the route table of a new draft, without JSON (zh)', async () => {
    designer = await cast.withToken(await runtime.token('policy_designer'));
    await designer.user.click('.main-nav a[href="/configs"]', 'configs');
    await designer.page.waitForSelector('.versions-table');
    await designer.user.click('[data-action=new-draft]', 'new draft of the county\'s version');
    await designer.page.waitForURL(/\/configs\/\d+$/);
    draft = Number(/\/configs\/(\d+)$/.exec(designer.page.url())![1]);
    await designer.user.click('[data-tab=rules]', 'rules');
    await designer.page.waitForSelector('[data-testid=decision-tables]');
    await designer.user.pickTree('[data-testid=dt-scope]', '危险化学品隐患');
    await designer.user.click('[data-type=route]', 'route decisions');
    // the whistle: in Chengnan a serious (level 2) chemical hazard goes to the emergency bureau,
    // and Chengnan's own command room, not the county's, watches and dispatches it
    await designer.user.click('[data-testid=dt-add-row]', 'add a row');
    await designer.user.fill('input[name=name-zh-route-1]', '吹哨：城南危化品较大事件，应急管理局报到牵头，街道指挥室调度', 'name zh');
    await designer.user.fill('input[name=name-en-route-1]', 'Whistle: serious chemical hazards in Chengnan — the emergency bureau leads, the subdistrict dispatches', 'name en');
    await designer.user.pick('[data-testid=dt-add-column]', '(township)', 'township');
    await designer.user.click('[data-testid=cell-route-1-township]', 'a township condition');
    await designer.user.pickTree('[data-testid=cell-route-1-township-v0]', '城南街道', { exact: true });
    await designer.user.pick('[data-testid=dt-add-column]', '(level)', 'level');
    await designer.user.click('[data-testid=cell-route-1-level]', 'a level condition');
    await designer.user.pick('[data-testid=cell-route-1-level-v0]', '较大');
    await designer.user.pick('[data-testid=out-target-route-1]', '应急管理局');
    await designer.user.pick('[data-testid=out-dispatcher-route-1]', '事发乡镇指挥室');
    // first in the table, so that it wins over the county's own routes of chemical hazards
    const rows = () => designer.page.locator('[data-testid=decision-table] tbody tr[data-row-key]').evaluateAll((trs) => trs.map((r) => r.getAttribute('data-row-key')));
    for (let i = 0; i < 10 && (await rows())[0] !== 'route-1'; i++) await designer.user.click('[data-testid=up-route-1]', 'move the row up');
    expect((await rows())[0]).toBe('route-1');
    // its conditions in view (the table had scrolled to the outcome columns)
    await designer.page.locator('input[name=name-zh-route-1]').scrollIntoViewIfNeeded();
    await cast.shot(designer.page, '1-zh-whistle-routes');
    await designer.user.click('[data-action=save]', 'save');
    await expect.poll(async () => (await api('GET', `/configs/${draft}`)).body.document.rules.find((r: { id: string }) => r.id === 'route-1'), { timeout: 15_000 }).toMatchObject({
      scope: { category: 'safety-hazchem' },
      conditions: { all: expect.arrayContaining([{ fact: 'township', operator: 'equal', value: 'qs-cn' }, { fact: 'level', operator: 'equal', value: 2 }]) },
      event: { type: 'route', params: { target: { type: 'department', domain: 'emergency' }, dispatcher: { type: 'township-command' } } },
    });
    const dispatcher = designer.page.locator('[data-testid=out-dispatcher-route-1]');
    await dispatcher.scrollIntoViewIfNeeded();
    if (SHOTS_WANTED) await designer.page.screenshot({ path: `${SHOTS}/1b-zh-whistle-dispatcher.png` });
  }, STEP);

  it('replays the three months under the draft from its workspace and reads the differences on the replay page (zh)', async () => {
    const day = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10);
    // the draft's publish bar links to the replay page with the draft chosen
    await designer.user.click('[data-action=replay-history]', 'replay history');
    await designer.page.waitForURL(new RegExp(`/backtests\\?draft=${draft}$`));
    await designer.user.pickDateTime('#backtest-from', day(CLOCK_START - 24 * HOUR));
    await designer.user.pickDateTime('#backtest-to', day(CLOCK_START + (DAYS + 2) * 24 * HOUR));
    await designer.user.click('[data-action=start-backtest]', 'start the replay');
    await designer.page.waitForURL(/\/backtests\?run=[0-9a-f-]{36}$/);
    const id = new URL(designer.page.url()).searchParams.get('run')!;
    await designer.page.waitForSelector(`[data-testid=backtest-run][data-run="${id}"][data-status=done]`, { timeout: 60_000 });
    const page = designer.page.getByTestId('backtest-run');
    expect(Number(await page.locator('[data-figure=changed] .figure-value').textContent())).toBeGreaterThanOrEqual(13);
    await page.getByTestId('diff-load-moved').locator('.ant-table-row').filter({ hasText: '应急管理局' }).first().waitFor();
    const run = (await api('GET', `/backtests/${id}`)).body.backtest;
    expect(run.totals.changed).toBeGreaterThanOrEqual(13);
    const moved = run.summary.loadMoved.find((m: { from: string; to: string }) => m.from === 'qs-cn-enf' && m.to === 'dept-emergency');
    expect(moved?.events).toBeGreaterThanOrEqual(13);
    expect(run.summary.byTownship.find((t: { township: string }) => t.township === 'qs-fx')?.changed ?? 0).toBe(0);
    await cast.shot(designer.page, '2-zh-replay');
  }, STEP);

  it('an administrator publishes the draft; the designer proposes it as a pilot for Chengnan (zh)', async () => {
    expect((await api('POST', `/configs/${draft}/publish`)).status).toBe(200);
    await designer.user.click('.main-nav a[href="/pilots"]', 'pilots');
    await designer.page.waitForSelector('[data-testid=new-pilot]');
    await designer.user.pick('[data-testid=pilot-version]', `v${draft}`);
    await designer.user.pick('[data-testid=pilot-townships]', '城南街道');
    await designer.page.keyboard.press('Escape');
    await designer.user.fill('input[name=pilot-name]', '城南“吹哨报到”试点', 'name');
    await designer.user.click('[data-action=start-pilot]', 'propose the pilot');
    const notice = designer.page.locator('.notice[role=status]');
    await expect.poll(() => notice.textContent()).toContain('已提交审批');
    approval = Number(/#(\d+)/.exec((await notice.textContent())!)![1]);
    expect((await api('GET', '/pilots')).body.pilots).toEqual([]);
    await cast.shot(designer.page, '3-zh-proposed');
  }, STEP);

  it('a county administrator approves it on a phone in English; Chengnan follows the pilot, Fengxi does not', async () => {
    const made = await api('POST', '/accounts', { name: 'Admin Wang', phone: '13571009001', role: 'county_admin' });
    expect(made.status).toBe(201);
    const wang = await cast.person({ phone: true });
    await wang.page.goto(`${runtime.url}/`);
    await wang.user.click('[data-lang=en]', 'English');
    await signInWithPassword(wang, { county: 'demo', phone: '13571009001', password: made.body.temporaryPassword, newPassword: 'county-admin-wang-1' });
    await wang.page.goto(`${runtime.url}/configs`);
    const card = wang.page.locator(`.approval-card[data-request="${approval}"]`);
    await card.waitFor();
    await cast.shot(wang.page, '4-en-phone-approval');
    await wang.user.fill(`.approval-card[data-request="${approval}"] textarea`, 'Replay looks right — go ahead in Chengnan.', 'comment');
    await wang.user.click(`.approval-card[data-request="${approval}"] [data-action=approve]`, 'approve');
    await wang.page.locator('.approval-history li[data-status=approved]', { hasText: `Pilot v${draft}` }).waitFor();

    runtime.advance(HOUR);
    const piloted = (await api('POST', '/events', hazard('qs-cn-v03-g1'))).body.event;
    expect({ version: piloted.configVersion, unit: piloted.handlingUnit, dispatcher: piloted.dispatcher }).toEqual({ version: draft, unit: 'dept-emergency', dispatcher: 'qs-cn-cmd' });
    const other = (await api('POST', '/events', hazard('qs-fx-v01-g1'))).body.event;
    expect({ version: other.configVersion, unit: other.handlingUnit }).toEqual({ version: 1, unit: 'qs-fx-enf' });
  }, STEP);

  it('the pilot page compares Chengnan with the other townships (zh desktop, en phone)', async () => {
    runtime.advance(24 * HOUR);
    await designer.page.reload();
    await designer.user.click('[data-action=compare]', 'compare');
    const comparison = designer.page.getByTestId('pilot-comparison');
    await comparison.waitFor();
    await expect.poll(() => comparison.locator('[data-indicator=reported] [data-cell=pilotSince]').textContent()).toBe('1');
    // a day-old pilot beside the 90 days before it: per day the spans compare
    await designer.user.click('[data-testid=baseline] .ant-segmented-item:has-text("试点前 90 天")', 'compare with the 90 days before');
    await expect.poll(async () => Number(await comparison.locator('[data-indicator=reported] [data-cell=pilotBefore]').textContent())).toBeGreaterThan(13);
    await cast.shot(designer.page, '5-zh-comparison');
    const phone = await cast.person({ phone: true });
    await phone.page.goto(`${runtime.url}/`);
    await phone.user.click('[data-lang=en]', 'English');
    await phone.user.fill('input[name=token]', await runtime.token('policy_designer'), 'token');
    await phone.user.click('.sign-in button[type=submit]', 'sign in');
    await phone.page.waitForSelector('.app-header');
    await phone.page.goto(`${runtime.url}/pilots`);
    await phone.user.click('[data-action=compare]', 'compare');
    await phone.page.getByTestId('pilot-comparison').waitFor();
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await cast.shot(phone.page, '6-en-phone-comparison');
    expect(cast.errors).toEqual([]);
    console.log(`policy designer's round: ${cast.actions.length} user actions`);
  }, STEP);
});
