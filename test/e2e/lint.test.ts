/**
 * The lint tab in Debian's Chromium against a real runtime on SQLite: the baseline config's
 * coverage at level 3 names the rule that routes food poisoning in Fengxi (no ? : it always
 * fires there) and the default time limit; its two conflicts of equal priority are listed, and a
 * rule link opens the rules section at that rule. Screenshots in zh (desktop) and en (phone)
 * under test-results/e2e/lint/.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, signedInPage, type SignedInPage } from './support/browser';
import { startE2eRuntime, type E2eRuntime } from './support/runtime';
import { ensureStudioBuilt } from './support/studio-build';
import { blurFocus, SHOTS_WANTED } from './support/shots';

const SHOTS = 'test-results/e2e/lint';
const CELL = '[data-cell="food-poisoning|qs-fx"]';

let runtime: E2eRuntime;
let browser: Browser;
const sessions: SignedInPage[] = [];

async function open(opts: Parameters<typeof signedInPage>[3]): Promise<Page> {
  const session = await signedInPage(browser, runtime.url, await runtime.token('county_admin'), opts);
  sessions.push(session);
  return session.page;
}

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS_WANTED) return blurFocus(page);
  await page.waitForTimeout(250);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ensureStudioBuilt();
  runtime = await startE2eRuntime();
  browser = await launchChromium();
}, 300_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  const name = ctx.task.name.slice(0, 12).replace(/[^a-z]/gi, '');
  await Promise.all(sessions.map((s, i) => s.page.screenshot({ path: `${SHOTS}/failed-${name}-${i}.png`, fullPage: true }).catch(() => {})));
});

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

describe.sequential('the lint tab', () => {
  it('zh: a known cell at level 3, the two conflicts, and a rule link to the rules section', async () => {
    const page = await open({ width: 1360, height: 900, language: 'zh' });
    await page.goto(`${runtime.url}/configs/1?tab=lint`);
    await page.locator('.lint-controls .ant-segmented-item', { hasText: '3 重大' }).click();
    const route = page.locator(`${CELL} [data-type=route]`);
    await expect.poll(() => route.textContent(), { timeout: 30_000 }).toBe('流转r-poisoning-market-dept');
    expect(await page.locator(`${CELL} [data-type=sla] .lint-default`).textContent()).toBe('默认 食物中毒处置时限');
    expect(await page.locator(`${CELL} [data-type=grade] .lint-rule`).allTextContents()).toContain('g-poisoning-10?');
    // with no place the township's command room has no unit: struck through, the county command centre by default
    const nowhere = page.locator('[data-cell="dispute-neighbor|"] [data-type=route]');
    expect(await nowhere.locator('.lint-rule.no-unit').textContent()).toBe('r-l3-township-command');
    expect(await nowhere.locator('.lint-default').textContent()).toBe('默认 青山县社会治理综合指挥中心');
    const conflicts = page.locator('[data-testid=lint-conflicts] li');
    expect(await conflicts.count()).toBe(2);
    expect(await page.locator('[data-testid=lint-conflicts]').textContent()).toContain('r-road-police');
    expect(await page.locator('[data-testid=lint-conflicts] li p').first().textContent()).toMatch(/优先级相同/);
    expect(await page.locator('[data-testid=lint-never-firing] li').count()).toBe(0);
    await shot(page, '01-lint-zh');
    if (SHOTS_WANTED) await page.locator('[data-testid=lint-conflicts]').screenshot({ path: `${SHOTS}/02-conflicts-zh.png` });
    await page.locator('[data-testid=lint-conflicts] [data-rule=r-road-police]').first().click();
    await expect.poll(() => new URL(page.url()).searchParams.get('section')).toBe('rules');
    expect(new URL(page.url()).searchParams.get('tab')).toBe('sections');
    await shot(page, '05-rule-opened-zh');
  });

  it('en on a phone: the table scrolls sideways, labels in English', async () => {
    const page = await open({ width: 390, height: 844, language: 'en' });
    await page.goto(`${runtime.url}/configs/1?tab=lint`);
    await page.locator('.lint-controls .ant-segmented-item', { hasText: '3 Major' }).click();
    await expect.poll(() => page.locator(`${CELL} [data-type=route]`).textContent(), { timeout: 30_000 }).toBe('Router-poisoning-market-dept');
    const scroll = page.locator('.lint-scroll');
    const widths = await scroll.evaluate((el) => ({ client: el.clientWidth, scroll: el.scrollWidth, page: document.documentElement.scrollWidth }));
    expect(widths.scroll).toBeGreaterThan(widths.client);
    // the page itself does not scroll sideways: only the table does
    expect(widths.page).toBeLessThanOrEqual(390);
    expect(await page.locator('[data-testid=lint-conflicts] h3').textContent()).toMatch(/^Conflicts of equal priority/);
    await shot(page, '03-lint-en-phone');
    if (SHOTS_WANTED) await page.locator('[data-testid=lint-conflicts]').screenshot({ path: `${SHOTS}/04-conflicts-en-phone.png` });
  });
});
