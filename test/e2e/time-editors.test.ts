/**
 * The time editors end to end, in Debian's Chromium against a real runtime on SQLite: an
 * administrator sets level 2's acceptance time, marks a holiday on the month calendar, imports
 * the national 2026 calendar file, renames a level and adds a workflow transition, all without
 * JSON; the saved draft holds exactly those changes and the editors show them after a reload.
 * Screenshots (zh and en, desktop and phone width) go to test-results/e2e/time-editors/.
 */
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, signedInPage, type SignedInPage } from './support/browser';
import { startE2eRuntime, type E2eRuntime } from './support/runtime';
import { ensureStudioBuilt } from './support/studio-build';
import { blurFocus, SHOTS_WANTED } from './support/shots';

const SHOTS = 'test-results/e2e/time-editors';
const NATIONAL = new URL('../../../shared/data/cn-public-holidays-2026.json', import.meta.url);
const CATALOG_CALENDARS = new URL('../../catalogs/zhejiang-four-platforms/calendars.json', import.meta.url);

let runtime: E2eRuntime;
let browser: Browser;
const sessions: SignedInPage[] = [];
type Doc = Record<string, any>;

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS_WANTED) return blurFocus(page);
  await page.waitForTimeout(300);
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

async function timeTab(page: Page, part: 'sla' | 'calendars' | 'levels' | 'workflow'): Promise<void> {
  await page.click('[data-tab=time]');
  await page.click(`[data-time-tab=${part}]`);
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

describe.sequential('time editors', () => {
  let admin: Page;
  let token: string;
  let version = 0;
  let before: Doc;

  const stored = async (): Promise<Doc> => {
    const response = await fetch(`${runtime.url}/api/v1/counties/${runtime.county}/configs/${version}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    return ((await response.json()) as { document: Doc }).document;
  };

  it('(a) sets a time limit, a holiday, imports the national calendar, renames a level and adds a transition; saves; the editors show it after a reload', async () => {
    token = await runtime.token('county_admin');
    admin = await open(token);
    await admin.waitForSelector('.versions-table');
    await admin.click('[data-action=new-draft]');
    await admin.waitForSelector('.tabs');
    version = Number(/\/configs\/(\d+)/.exec(admin.url())![1]);
    before = await stored();

    // SLA: level 2 accepted within 2 (working) hours
    await timeTab(admin, 'sla');
    const accept = admin.locator('[data-policy=level-2] input[name=accept-hours]');
    await accept.fill('2');
    await accept.blur();
    // and escalated automatically 4 hours after a missed acceptance deadline
    await admin.click('[data-policy=level-2] [data-field=auto-escalate-accept]');
    const escalateAccept = admin.locator('[data-policy=level-2] input[name=escalate-accept-hours]');
    await escalateAccept.fill('4');
    await escalateAccept.blur();
    await admin.click('[data-policy=level-2] [data-action=preview-policy]');
    await admin.waitForSelector('[data-testid=te-sla-preview] [data-testid=sla-timeline]');
    expect(await admin.locator('[data-action=save]').isEnabled()).toBe(true);
    await shot(admin, 'zh-1-sla');

    // calendar: 2026-10-12 (a Monday) becomes a holiday with one click; 10-01 goes holiday → adjusted → normal
    await timeTab(admin, 'calendars');
    await admin.click('[data-date="2026-10-12"]');
    await admin.waitForSelector('[data-date="2026-10-12"][data-kind=holiday]');
    await admin.click('[data-date="2026-10-01"]');
    await admin.waitForSelector('[data-date="2026-10-01"][data-kind=working]');
    await admin.click('[data-date="2026-10-01"]');
    await admin.waitForSelector('[data-date="2026-10-01"][data-kind=normal]');
    // a bad file is refused, naming the line and the field
    await admin.setInputFiles('[data-testid=te-calendar] input[type=file]', { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('date,kind,name_zh\n2026-10-01,holiday,国庆节\n2026/10/02,holiday,国庆节\n') });
    await admin.waitForSelector('[data-testid=te-import-errors]');
    expect(await admin.locator('[data-testid=te-import-errors]').textContent()).toMatch(/第 3 行.*字段 date.*2026\/10\/02/);
    await shot(admin, 'zh-2-import-error');
    await admin.click('.ant-modal-footer button:not([data-action])');
    await admin.waitForSelector('[data-testid=te-import-preview]', { state: 'hidden' });
    // the national file as it is: one day to add back (10-01, National Day)
    const national = existsSync(NATIONAL) ? readFileSync(NATIONAL) : Buffer.from(JSON.stringify({ year: 2026, ...JSON.parse(readFileSync(CATALOG_CALENDARS, 'utf8'))[0].years['2026'] }));
    await admin.setInputFiles('[data-testid=te-calendar] input[type=file]', { name: 'cn-public-holidays-2026.json', mimeType: 'application/json', buffer: national });
    await admin.waitForSelector('[data-testid=te-import-plan]');
    expect(await admin.locator('[data-testid=te-import-preview]').textContent()).toContain('2026-10-01');
    await shot(admin, 'zh-3-import-plan');
    await admin.click('[data-action=apply-import]');
    await admin.waitForSelector('[data-date="2026-10-01"][data-kind=holiday]');
    await shot(admin, 'zh-4-calendar');

    // levels: level 2 renamed
    await timeTab(admin, 'levels');
    await admin.fill('input[name=level-2-zh]', '较大事件');
    await shot(admin, 'zh-5-levels');

    // workflow: a transition added in the table
    await timeTab(admin, 'workflow');
    const rows = await admin.locator('[data-testid=te-transitions] tbody tr.ant-table-row').count();
    await admin.click('[data-action=add-transition]');
    await admin.fill(`input[name=transition-${rows}-action]`, 'supervise');
    await admin.fill(`input[name=transition-${rows}-zh]`, '督办');
    await admin.fill(`input[name=transition-${rows}-en]`, 'Supervise');
    await admin.waitForSelector('[data-testid=te-diagram] [data-action=supervise]');
    // a new state nothing reaches or leaves: the engine's workflow checks say so above the tables; deleting it clears them
    await admin.click('[data-action=add-state]');
    await admin.waitForSelector('[data-testid=te-diagram] [data-state=state]');
    await expect.poll(() => admin.locator('[data-testid=te-problems-workflow]').textContent(), { timeout: 15_000 }).toMatch(/state/);
    await shot(admin, 'zh-7-workflow-problems');
    await admin.locator('[data-testid=te-states] tbody tr.ant-table-row').last().locator('button.ant-btn').click();
    await admin.click('.ant-popconfirm .ant-btn-primary');
    await admin.waitForSelector('[data-testid=te-diagram] [data-state=state]', { state: 'detached' });
    await expect.poll(() => admin.locator('[data-testid=problem-count]').textContent(), { timeout: 15_000 }).toBe('0');
    await shot(admin, 'zh-6-workflow');

    await admin.click('[data-action=save]');
    // (the button is also disabled while the request is under way: the notice says it has landed)
    await admin.waitForSelector('.notice[role=status]', { timeout: 15_000 });
    await expect.poll(() => admin.locator('[data-action=save]').isDisabled(), { timeout: 15_000 }).toBe(true);

    // the stored draft is the config before with exactly these changes
    const after = await stored();
    const expected = structuredClone(before);
    const level2 = expected.sla.policies.find((p: Doc) => p.id === 'level-2');
    level2.accept.hours = 2;
    level2.breach = { ...level2.breach, autoEscalateAfterAcceptHours: 4, autoEscalateAcceptClock: 'calendar' };
    const year = expected.calendars[0].years['2026'];
    year.holidays.push({ name: { zh: '节假日', en: 'Holiday' }, from: '2026-10-12', to: '2026-10-12' });
    const levels = expected.levels ?? [{ level: 1, name: { zh: '一般', en: 'General' } }, { level: 2, name: { zh: '较大', en: 'Serious' } }, { level: 3, name: { zh: '重大', en: 'Major' } }, { level: 4, name: { zh: '特别重大', en: 'Extraordinary' } }];
    levels[1].name.zh = '较大事件';
    expected.levels = levels;
    const from = expected.workflow.states.find((s: Doc) => !s.terminal).id;
    expected.workflow.transitions.push({ action: 'supervise', name: { zh: '督办', en: 'Supervise' }, from: [from], to: expected.workflow.states.find((s: Doc) => s.id !== from).id, roles: ['dispatcher'], unitScope: 'dispatching' });
    expect(after.sla).toEqual(expected.sla);
    expect(after.calendars).toEqual(expected.calendars);
    expect(after.levels).toEqual(expected.levels);
    expect(after.workflow).toEqual(expected.workflow);
    expect(after).toEqual(expected);

    // reload: every editor shows what was saved
    await admin.reload();
    await admin.waitForSelector('.tabs');
    await timeTab(admin, 'sla');
    expect(await admin.locator('[data-policy=level-2] input[name=accept-hours]').inputValue()).toBe('2');
    expect(await admin.locator('[data-policy=level-2] input[name=escalate-accept-hours]').inputValue()).toBe('4');
    await timeTab(admin, 'calendars');
    await admin.waitForSelector('[data-date="2026-10-12"][data-kind=holiday]');
    await timeTab(admin, 'levels');
    expect(await admin.locator('input[name=level-2-zh]').inputValue()).toBe('较大事件');
    await timeTab(admin, 'workflow');
    expect(await admin.locator(`input[name=transition-${rows}-action]`).inputValue()).toBe('supervise');
  });

  it('(b) the editors in English and on a phone-sized screen', { timeout: 240_000 }, async () => {
    const en = await open(token, { language: 'en' });
    await en.goto(`${runtime.url}/configs/${version}?tab=time`);
    await en.waitForSelector('[data-testid=te-sla]');
    expect(await en.locator('[data-time-tab=calendars]').textContent()).toBe('Calendars');
    await shot(en, 'en-1-sla');
    for (const [i, part] of (['calendars', 'levels', 'workflow'] as const).entries()) {
      await en.click(`[data-time-tab=${part}]`);
      await shot(en, `en-${i + 2}-${part}`);
    }
    for (const language of ['zh', 'en'] as const) {
      const phone = await open(token, { width: 390, height: 844, language });
      await phone.goto(`${runtime.url}/configs/${version}?tab=time`);
      await phone.waitForSelector('[data-testid=te-sla]');
      await shot(phone, `phone-${language}-1-sla`);
      for (const part of ['calendars', 'workflow'] as const) {
        await phone.click(`[data-time-tab=${part}]`);
        await shot(phone, `phone-${language}-${part}`);
      }
      // the page does not scroll sideways on a phone (wide tables scroll inside themselves)
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(392);
    }
    // no page threw along the way
    expect(sessions.flatMap((s) => s.errors)).toEqual([]);
  });
});
