/**
 * Importing people on the people page, in Debian's Chromium against a real runtime on SQLite: a
 * file with a grid worker placed in a village shows that row's problem and import stays disabled;
 * the fixed file creates the accounts, shows each temporary password once, and the people table
 * lists them. Screenshots (zh desktop, en phone) go to test-results/e2e/people-import/.
 */
import { mkdirSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { PEOPLE_COLUMN_KEYS, PEOPLE_COLUMNS } from '../../runtime/imports/people-rows';
import { launchChromium, signedInPage, type SignedInPage } from './support/browser';
import { startE2eRuntime, type E2eRuntime } from './support/runtime';
import { ensureStudioBuilt } from './support/studio-build';
import { SHOTS_WANTED } from './support/shots';

const SHOTS = 'test-results/e2e/people-import';
const header = PEOPLE_COLUMN_KEYS.map((k) => PEOPLE_COLUMNS[k].header);

async function xlsx(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('人员');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

let runtime: E2eRuntime;
let browser: Browser;
const sessions: SignedInPage[] = [];

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

describe.sequential('people import in the studio', () => {
  it.each([
    { language: 'zh' as const, width: 1360, height: 900, phone: '1380000', says: /网格员须属于网格/ },
    { language: 'en' as const, width: 375, height: 812, phone: '1390000', says: /must be a grid/ },
  ])('($language, $width px) shows the bad row, then creates the accounts with their temporary passwords', async ({ language, width, height, phone, says }) => {
    const session = await signedInPage(browser, runtime.url, await runtime.token('county_admin'), { language, width, height });
    sessions.push(session);
    const page = session.page;
    await page.click('.main-nav a[href="/accounts"]');
    await page.waitForSelector('.people-page');
    await page.click('[data-action=import-people]');
    await page.waitForSelector('[data-testid=people-import]');
    const good = [
      ['李晓燕', `${phone}1001`, '网格员', 'qs-fx-v01-g1'],
      ['王志刚', `${phone}1002`, '网格员', '凤溪村第二网格'],
    ];
    const choose = async (rows: string[][]) => {
      await page.setInputFiles('[data-testid=people-import] input[type=file]', { name: 'people.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await xlsx(rows) });
      await page.waitForSelector('[data-testid=people-import-preview]');
    };
    await choose([good[0], ['王志刚', `${phone}1002`, '网格员', 'qs-fx-v01']]);
    const errorRow = page.locator('[data-testid=import-errors] tbody tr.import-error-row');
    await errorRow.first().waitFor();
    const cells = await errorRow.locator('td').allTextContents();
    expect(cells.slice(0, 2)).toEqual(['3', '所属单位/网格']);
    expect(cells[2]).toMatch(says);
    expect(await page.locator('[data-action=apply-people-import]').isDisabled()).toBe(true);
    if (SHOTS_WANTED) await page.screenshot({ path: `${SHOTS}/${language}-${width}-1-bad-row.png`, fullPage: true });

    await choose(good);
    await page.waitForSelector('[data-testid=import-errors]', { state: 'detached' });
    await page.click('[data-action=apply-people-import]');
    await page.waitForSelector('[data-testid=people-import-done]');
    const passwords = await page.locator('[data-testid=people-import-done] tbody code').allTextContents();
    expect(passwords).toHaveLength(2);
    if (SHOTS_WANTED) await page.screenshot({ path: `${SHOTS}/${language}-${width}-2-created.png`, fullPage: true });
    await page.click('.ant-modal-footer button:not([data-action])');
    await expect.poll(() => page.locator('.people-page .ant-table').first().textContent()).toContain('王志刚');
    const signIn = await fetch(`${runtime.url}/api/v1/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ county: runtime.county, login: good[0][1], password: passwords[0] }) });
    expect(signIn.status).toBe(200);
    expect(session.errors).toEqual([]);
  });
});
