/**
 * The low-code scenario, in Debian's Chromium against a real runtime on SQLite, as a county
 * administrator does it with no keystroke into a JSON editor: add "秸秆焚烧" under the environment
 * major category, build its form (material: straw/garbage/plastic, required; nearHomes: yes/no),
 * add decision-table rows (nearHomes = yes → the township's comprehensive law-enforcement
 * platform, at level 2), set level 2's acceptance time to 2 hours in the SLA editor, try it on the
 * test bench, save that as a test case, run all tests, publish and activate. The stored config is
 * then compared with the expected JSON, and a grid worker's report in the category is routed as
 * designed. The user actions are counted and printed with the wall time. Then every editor is
 * photographed in zh and en; and a second scenario shows that a mistyped rule value cannot be
 * entered in the table, while one typed into the JSON is refused at publish, naming the rule.
 * Screenshots go to test-results/e2e/straw-burning/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, signedInPage, type SignedInPage } from './support/browser';
import { insertAfterFirstLine } from './support/monaco';
import { startE2eRuntime, type E2eRuntime } from './support/runtime';
import { ensureStudioBuilt } from './support/studio-build';
import { UserActions } from './support/user-actions';
import { expectedStrawBurningChanges, normalised, type Doc } from './support/straw-burning-expected';
import { blurFocus, SHOTS_WANTED } from './support/shots';

const SHOTS = 'test-results/e2e/straw-burning';
const CATEGORY = 'env-straw-burning';
const FORM = `f-${CATEGORY}`;
const GRID = 'qs-fx-v01-g1';
const ENFORCEMENT = 'qs-fx-enf';
const OPTIONS = [
  { value: 'straw', zh: '秸秆', en: 'Straw' },
  { value: 'garbage', zh: '垃圾', en: 'Garbage' },
  { value: 'plastic', zh: '塑料', en: 'Plastic' },
];

let runtime: E2eRuntime;
let browser: Browser;
let adminToken = '';
const sessions: SignedInPage[] = [];

/** A full-length screenshot; the workspace scrolls inside itself, so the viewport grows to fit it. */
async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS_WANTED) return blurFocus(page);
  await page.waitForTimeout(250);
  const viewport = page.viewportSize()!;
  const inner = await page.evaluate(() => {
    window.scrollTo(0, 0);
    const body = document.querySelector('.workspace-body');
    if (!body) return 0;
    body.scrollTop = 0;
    return body.scrollHeight - body.clientHeight;
  });
  if (inner > 0) await page.setViewportSize({ width: viewport.width, height: Math.min(viewport.height + inner, 4000) });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  if (inner > 0) await page.setViewportSize(viewport);
}

async function open(token: string, opts?: Parameters<typeof signedInPage>[3]): Promise<Page> {
  const session = await signedInPage(browser, runtime.url, token, opts);
  sessions.push(session);
  return session.page;
}

/** Picks a decision table's scope in the tree select by typing its name, as a user searches. */
async function pickScope(page: Page, name: string): Promise<void> {
  await page.locator('.ant-select', { has: page.locator('[data-testid=dt-scope]') }).or(page.locator('.ant-select[data-testid=dt-scope]')).first().click();
  await page.keyboard.type(name);
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-title', { hasText: name }).last().click();
}

async function api<T>(path: string, token = adminToken): Promise<T> {
  const res = await fetch(`${runtime.url}/api/v1/counties/${runtime.county}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ensureStudioBuilt();
  runtime = await startE2eRuntime();
  browser = await launchChromium();
  adminToken = await runtime.token('county_admin');
}, 300_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await Promise.all(sessions.map((s, i) => s.page.screenshot({ path: `${SHOTS}/failed-${i}.png`, fullPage: true }).catch(() => {})));
});

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

describe.sequential('scenario: 秸秆焚烧 without JSON', () => {
  let version = 0;
  let before: Doc;

  it('(11) an administrator adds the category, its form, its rules and its time limit, tests, publishes and activates', async () => {
    before = (await api<{ document: Doc }>('/config/active')).document;
    const page = await open(adminToken);
    const user = new UserActions(page);
    const started = Date.now();
    await page.waitForSelector('.versions-table');

    // a draft of the active version
    await user.click('[data-action=new-draft]', 'new draft');
    await page.waitForSelector('.tabs');
    version = Number(/\/configs\/(\d+)/.exec(page.url())![1]);
    expect(await page.locator('.tabs button.on').getAttribute('data-tab')).toBe('categories');

    // the category under 环境保护, with a new form; the designer opens on that form
    await user.click('[data-major=environment] [data-action=add-minor]', 'add minor category');
    await user.fill('[data-testid=add-minor] input[name=minor-code]', CATEGORY, 'code');
    await user.fill('[data-testid=add-minor] input[name=minor-zh]', '秸秆焚烧', 'zh name');
    await user.fill('[data-testid=add-minor] input[name=minor-en]', 'Straw burning', 'en name');
    await user.click('[data-action=confirm-add-minor]', 'add');
    await page.waitForSelector('[data-tab=forms].on');
    await expect.poll(() => new URL(page.url()).searchParams.get('form')).toBe(FORM);
    await page.waitForSelector('[data-testid=no-fields]');

    // material: a required single choice of three
    await user.click('[data-testid=palette] [data-kind=choice]', 'palette: single choice');
    await page.waitForSelector('[data-testid=field-editor-form]');
    await user.fill('[data-testid=field-key]', 'material', 'field key');
    await user.press('[data-testid=field-key]', 'Enter');
    await page.waitForSelector('[data-field=material]');
    await user.fill('[data-testid=field-title-zh]', '焚烧物', 'title zh');
    await user.fill('[data-testid=field-title-en]', 'Material burned', 'title en');
    while ((await page.locator('[data-testid^=option-value-]').count()) < OPTIONS.length) await user.click('[data-testid=option-add]', 'add option');
    // an option's value follows its English label
    for (const [i, o] of OPTIONS.entries()) {
      await user.fill(`[data-testid=option-zh-${i}]`, o.zh, `option ${i} zh`);
      await user.fill(`[data-testid=option-en-${i}]`, o.en, `option ${i} en`);
    }
    for (const [i, o] of OPTIONS.entries()) expect(await page.inputValue(`[data-testid=option-value-${i}]`)).toBe(o.value);
    await user.click('[data-testid=field-required]', 'required');
    await shot(page, 'zh-02-field-editor');
    await user.click('[data-testid=field-editor-done]', 'done');

    // nearHomes: yes/no; its key follows the English title
    await user.click('[data-testid=palette] [data-kind=yesno]', 'palette: yes/no');
    await page.waitForSelector('[data-testid=field-editor-form]');
    await user.fill('[data-testid=field-title-zh]', '是否靠近民房', 'title zh');
    await user.fill('[data-testid=field-title-en]', 'Near homes?', 'title en');
    await page.waitForSelector('[data-field=nearHomes]');
    expect(await page.inputValue('[data-testid=field-key]')).toBe('nearHomes');
    await user.click('[data-testid=field-editor-done]', 'done');
    await page.waitForSelector('[data-testid=field-editor-form]', { state: 'detached' });
    await page.waitForSelector('.form-preview label:has-text("是否靠近民房")');
    await shot(page, 'zh-03-form-builder');

    // the route table of 秸秆焚烧: near homes → the township's law-enforcement platform
    await user.click('[data-tab=rules]', 'rules tab');
    await page.waitForSelector('[data-testid=decision-tables]');
    await user.pickTree('[data-testid=dt-scope]', '秸秆焚烧');
    await user.click('[data-type=route]', 'route table');
    await user.click('[data-testid=dt-add-row]', 'add row');
    await page.waitForSelector('tr[data-row-key=route-1]');
    await user.fill('input[name=name-zh-route-1]', '秸秆焚烧靠近民房派执法', 'rule name zh');
    await user.fill('input[name=name-en-route-1]', 'Straw burning near homes to enforcement', 'rule name en');
    await user.pick('[data-testid=dt-add-column]', '是否靠近民房');
    await user.click('[data-testid=cell-route-1-nearHomes]', 'nearHomes cell');
    await page.waitForSelector('[data-testid=cell-route-1-nearHomes-v0][aria-checked=true]');
    await user.pick('[data-testid=out-target-route-1]', '事发乡镇的综合执法平台');
    await shot(page, 'zh-04-route-table');

    // the grade table: near homes → level 2 (较大)
    await user.click('[data-type=grade]', 'grade table');
    await user.click('[data-testid=dt-add-row]', 'add row');
    await page.waitForSelector('tr[data-row-key=grade-1]');
    await user.fill('input[name=name-zh-grade-1]', '秸秆焚烧靠近民房定为较大', 'rule name zh');
    await user.fill('input[name=name-en-grade-1]', 'Straw burning near homes is serious', 'rule name en');
    await user.pick('[data-testid=dt-add-column]', '是否靠近民房');
    await user.click('[data-testid=cell-grade-1-nearHomes]', 'nearHomes cell');
    await page.waitForSelector('[data-testid=cell-grade-1-nearHomes-v0][aria-checked=true]');
    await user.pick('[data-testid=out-level-grade-1]', '较大');
    await expect.poll(() => page.locator('[data-testid=problem-count]').textContent(), { timeout: 15_000 }).toBe('0');
    await shot(page, 'zh-05-grade-table');

    // level 2 is accepted within 2 hours
    await user.click('[data-tab=time]', 'time limits tab');
    await user.click('[data-time-tab=sla]', 'SLA');
    await user.fill('[data-policy=level-2] input[name=accept-hours]', '2', 'accept hours');
    await page.locator('[data-policy=level-2] input[name=accept-hours]').blur();
    await shot(page, 'zh-06-sla');

    // the bench: a report near homes goes to the Fengxi enforcement platform at level 2
    await user.click('[data-tab=bench]', 'bench tab');
    await user.select('.bench select[name=category]', CATEGORY);
    await user.pickDateTime('#bench-time', '2026-06-18 10:00');
    await user.click(`.place-picker [data-grid=${GRID}]`, 'grid');
    await user.fill('#bench_description, #bench_root_description', '田间焚烧秸秆，浓烟飘向村民住宅', 'description');
    await user.click(':is(#bench_material, #bench_root_material) label:has-text("秸秆")', 'material: straw');
    await user.click(':is(#bench_nearHomes, #bench_root_nearHomes) label:has-text("是")', 'near homes: yes');
    await expect.poll(() => page.locator('[data-testid=decision] [data-field=unit] code').textContent()).toBe(ENFORCEMENT);
    expect(await page.locator('[data-testid=explanation] [data-rule=route-1][data-fired=true]').count()).toBe(1);
    expect(await page.locator('[data-testid=explanation] [data-rule=grade-1][data-fired=true]').count()).toBe(1);
    await shot(page, 'zh-07-bench');
    await user.fill('input[name=case-description]', '靠近民房的秸秆焚烧派镇综合执法平台，较大，2 小时受理', 'test case');
    await user.click('[data-action=save-test]', 'save as test case');

    // every test, then publish and activate
    await user.click('[data-tab=tests]', 'tests tab');
    await user.click('[data-action=run-tests]', 'run tests');
    await expect.poll(() => page.locator('[data-testid=tests-summary]').textContent(), { timeout: 30_000 }).toMatch(/未通过 0|0 failed/);
    await shot(page, 'zh-08-tests');
    await user.click('[data-action=publish]', 'publish');
    await page.waitForSelector('[data-testid=published]', { timeout: 60_000 });
    await user.click('.publish-bar [data-action=activate]', 'activate');
    await page.waitForSelector('.workspace-head .badge-green');
    const seconds = (Date.now() - started) / 1000;
    await shot(page, 'zh-09-active');
    console.log(`scenario 11: ${user.count} user actions, ${seconds.toFixed(1)} s wall time\n  ${user.log.join('\n  ')}`);
    expect(sessions[0].errors).toEqual([]);

    // the stored config is the expected JSON: the active version before, with exactly these changes
    const active = await api<{ version: number; document: Doc }>('/config/active');
    expect(active.version).toBe(version);
    writeFileSync(`${SHOTS}/active-config.json`, JSON.stringify(active.document, null, 2));
    expect(normalised(active.document)).toEqual(normalised(expectedStrawBurningChanges(before)));
  });

  it('(11) a grid worker reports straw burning near homes; it goes to the enforcement platform at level 2, accepted within 2 working hours', async () => {
    const phone = await open(await runtime.token('grid_worker', GRID), { width: 375, height: 760 });
    await phone.waitForSelector('.report-page select[name=category]');
    await phone.selectOption('.report-page select[name=category]', CATEGORY);
    await phone.fill('#report_description, #report_root_description', '田间焚烧秸秆，浓烟飘向村民住宅');
    const grid = phone.locator('.ant-select', { has: phone.locator('[id*=location][id*=grid]') }).first();
    await grid.click();
    await phone.keyboard.type(GRID);
    await phone.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: GRID }).first().click();
    await phone.click(':is(#report_material, #report_root_material) label:has-text("秸秆")');
    await phone.click(':is(#report_nearHomes, #report_root_nearHomes) label:has-text("是")');
    await shot(phone, 'zh-10-report-phone');
    await phone.click('[data-action=submit-report]');
    await phone.waitForSelector('[data-testid=reported]');
    expect(await phone.locator('[data-testid=reported]').textContent()).toContain('较大（2 级）');
    expect(await phone.locator('[data-testid=reported]').textContent()).toContain('凤溪镇综合执法平台');
    await shot(phone, 'zh-11-reported-phone');
    const id = (await phone.locator('[data-testid=reported] a').getAttribute('href'))!.split('/').pop()!;
    const detail = await api<{ event: Record<string, any> }>(`/events/${id}`);
    expect(detail.event).toMatchObject({ category: CATEGORY, level: 2, handlingUnit: ENFORCEMENT, decision: { slaPolicy: 'level-2' } });
    expect(detail.event.sla.clocks.accept).toMatchObject({ clock: 'working', hours: 2 });
  });

  it('(11) every editor, in Chinese and in English', async () => {
    for (const language of ['zh', 'en'] as const) {
      const page = await open(adminToken, { language });
      const base = `${runtime.url}/configs/${version}`;
      const tab = async (name: string, query = '') => {
        await page.goto(`${base}?tab=${name}${query}`);
        await page.waitForSelector('.tabs');
      };
      await tab('categories');
      await page.waitForSelector(`[data-minor=${CATEGORY}]`);
      await shot(page, `${language}-e1-categories`);
      await tab('forms', `&form=${FORM}`);
      await page.waitForSelector('[data-field=nearHomes]');
      await shot(page, `${language}-e2-form-builder`);
      await page.click('[data-field=material] [data-testid=field-edit]');
      await page.waitForSelector('[data-testid=field-editor-form]');
      await shot(page, `${language}-e3-field-editor`);
      await tab('rules');
      await page.waitForSelector('[data-testid=decision-tables]');
      await pickScope(page, language === 'zh' ? '秸秆焚烧' : 'Straw burning');
      await page.click('[data-type=route]');
      await page.waitForSelector('tr[data-row-key=route-1]');
      await shot(page, `${language}-e4-route-table`);
      for (const part of ['sla', 'calendars', 'levels', 'workflow']) {
        await tab('time');
        await page.click(`[data-time-tab=${part}]`);
        await page.waitForTimeout(300);
        await shot(page, `${language}-e5-${part}`);
      }
      await tab('units');
      await shot(page, `${language}-e6-units`);
      await tab('bench');
      await page.waitForSelector('.bench');
      await shot(page, `${language}-e7-bench`);
      await tab('tests');
      await shot(page, `${language}-e8-tests`);
      await page.goto(`${runtime.url}/configs/diff?from=1&to=${version}`);
      await page.waitForSelector('.diff-summary li');
      const summary = (await page.locator('.diff-summary').textContent()) ?? '';
      expect(summary).toContain(language === 'zh' ? '秸秆焚烧' : 'Straw burning');
      await shot(page, `${language}-e9-diff`);
    }
    expect(sessions.flatMap((s) => s.errors)).toEqual([]);
  }, 240_000);

  it('(12) a mistyped rule value cannot be entered in the table; typed into the JSON it is refused at publish, naming the rule', async () => {
    const page = await open(adminToken);
    await page.goto(`${runtime.url}/configs`);
    await page.click('[data-action=new-draft]');
    await page.waitForSelector('.tabs');
    await page.click('[data-tab=rules]');
    await page.waitForSelector('[data-testid=decision-tables]');
    await pickScope(page, '秸秆焚烧');
    await page.click('[data-type=route]');
    await page.waitForSelector('tr[data-row-key=route-1]');
    // yes/no is a switch: there is nothing to type "是" into
    const yesNo = page.locator('[data-testid=cell-route-1-nearHomes-v0]');
    expect(await yesNo.getAttribute('role')).toBe('switch');
    expect(await yesNo.evaluate((el) => el.tagName)).toBe('BUTTON');
    // a choice offers its options by label; "稻草" is not one of them and cannot be chosen
    const user = new UserActions(page);
    await user.pick('[data-testid=dt-add-column]', '焚烧物');
    await page.click('[data-testid=cell-route-1-material]');
    const material = page.locator('.ant-select', { has: page.locator('[data-testid=cell-route-1-material-v0]') }).or(page.locator('.ant-select[data-testid=cell-route-1-material-v0]')).first();
    await material.click();
    await page.keyboard.type('稻草');
    await page.waitForSelector('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-empty, .ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-empty');
    // the material's dropdown (the column picker's may still be closing under load)
    const materialDropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)', { has: page.locator('.ant-select-item-empty, .ant-empty') });
    expect(await materialDropdown.locator('.ant-select-item-option').count()).toBe(0);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await shot(page, 'zh-12-choice-cell');
    await page.click('[data-action=save]');
    await expect.poll(async () => {
      const draft = await api<{ document: Doc }>(`/configs/${version + 1}`);
      const rule = draft.document.rules.find((r: Doc) => r.id === 'route-1');
      return JSON.stringify(rule.conditions);
    }, { timeout: 15_000 }).not.toContain('稻草');

    // typed into the JSON by hand: the compiler names the rule, and publishing is refused
    await page.click('[data-tab=sections]');
    await page.click('[data-section=rules]');
    const typo = { id: 'near-homes-typed', name: { zh: '靠近民房派执法（手写）', en: 'Near homes to enforcement (typed)' }, priority: 150, scope: { category: CATEGORY }, conditions: { all: [{ fact: 'nearHomes', operator: 'equal', value: '是' }] }, event: { type: 'route', params: { target: { type: 'platform', platform: 'enforcement' } } } };
    await insertAfterFirstLine(page, 'config-rules.json', `${JSON.stringify(typo)},`);
    await expect.poll(() => page.locator('[data-testid=problem-count]').textContent(), { timeout: 15_000 }).not.toBe('0');
    await page.click('[data-action=publish]');
    await page.waitForSelector('[data-testid=publish-refused]');
    const refused = (await page.locator('[data-testid=publish-refused]').textContent()) ?? '';
    expect(refused).toContain('靠近民房派执法（手写）');
    expect(refused).toContain('nearHomes');
    await shot(page, 'zh-13-publish-refused');
    const versions = await api<{ versions: Array<{ version: number; status: string }> }>('/configs');
    expect(versions.versions.find((v) => v.version === version + 1)?.status).toBe('draft');
  });
});

