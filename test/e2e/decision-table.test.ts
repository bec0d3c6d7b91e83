/**
 * The rules tab in Chromium: a county administrator picks a category and a decision type, adds a
 * row (a yes/no fact = yes → a unit), edits a cell, reorders, duplicates and deletes, adds a
 * grade row (level 2), sees the draft change (saved and read back through the API), and the
 * test bench explains a miss and links the winning rule to its highlighted row. Screenshots in
 * zh and en, desktop and phone width, under test-results/e2e/decision-table/.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, signedInPage, type SignedInPage } from './support/browser';
import { startE2eRuntime, type E2eRuntime } from './support/runtime';
import { ensureStudioBuilt } from './support/studio-build';
import { pickDateTime } from './support/antd';
import { blurFocus, SHOTS_WANTED } from './support/shots';

const SHOTS = 'test-results/e2e/decision-table';
const CATEGORY = 'env-water';
const CATEGORY_ZH = '水体污染';
const GRID = 'qs-fx-v01-g1';

let runtime: E2eRuntime;
let browser: Browser;
let token = '';
const sessions: SignedInPage[] = [];

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS_WANTED) return blurFocus(page);
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function open(opts: Parameters<typeof signedInPage>[3] = {}): Promise<Page> {
  const session = await signedInPage(browser, runtime.url, token, opts);
  sessions.push(session);
  return session.page;
}

/** Opens an antd select (by the test id on it or inside it) and clicks the option showing `label`. */
async function pick(page: Page, testId: string, label: string | RegExp, search?: string): Promise<void> {
  const target = page.locator(`[data-testid="${testId}"]`).first();
  const select = page.locator('.ant-select', { has: target }).or(page.locator(`.ant-select[data-testid="${testId}"]`)).first();
  await select.click();
  // long lists are virtual: type to bring the option into the list, as a user searches
  if (search) await page.keyboard.type(search);
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: label }).first();
  await option.scrollIntoViewIfNeeded();
  await option.click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' }).catch(() => undefined);
}

/** Picks the table's scope in the tree select by typing its name, as a user searches. */
async function pickScope(page: Page, name: string): Promise<void> {
  await page.locator('.ant-select', { has: page.locator('[data-testid=dt-scope]') }).or(page.locator('.ant-select[data-testid=dt-scope]')).first().click();
  await page.keyboard.type(name);
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-title', { hasText: name }).last().click();
}

const rowIds = (page: Page) => page.locator('[data-testid=decision-table] tbody tr[data-row-key]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row-key')));

async function storedRules(version: number): Promise<Array<Record<string, any>>> {
  const res = await fetch(`${runtime.url}/api/v1/counties/${runtime.county}/configs/${version}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { document: { rules: Array<Record<string, any>> } }).document.rules;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ensureStudioBuilt();
  runtime = await startE2eRuntime();
  browser = await launchChromium();
  token = await runtime.token('county_admin');
}, 300_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await Promise.all(sessions.map((s, i) => s.page.screenshot({ path: `${SHOTS}/failed-${i}.png`, fullPage: true }).catch(() => {})));
});

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

describe.sequential('decision tables', () => {
  let version = 0;

  it('adds, edits, reorders, duplicates and deletes rows; the draft follows', async () => {
    const page = await open();
    await page.waitForSelector('.versions-table');
    await page.click('[data-action=new-draft]');
    await page.waitForSelector('.tabs');
    version = Number(/configs\/(\d+)/.exec(page.url())?.[1]);
    expect(version).toBeGreaterThan(1);
    await page.click('[data-tab=rules]');
    await page.waitForSelector('[data-testid=decision-tables]');
    await pickScope(page, CATEGORY_ZH);
    await page.click('[data-type=route]');
    await expect.poll(() => rowIds(page)).toEqual(['r-drinking-water-env']);
    // a yes/no field is a switch: no text can be typed into it
    expect(await page.locator('[data-testid=cell-r-drinking-water-env-drinkingWaterSource-v0]').getAttribute('role')).toBe('switch');

    // a new row: drinking-water source = yes → the Fengxi enforcement platform
    await page.click('[data-testid=dt-add-row]');
    await expect.poll(() => rowIds(page)).toEqual(['r-drinking-water-env', 'route-1']);
    await page.fill('input[name=name-zh-route-1]', '饮用水源污染派执法平台');
    await page.fill('input[name=name-en-route-1]', 'Drinking water: enforcement platform');
    await page.click('[data-testid=cell-route-1-drinkingWaterSource]');
    await page.waitForSelector('[data-testid=cell-route-1-drinkingWaterSource-v0][aria-checked=true]');
    await pick(page, 'out-target-route-1', '凤溪镇综合执法平台');
    // edit a cell: a second condition on people affected, then change its value
    await pick(page, 'dt-add-column', 'peopleAffected', 'people');
    await page.click('[data-testid=cell-route-1-peopleAffected]');
    const people = page.locator('input[data-testid=cell-route-1-peopleAffected-v0], [data-testid=cell-route-1-peopleAffected-v0] input').first();
    await people.fill('100');
    await people.blur();
    await pick(page, 'cell-route-1-peopleAffected-op0', '大于等于');
    // the new row is shadowed by the first (same condition, higher priority): said on the row
    await page.waitForSelector('[data-testid=row-problem-r-drinking-water-env], [data-testid=row-problem-route-1]', { timeout: 15_000 }).catch(() => undefined);
    await shot(page, 'zh-desktop-route-table');

    // reorder: up moves the new row first; priority follows
    await page.click('[data-testid=up-route-1]');
    await expect.poll(() => rowIds(page)).toEqual(['route-1', 'r-drinking-water-env']);
    // duplicate, then delete the copy
    await page.click('[data-testid=duplicate-route-1]');
    await expect.poll(() => rowIds(page)).toEqual(['route-1', 'route-2', 'r-drinking-water-env']);
    await page.click('[data-testid=delete-route-2]');
    await page.click('.ant-popconfirm [data-testid=confirm-delete], .ant-popover [data-testid=confirm-delete]');
    await expect.poll(() => rowIds(page)).toEqual(['route-1', 'r-drinking-water-env']);
    // drag the first row below the second
    const handle = page.locator('tr[data-row-key=route-1] [data-testid=drag-handle]');
    const target = page.locator('tr[data-row-key=r-drinking-water-env]');
    const from = (await handle.boundingBox())!;
    const to = (await target.boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2, from.y + 20, { steps: 4 });
    await page.mouse.move(to.x + 40, to.y + to.height - 4, { steps: 12 });
    await page.mouse.up();
    await expect.poll(() => rowIds(page)).toEqual(['r-drinking-water-env', 'route-1']);
    await page.click('[data-testid=up-route-1]');
    await expect.poll(() => rowIds(page)).toEqual(['route-1', 'r-drinking-water-env']);

    // a grade row: level 2 when the source is affected
    await page.click('[data-type=grade]');
    await page.click('[data-testid=dt-add-row]');
    await page.waitForSelector('tr[data-row-key=grade-1]');
    await page.click('[data-testid=cell-grade-1-drinkingWaterSource]');
    await pick(page, 'out-level-grade-1', '较大');
    await shot(page, 'zh-desktop-grade-table');

    // saved, the stored draft holds exactly what the table shows
    await page.click('[data-action=save]');
    await expect.poll(async () => (await storedRules(version)).some((r) => r.id === 'grade-1'), { timeout: 15_000 }).toBe(true);
    const rules = await storedRules(version);
    const added = rules.find((r) => r.id === 'route-1')!;
    const original = rules.find((r) => r.id === 'r-drinking-water-env')!;
    expect(added).toMatchObject({
      name: { zh: '饮用水源污染派执法平台', en: 'Drinking water: enforcement platform' },
      scope: { category: CATEGORY },
      conditions: { all: [{ fact: 'drinkingWaterSource', operator: 'equal', value: true }, { fact: 'peopleAffected', operator: 'greaterThanInclusive', value: 100 }] },
      event: { type: 'route', params: { target: { type: 'unit', unit: 'qs-fx-enf' } } },
    });
    expect(added.priority).toBeGreaterThan(original.priority);
    expect(rules.some((r) => r.id === 'route-2')).toBe(false);
    expect(rules.find((r) => r.id === 'grade-1')).toMatchObject({ scope: { category: CATEGORY }, conditions: { all: [{ fact: 'drinkingWaterSource', operator: 'equal', value: true }] }, event: { type: 'grade', params: { level: 2 } } });

    // the JSON view shows the same rule
    await page.click('[data-tab=sections]');
    await page.click('[data-section=rules]');
    await page.waitForSelector('.json-editor[data-file="config-rules.json"] .view-lines');

    // the bench: a report that misses the new rule says which condition failed, and why
    await page.click('[data-tab=bench]');
    await page.selectOption('.bench select[name=category]', CATEGORY);
    await pickDateTime(page, '#bench-time', '2026-06-18 10:00');
    await page.click(`.place-picker [data-grid=${GRID}]`);
    await page.fill('#bench_description, #bench_root_description', '河道出现大量死鱼');
    await page.waitForSelector('[data-testid=bench-rules] [data-rule=route-1][data-fired=false]');
    const failed = page.locator('[data-testid=failed-route-1]').first();
    await expect.poll(() => failed.textContent()).toMatch(/drinkingWaterSource/);
    await shot(page, 'zh-desktop-bench');

    // the winning grade/route rule links to its row, highlighted
    await page.locator('.ant-form-item', { hasText: '是否影响饮用水水源' }).last().getByText('是', { exact: true }).click();
    await page.fill('#bench_peopleAffected, #bench_root_peopleAffected', '500');
    await page.waitForSelector('[data-testid=bench-rules] [data-rule=route-1][data-winner=true]');
    await page.click('[data-testid=winner-link-route-1]');
    await page.waitForSelector('[data-testid=decision-table] tr.dt-row-highlight[data-row-key=route-1]');
    await shot(page, 'zh-desktop-highlight');
    // back on the bench, the sample is still there
    await page.click('[data-tab=bench]');
    await page.waitForSelector('[data-testid=bench-rules] [data-rule=route-1][data-winner=true]');
    expect(await page.locator('.bench select[name=category]').inputValue()).toBe(CATEGORY);
  }, 240_000);

  it('reads the same in English and on a phone', async () => {
    const scenarios: Array<{ name: string; opts: Parameters<typeof signedInPage>[3] }> = [
      { name: 'en-desktop', opts: { language: 'en' } },
      { name: 'zh-phone', opts: { width: 390, height: 844 } },
      { name: 'en-phone', opts: { width: 390, height: 844, language: 'en' } },
    ];
    for (const { name, opts } of scenarios) {
      const page = await open(opts);
      await page.goto(`${runtime.url}/configs/${version}?tab=rules&scope=category:${CATEGORY}&type=route`);
      await page.waitForSelector('[data-testid=decision-table] tr[data-row-key=route-1]');
      await shot(page, `${name}-route-table`);
      await page.goto(`${runtime.url}/configs/${version}?tab=rules&scope=all&type=tag&rule=t-night`);
      await page.waitForSelector('tr.dt-row-highlight[data-row-key=t-night]');
      await page.click('[data-testid=open-builder-t-night]');
      await page.waitForSelector('[data-testid=condition-builder] .ruleGroup');
      await shot(page, `${name}-condition-builder`);
      await page.keyboard.press('Escape');
    }
  }, 240_000);
});
