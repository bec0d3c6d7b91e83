/**
 * Reporter privacy in the studio, in Debian's Chromium against a real runtime on SQLite: a
 * handler sees the reporter's name and phone masked on the event page, reveals them with a reason
 * (the runtime writes it to the event's history), in Chinese and in English; a grid worker sees
 * them masked with no way to reveal. Screenshots under test-results/e2e/reporter-privacy/.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { catalogCase } from '../runtime/support/catalog-cases';
import { modalOpened } from './support/antd';
import { launchChromium, signedInPage, type SignedInPage } from './support/browser';
import { startE2eRuntime, type E2eRuntime } from './support/runtime';
import { ensureStudioBuilt } from './support/studio-build';
import { blurFocus, SHOTS_WANTED } from './support/shots';

const SHOTS = 'test-results/e2e/reporter-privacy';
const NAME = '张三丰';
const PHONE = '13957100137';

let runtime: E2eRuntime;
let browser: Browser;
const sessions: SignedInPage[] = [];
let event: { id: string; handlingUnit: string; grid: string };

async function api(method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${runtime.url}/api/v1/counties/${runtime.county}${path}`, {
    method,
    headers: { Authorization: `Bearer ${await runtime.token('county_admin')}`, 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return res.json();
}

async function open(token: string, language: 'zh' | 'en'): Promise<Page> {
  const session = await signedInPage(browser, runtime.url, token, { language });
  sessions.push(session);
  await session.page.goto(`${runtime.url}/events/${event.id}`);
  await session.page.waitForSelector('[data-testid=reporter-masked]');
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
  const c = catalogCase('dispute-neighbor-to-village');
  event = (await api('POST', '/events', { category: c.input.category, data: { ...c.input.data, reporterName: NAME, reporterPhone: PHONE } })).event;
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

describe.sequential('reporter privacy in the studio', () => {
  it.each([
    { language: 'zh' as const, button: '显示', reason: '需要电话联系当事人核实现场情况' },
    { language: 'en' as const, button: 'Reveal', reason: 'to call the reporter about the site' },
  ])('($language) a handler sees 张** / 139****0137 and reveals them with a reason', async ({ language, button, reason }) => {
    const page = await open(await runtime.token('handler', event.handlingUnit), language);
    const text = await page.textContent('body');
    expect(text).toContain('张**');
    expect(text).toContain('139****0137');
    expect(text).not.toContain(PHONE);
    expect((await page.textContent('[data-testid=reveal-reporter]'))?.replace(/\s/g, '')).toBe(button);
    await shot(page, `${language}-handler-masked`);

    await page.click('[data-testid=reveal-reporter]');
    await page.waitForSelector('[data-testid=reveal-reason]');
    await modalOpened(page);
    // no reason: refused in the page, nothing sent
    await page.click('.ant-modal-footer .ant-btn-primary');
    await page.waitForSelector('.ant-modal [role=alert]');
    await page.fill('[data-testid=reveal-reason]', reason);
    await shot(page, `${language}-handler-reason`);
    await page.click('.ant-modal-footer .ant-btn-primary');
    await page.waitForSelector('[data-testid=reporter-revealed]');
    expect(await page.textContent('[data-field=reporter-name]')).toBe(NAME);
    expect(await page.textContent('[data-field=reporter-phone]')).toBe(PHONE);
    await shot(page, `${language}-handler-revealed`);

    const history = (await api('GET', `/events/${event.id}`)).history.filter((h: { action: string }) => h.action === 'reveal-reporter');
    expect(history.at(-1)).toMatchObject({ actor: { role: 'handler' }, detail: { reason } });
  });

  it('a grid worker sees them masked, with no button to reveal', async () => {
    const page = await open(await runtime.token('grid_worker', event.grid), 'zh');
    expect(await page.textContent('body')).toContain('139****0137');
    expect(await page.$('[data-testid=reveal-reporter]')).toBeNull();
    await shot(page, 'zh-grid-worker-masked');
  });
});
