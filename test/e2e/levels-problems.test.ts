/**
 * Levels, problems and test-case times in the studio, in Debian's Chromium against a real
 * runtime on SQLite: a draft declaring a fifth level offers it by name wherever a level is chosen;
 * its compile problems — an unknown key in a unit and a dangling form in a category — are listed
 * together, each naming its item, in Chinese and in English; a test case with a wrong deadline
 * fails showing local ISO 8601 times; the worklist's level filter and badges show level names.
 * Screenshots in zh and en, desktop and phone, under test-results/e2e/levels/.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, signedInPage, type SignedInPage } from './support/browser';
import { startE2eRuntime, type E2eRuntime } from './support/runtime';
import { ensureStudioBuilt } from './support/studio-build';
import { blurFocus, SHOTS_WANTED } from './support/shots';

const SHOTS = 'test-results/e2e/levels';
const GRID = 'qs-fx-v01-g1';

let runtime: E2eRuntime;
let browser: Browser;
const sessions: SignedInPage[] = [];

async function api(method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${runtime.url}/api/v1/counties/${runtime.county}${path}`, {
    method,
    headers: { Authorization: `Bearer ${await runtime.token('county_admin')}`, 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return res.json();
}

async function open(token: string, opts?: Parameters<typeof signedInPage>[3]): Promise<Page> {
  const session = await signedInPage(browser, runtime.url, token, opts);
  sessions.push(session);
  return session.page;
}

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS_WANTED) return blurFocus(page);
  await page.waitForTimeout(250);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/** A draft copied from the active version, changed by `edit`; its version number. */
async function draftWith(edit: (document: any) => void): Promise<number> {
  const { version } = await api('POST', '/configs', { copyOf: 1 });
  const { document } = await api('GET', `/configs/${version}`);
  edit(document);
  await api('PUT', `/configs/${version}`, { document });
  return version;
}

const FIFTH = { level: 5, name: { zh: '特急', en: 'Critical' } };

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

describe.sequential('levels, problems and test times in the studio', () => {
  let version = 0;
  let unitId = '';
  let unitIndex = 0;

  it('lists every problem at once, each naming its item, in Chinese and in English', async () => {
    version = await draftWith((doc) => {
      doc.levels = [...doc.levels, FIFTH];
      unitIndex = doc.units.findIndex((u: { kind: string }) => u.kind === 'grid');
      unitId = doc.units[unitIndex].id;
      doc.units[unitIndex].parnet = 'x';
      doc.categories[0].children[0].form = 'missing-form';
    });
    const admin = await open(await runtime.token('county_admin'));
    await admin.goto(`${runtime.url}/configs/${version}`);
    await expect.poll(() => admin.locator('[data-testid=problem-count]').textContent(), { timeout: 30_000 }).toBe('2');
    const messages = () => admin.locator('.problems-list .problem-message').allTextContents();
    expect(await messages()).toEqual([`单位 ${unitId}：未知的键“parnet”（请检查拼写；未知的键从不被忽略）`, expect.stringMatching(/^小类 \S+「[^」]+」：表单“missing-form”不存在$/)]);
    await shot(admin, '01-problems-zh');
    await admin.click('[data-lang=en]');
    await expect.poll(messages).toEqual([`unit ${unitId}: unknown key "parnet" (check its spelling; unknown keys are never ignored)`, expect.stringMatching(/^category \S+ "[^"]+": form "missing-form" does not exist$/)]);
    await shot(admin, '02-problems-en');
    // the levels section has a JSON tab of its own
    await admin.click('[data-tab=sections]');
    await admin.waitForSelector('text=Levels');
    await admin.click('[data-lang=zh]');
  });

  it('offers the declared levels by name where a category\'s level is chosen', async () => {
    const admin = sessions[0].page;
    await admin.click('[data-tab=categories]');
    const options = await admin.locator('.category-tree select[data-field=level]').first().locator('option').allTextContents();
    expect(options).toEqual(['1 一般', '2 较大', '3 重大', '4 特别重大', '5 特急']);
    await shot(admin, '03-category-levels-zh');
    const phone = await open(await runtime.token('county_admin'), { width: 390, height: 844, language: 'en' });
    await phone.goto(`${runtime.url}/configs/${version}`);
    await expect.poll(() => phone.locator('[data-testid=problem-count]').textContent(), { timeout: 30_000 }).toBe('2');
    await shot(phone, '04-problems-en-phone');
  });

  it('a test case with a wrong deadline fails, showing local ISO 8601 times', async () => {
    const tests = await draftWith((doc) => {
      doc.tests[0].expected.acceptDue = '2026-03-10T12:00:00+08:00';
      doc.tests[0].expected.reminders = [{ of: 'resolve', at: '2026-03-16T13:00:00+08:00' }];
    });
    const admin = sessions[0].page;
    await admin.goto(`${runtime.url}/configs/${tests}?tab=tests`);
    await admin.click('[data-tab=tests]');
    await admin.click('.tests-panel [data-action=run-tests]');
    await expect.poll(() => admin.locator('[data-testid=tests-summary]').textContent(), { timeout: 30_000 }).toMatch(/未通过 1|1 failed/);
    const failure = admin.locator('.test-results li.fail');
    const text = (await failure.textContent()) ?? '';
    expect(text).toContain('acceptDue');
    expect(text).toContain('2026-03-10T12:00:00+08:00');
    expect(text).toContain('2026-03-11T10:30:00+08:00');
    expect(text).not.toMatch(/\d{13}/);
    expect(text).not.toMatch(/Z\b/);
    // a timer is its clock and its time, one a line
    expect(await failure.locator('tr', { hasText: 'reminders' }).locator('code').allTextContents()).toEqual(['resolve 2026-03-16T13:00:00+08:00', 'resolve 2026-03-16T13:30:00+08:00']);
    await shot(admin, '05-test-times-zh');
    const phone = await open(await runtime.token('county_admin'), { width: 390, height: 844, language: 'en' });
    await phone.goto(`${runtime.url}/configs/${tests}`);
    await phone.click('[data-tab=tests]');
    await phone.click('.tests-panel [data-action=run-tests]');
    await expect.poll(() => phone.locator('[data-testid=tests-summary]').textContent(), { timeout: 30_000 }).toMatch(/1 failed/);
    await shot(phone, '05-test-times-en-phone');
  });

  it('the worklist filters by level name and badges say the name', async () => {
    const grid = await runtime.token('grid_worker', GRID);
    const report = { category: 'dispute-neighbor', data: { reporterName: '网格员', reporterPhone: '13957100137', location: { grid: GRID, address: '凤溪村' }, description: '邻里纠纷', disputeType: 'noise', partiesCount: 2, hazard: 'low', mediatedOnSite: false, mediationAttempts: 0 } };
    const res = await fetch(`${runtime.url}/api/v1/counties/${runtime.county}/events`, { method: 'POST', headers: { Authorization: `Bearer ${grid}`, 'content-type': 'application/json' }, body: JSON.stringify(report) });
    expect(res.status).toBe(201);
    for (const [language, width, names] of [['zh', 1360, ['1 一般', '2 较大', '3 重大', '4 特别重大']], ['en', 390, ['1 General', '2 Serious', '3 Major', '4 Extraordinary']]] as const) {
      const page = await open(await runtime.token('county_admin'), { width, height: 844, language });
      await page.goto(`${runtime.url}/worklist`);
      await page.waitForSelector('.worklist .work-item');
      const options = await page.locator('select[name=level] option').allTextContents();
      expect(options.slice(1)).toEqual(names);
      expect(await page.locator('.worklist .work-item .badge[data-level]').first().textContent()).toBe(names[0]);
      await page.selectOption('select[name=level]', '1');
      await page.waitForSelector('.worklist .work-item');
      await shot(page, `06-worklist-${language}-${width}`);
    }
  });
});
