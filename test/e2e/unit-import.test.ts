/**
 * Importing grids from a spreadsheet in the units tab, in Debian's Chromium against a real
 * runtime on SQLite: an XLSX with one bad row shows that row's problem (row, column, message in
 * the page's language) and import stays disabled; the fixed file imports, and the unit tree shows
 * the new village and its grids. Screenshots (zh desktop, en phone) go to test-results/e2e/unit-import/.
 */
import { mkdirSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { UNIT_COLUMN_KEYS, UNIT_COLUMNS } from '../../runtime/imports/unit-columns';
import { launchChromium, signedInPage, type SignedInPage } from './support/browser';
import { startE2eRuntime, type E2eRuntime } from './support/runtime';
import { ensureStudioBuilt } from './support/studio-build';
import { SHOTS_WANTED } from './support/shots';

const SHOTS = 'test-results/e2e/unit-import';
const header = UNIT_COLUMN_KEYS.map((k) => UNIT_COLUMNS[k].header);
const good = [
  ['凤溪镇', 'qs-fx-v20', '新塘村', 'Xintang Village', '村', 'qs-fx-v20-g1', '新塘村第一网格', 'Xintang Grid 1', '陈建国', '李晓燕、王志刚', ''],
  ['凤溪镇', 'qs-fx-v20', '', '', '', 'qs-fx-v20-g2', '新塘村第二网格', 'Xintang Grid 2', '吴芳', '郑强', '赵丽华'],
];
/** the second row names its village by a mistyped id */
const bad = [good[0], ['凤溪镇', 'qs-fx-v2O', '', '', '', 'qs-fx-v20-g2', '新塘村第二网格', 'Xintang Grid 2', '吴芳', '郑强', '赵丽华']];

async function xlsx(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('单位');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

let runtime: E2eRuntime;
let browser: Browser;
const sessions: SignedInPage[] = [];

async function open(token: string, opts?: Parameters<typeof signedInPage>[3]): Promise<Page> {
  const session = await signedInPage(browser, runtime.url, token, opts);
  sessions.push(session);
  return session.page;
}

async function choose(page: Page, name: string, rows: string[][]): Promise<void> {
  await page.setInputFiles('[data-testid=unit-import] input[type=file]', { name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await xlsx(rows) });
  await page.waitForSelector('[data-testid=unit-import-preview]');
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ensureStudioBuilt();
  runtime = await startE2eRuntime();
  browser = await launchChromium();
}, 300_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await Promise.all(sessions.map((s, i) => s.page.screenshot({ path: `${SHOTS}/failed-${i}.png`, fullPage: true }).catch(() => {})));
});

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

describe.sequential('units import in the studio', () => {
  it.each([
    { language: 'zh' as const, width: 1360, height: 900, row: '3', column: '村（社区）编号', says: /qs-fx-v2O.*既不在文件中/ },
    { language: 'en' as const, width: 375, height: 812, row: '3', column: '村（社区）编号', says: /qs-fx-v2O.*neither in the file/ },
  ])('($language, $width px) shows the bad row, imports the fixed file, and the tree shows the new grids', async ({ language, width, height, row, column, says }) => {
    const token = await runtime.token('county_admin');
    const page = await open(token, { language, width, height });
    await page.waitForSelector('.versions-table');
    await page.click('[data-action=new-draft]');
    await page.waitForSelector('.tabs');
    const version = Number(/\/configs\/(\d+)/.exec(page.url())![1]);
    await page.click('[data-tab=units]');
    await page.click('[data-action=import-units]');
    await page.waitForSelector('[data-testid=unit-import]');

    await choose(page, 'grids-bad.xlsx', bad);
    const errorRow = page.locator('[data-testid=unit-import-errors] tbody tr.import-error-row');
    await errorRow.first().waitFor();
    expect(await errorRow.count()).toBe(1);
    const cells = await errorRow.locator('td').allTextContents();
    expect(cells[0]).toBe(row);
    expect(cells[1]).toBe(column);
    expect(cells[2]).toMatch(says);
    expect(await page.locator('[data-action=apply-unit-import]').isDisabled()).toBe(true);
    if (SHOTS_WANTED) await page.screenshot({ path: `${SHOTS}/${language}-${width}-1-bad-row.png`, fullPage: true });

    await choose(page, 'grids.xlsx', good);
    await page.waitForSelector('[data-testid=unit-import-errors]', { state: 'detached' });
    expect(await page.locator('[data-testid=unit-import-preview]').textContent()).toMatch(language === 'zh' ? /新增 3 个单位/ : /3 units to add/);
    await page.click('[data-action=apply-unit-import]');
    await page.waitForSelector('[data-testid=unit-import-done]');
    if (SHOTS_WANTED) await page.screenshot({ path: `${SHOTS}/${language}-${width}-2-imported.png`, fullPage: true });
    await page.click('.ant-modal-footer button:not([data-action])');
    await page.waitForSelector('[data-testid=unit-import]', { state: 'hidden' });

    // the tree, reloaded from the draft: the new village under 凤溪镇, its two grids inside
    const village = page.locator('li[data-unit=qs-fx-v20]');
    await village.waitFor();
    await village.locator(':scope > .unit-row .twisty').click();
    await page.waitForSelector('li[data-unit=qs-fx-v20-g2]');
    expect(await page.locator('li[data-unit=qs-fx-v20] li[data-unit]').count()).toBe(2);
    await village.scrollIntoViewIfNeeded();
    if (SHOTS_WANTED) await page.screenshot({ path: `${SHOTS}/${language}-${width}-3-tree.png`, fullPage: true });

    const stored = await fetch(`${runtime.url}/api/v1/counties/${runtime.county}/configs/${version}`, { headers: { authorization: `Bearer ${token}` } });
    const units = ((await stored.json()) as { document: { units: Array<{ id: string; parent?: string }> } }).document.units;
    expect(units.filter((u) => u.parent === 'qs-fx-v20').map((u) => u.id)).toEqual(['qs-fx-v20-g1', 'qs-fx-v20-g2']);
    expect(sessions.at(-1)!.errors).toEqual([]);
  });
});
