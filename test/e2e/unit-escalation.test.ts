/**
 * Escalation by event in the units tab, in Debian's Chromium against a real runtime on SQLite:
 * the catalog's county command centre shows its mapping (department of the matching domain,
 * county government otherwise) in the page's language; a row "level is 4 → county government"
 * added in the table lands in the draft. Screenshots (zh desktop, en phone) go to
 * test-results/e2e/unit-escalation/.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, signedInPage, type SignedInPage } from './support/browser';
import { startE2eRuntime, type E2eRuntime } from './support/runtime';
import { ensureStudioBuilt } from './support/studio-build';
import { SHOTS_WANTED } from './support/shots';

const SHOTS = 'test-results/e2e/unit-escalation';
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

describe.sequential('escalation by event in the unit editor', () => {
  it.each([
    { language: 'zh' as const, width: 1360, height: 900, title: /按事件确定上报对象/, level: /^4 特别重大$/ },
    { language: 'en' as const, width: 375, height: 812, title: /where events escalate, by event/, level: /^4 Extraordinary$/ },
  ])('($language, $width px) shows the county command centre’s mapping and adds a row to the draft', async ({ language, width, height, title, level }) => {
    const token = await runtime.token('county_admin');
    const session = await signedInPage(browser, runtime.url, token, { language, width, height });
    sessions.push(session);
    const { page } = session;
    await page.waitForSelector('.versions-table');
    await page.click('[data-action=new-draft]');
    await page.waitForSelector('.tabs');
    const version = Number(/\/configs\/(\d+)/.exec(page.url())![1]);
    await page.click('[data-tab=units]');
    await page.click('li[data-unit=county-cmd] > .unit-row [data-action=edit-escalation]');
    const editor = page.locator('[data-escalation=county-cmd]');
    await editor.waitFor();
    expect(await editor.locator('h4').textContent()).toMatch(title);
    expect(await editor.locator('input[name=escalation-match-domain]').isChecked()).toBe(true);
    expect(await editor.locator('select[name=escalation-default]').inputValue()).toBe('county-gov');

    await editor.locator('[data-action=add-escalation-row]').click();
    const row = editor.locator('[data-escalation-row="0"]');
    const [when, value, target] = [row.locator('select').nth(0), row.locator('select').nth(1), row.locator('select').nth(2)];
    await when.selectOption('level');
    await value.selectOption('4');
    expect((await value.locator('option:checked').textContent())?.trim()).toMatch(level);
    await target.selectOption('county-gov');
    await editor.scrollIntoViewIfNeeded();
    if (SHOTS_WANTED) await page.screenshot({ path: `${SHOTS}/${language}-${width}-table.png`, fullPage: true });
    await editor.locator('[data-action=apply-escalation]').click();
    await editor.waitFor({ state: 'detached' });
    // reopened, the table shows the row from the draft
    await page.click('li[data-unit=county-cmd] > .unit-row [data-action=edit-escalation]');
    expect(await editor.locator('[data-escalation-row="0"] select').nth(0).inputValue()).toBe('level');
    await page.click('[data-escalation=county-cmd] [data-action=apply-escalation]');
    await editor.waitFor({ state: 'detached' });
    await page.click('[data-action=save]');
    // saving is done when the stored draft has it
    const storedEscalation = async () => {
      const stored = await fetch(`${runtime.url}/api/v1/counties/${runtime.county}/configs/${version}`, { headers: { authorization: `Bearer ${token}` } });
      const units = ((await stored.json()) as { document: { units: Array<{ id: string; escalation?: unknown }> } }).document.units;
      return units.find((u) => u.id === 'county-cmd')!.escalation;
    };
    await expect.poll(storedEscalation, { timeout: 15_000 }).toEqual({ byLevel: { '4': 'county-gov' }, matchDomain: true, default: 'county-gov' });
    expect(session.errors).toEqual([]);
  });
});
