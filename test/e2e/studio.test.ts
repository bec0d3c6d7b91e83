/**
 * The studio end to end, in Debian's Chromium against a real runtime on SQLite: a county
 * administrator adds a category with its form, a routing rule and a test case, publishes and
 * activates; a grid worker reports in that category on a phone-sized screen; the target unit
 * works it to resolved and the reporter confirms; an invalid edit is underlined and blocks
 * publishing; and nothing is fetched from another origin. Screenshots go to test-results/e2e/.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { satisfactionOf } from '../../runtime/public/satisfaction-store';
import { chooseOption, pickDateTime, chosenLabel } from './support/antd';
import { launchChromium, signedInPage, type SignedInPage } from './support/browser';
import { insertAfterFirstLine, replaceEditorText, waitForEditor } from './support/monaco';
import { startE2eRuntime, type E2eRuntime } from './support/runtime';
import { ensureStudioBuilt } from './support/studio-build';
import { blurFocus, SHOTS_WANTED } from './support/shots';

const SHOTS = 'test-results/e2e';
const GRID = 'qs-fx-v01-g1';
const VILLAGE = 'qs-fx-v01';
const CATEGORY = 'dispute-pet';
const FORM = `f-${CATEGORY}`;
/** The id the decision table gives the first route rule it adds. */
const RULE = 'route-1';

let runtime: E2eRuntime;
let browser: Browser;
const sessions: SignedInPage[] = [];
let eventId = '';

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

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ensureStudioBuilt();
  runtime = await startE2eRuntime();
  browser = await launchChromium();
}, 300_000);

// a failing scenario leaves a picture of every open page behind
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  const name = ctx.task.name.slice(0, 3).replace(/[^a-z]/g, '');
  await Promise.all(sessions.map((s, i) => s.page.screenshot({ path: `${SHOTS}/failed-${name}-${i}.png`, fullPage: true }).catch(() => {})));
});

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

describe.sequential('studio', () => {
  let admin: Page;

  it('(a) an administrator adds a category with a form and a routing rule, tests, publishes and activates', async () => {
    admin = await open(await runtime.token('county_admin'));
    await admin.waitForSelector('.versions-table');
    await shot(admin, '01-versions');
    await admin.click('[data-action=new-draft]');
    await admin.waitForSelector('.tabs');
    // the workspace opens on a structured view; the JSON of every section is one tab away
    expect(await admin.locator('.tabs button.on').getAttribute('data-tab')).toBe('categories');
    await admin.click('[data-tab=sections]');
    await waitForEditor(admin, 'config-categories.json');
    await shot(admin, '02-workspace-sections');

    // the category, with a new form composing the base fields
    await admin.click('[data-tab=categories]');
    await admin.click('[data-major=dispute] [data-action=add-minor]');
    await admin.fill('[data-testid=add-minor] input[name=minor-code]', CATEGORY);
    await admin.fill('[data-testid=add-minor] input[name=minor-zh]', '宠物纠纷');
    await admin.fill('[data-testid=add-minor] input[name=minor-en]', 'Pet dispute');
    await admin.selectOption('[data-testid=add-minor] select[name=minor-level]', '1');
    await admin.click('[data-action=confirm-add-minor]');
    // the form just made opens in the designer
    await admin.waitForSelector('[data-tab=forms].on');
    await expect.poll(() => new URL(admin.url()).searchParams.get('form')).toBe(FORM);
    await admin.waitForSelector('[data-testid=no-fields]');
    await admin.click('[data-tab=categories]');
    await admin.waitForSelector(`[data-minor=${CATEGORY}]`);
    await shot(admin, '03-category-tree');

    // its form, typed into monaco (the builder's JSON view); the preview follows
    await admin.click('[data-tab=forms]');
    await chooseOption(admin, '[data-testid=form-pick]', FORM);
    await admin.click('[data-testid=form-view] >> text=JSON');
    await replaceEditorText(admin, `form-${FORM}-schema.json`, JSON.stringify({ type: 'object', properties: { petKind: { type: 'string', title: '宠物种类', oneOf: [{ const: 'dog', title: '狗' }, { const: 'cat', title: '猫' }, { const: 'other', title: '其他' }] }, bitten: { type: 'boolean', title: '是否咬伤' } }, required: ['petKind'] }));
    await admin.waitForSelector('.form-preview label:has-text("宠物种类")');
    await admin.click('[data-action=validate-preview]');
    const verdict = admin.locator('[data-testid=preview-verdict]');
    // the empty preview is refused for the composed form's required fields (the base form's
    // description at least; rjsf may start a choice of titled constants at its first one)
    await expect.poll(() => verdict.textContent()).toMatch(/\/description|petKind/);
    await shot(admin, '04-form-designer');
    // text that does not parse is said in words (the draft keeps the last text that parsed)
    const petSchema = JSON.stringify({ type: 'object', properties: { petKind: { type: 'string', title: '宠物种类', oneOf: [{ const: 'dog', title: '狗' }, { const: 'cat', title: '猫' }, { const: 'other', title: '其他' }] }, bitten: { type: 'boolean', title: '是否咬伤' } }, required: ['petKind'] });
    await replaceEditorText(admin, `form-${FORM}-schema.json`, petSchema.replace('"bitten"', 'bitten'));
    await admin.waitForSelector('[data-testid=form-syntax-schema]');
    await replaceEditorText(admin, `form-${FORM}-schema.json`, petSchema);
    await admin.waitForSelector('[data-testid=form-syntax-schema]', { state: 'detached' });

    // a routing rule, as a row of the category's route table: level 1 → the village of the grid
    await admin.click('[data-tab=rules]');
    await admin.waitForSelector('[data-testid=decision-tables]');
    await admin.locator('.ant-select', { has: admin.locator('[data-testid=dt-scope]') }).or(admin.locator('.ant-select[data-testid=dt-scope]')).first().click();
    await admin.keyboard.type('宠物纠纷');
    await admin.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-title', { hasText: '宠物纠纷' }).last().click();
    await admin.click('[data-type=route]');
    await admin.click('[data-testid=dt-add-row]');
    await admin.fill(`input[name=name-zh-${RULE}]`, '宠物纠纷派村社区');
    await admin.fill(`input[name=name-en-${RULE}]`, 'Pet disputes to the village');
    await chooseOption(admin, '[data-testid=dt-add-column]', '等级');
    await admin.click(`[data-testid=cell-${RULE}-level]`);
    await chooseOption(admin, `[data-testid=out-target-${RULE}]`, '事发网格所在村社区');
    await expect.poll(() => admin.locator('[data-testid=problem-count]').textContent(), { timeout: 15_000 }).toBe('0');
    await shot(admin, '05-rules');

    // the bench decides it; save that as a test case
    await admin.click('[data-tab=bench]');
    await admin.selectOption('.bench select[name=category]', CATEGORY);
    await pickDateTime(admin, '#bench-time', '2026-06-18 10:00');
    await admin.click(`.place-picker [data-grid=${GRID}]`);
    await admin.fill('#bench_description, #bench_root_description', '邻居家的狗夜里狂吠');
    await chooseOption(admin, '#bench_petKind, #bench_root_petKind', '狗');
    await expect.poll(() => admin.locator('[data-testid=decision] [data-field=unit] code').textContent()).toBe(VILLAGE);
    expect(await admin.locator(`[data-testid=explanation] [data-rule=${RULE}][data-fired=true]`).count()).toBe(1);
    expect(await admin.locator('[data-testid=sla-timeline] .tl-off').count()).toBeGreaterThan(0);
    await shot(admin, '06-rule-bench');
    await admin.fill('input[name=case-description]', '宠物纠纷派往网格所在村');
    await admin.click('[data-action=save-test]');

    // run every test in the page
    await admin.click('[data-tab=tests]');
    await admin.click('[data-action=run-tests]');
    await expect.poll(() => admin.locator('[data-testid=tests-summary]').textContent()).toMatch(/未通过 0|0 failed/);
    await shot(admin, '07-tests');

    // publish (the server runs the tests again) and activate
    await admin.click('[data-action=publish]');
    await admin.waitForSelector('[data-testid=published]', { timeout: 60_000 });
    await admin.click('.publish-bar [data-action=activate]');
    await admin.waitForSelector('.workspace-head .badge-green');
    await shot(admin, '08-published-active');
    const active = await fetch(`${runtime.url}/api/v1/counties/${runtime.county}/config/active`, { headers: { Authorization: `Bearer ${await runtime.token('county_admin')}` } }).then((r) => r.json());
    expect(active.document.categories.flatMap((m: { children: { code: string }[] }) => m.children.map((c) => c.code))).toContain(CATEGORY);
  });

  it('(b) a grid worker reports an event in that category on a phone-sized screen', async () => {
    const phone = await open(await runtime.token('grid_worker', GRID), { width: 375, height: 760 });
    await phone.waitForSelector('.report-page select[name=category]');
    await phone.selectOption('.report-page select[name=category]', CATEGORY);
    // sent empty: each missing field says so under itself, in the page's language
    await phone.click('[data-action=submit-report]');
    await expect.poll(() => phone.locator('.report-form').textContent()).toContain('此项必填');
    expect(await phone.locator('.report-form').textContent()).not.toContain('is required');
    await phone.fill('#report_description, #report_root_description', '邻居家的狗夜里狂吠，已协商未果');
    await chooseOption(phone, '[id*=location][id*=grid]', GRID);
    // nothing is chosen for the reporter: the choice starts empty and is required
    expect(await chosenLabel(phone, '#report_petKind, #report_root_petKind')).toBe('');
    await chooseOption(phone, '#report_petKind, #report_root_petKind', '狗');
    await shot(phone, '10-report-phone');
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await phone.click('[data-action=submit-report]');
    await phone.waitForSelector('[data-testid=reported]');
    const href = await phone.locator('[data-testid=reported] a').getAttribute('href');
    eventId = href!.split('/').pop()!;
    expect(eventId).toBeTruthy();
    await shot(phone, '11-reported-phone');
  });

  it('(c) the village works it to resolved and the reporter confirms', async () => {
    // the township command room that dispatched it finds it on its workbench as it opens
    const detail = await fetch(`${runtime.url}/api/v1/counties/${runtime.county}/events/${eventId}`, { headers: { Authorization: `Bearer ${await runtime.token('county_admin')}` } }).then((r) => r.json());
    const command = await open(await runtime.token('dispatcher', detail.event.dispatcher));
    await command.waitForSelector(`.worklist [data-event="${eventId}"]`);
    const village = await open(await runtime.token('handler', VILLAGE));
    await village.waitForSelector(`.worklist [data-event="${eventId}"]`);
    await shot(village, '20-worklist');
    await village.click(`.worklist [data-event="${eventId}"] a`);
    await village.waitForSelector('[data-testid=event-state]');
    // the reported data as the form offered it: a choice by its title, not its code
    const reported = (await village.locator('.event-data').textContent()) ?? '';
    expect(reported).toContain('狗');
    expect(reported).not.toContain('dog');
    // the explanation the runtime stored, rebuilt from the pinned config version
    // names, not codes: the rule that dispatched it in the history, the handler's unit in the header
    const trail = (await village.locator('[data-testid=history]').textContent()) ?? '';
    expect(trail).toContain('宠物纠纷派村社区');
    expect(trail).not.toContain(RULE);
    await expect.poll(() => village.locator('.app-header .who').textContent()).toContain('凤溪村');
    await village.click('details:has([data-testid=explanation]) > summary');
    expect(await village.locator(`[data-testid=explanation] [data-rule=${RULE}]`).count()).toBe(1);
    await shot(village, '21-event-detail');
    for (const action of ['accept', 'start']) {
      const before = await village.locator('[data-testid=event-state]').getAttribute('data-state');
      // a tap opens the action; nothing happens until it is confirmed
      await village.click(`.action-panel [data-action=${action}]`);
      await village.waitForSelector('[data-testid=action-confirm]');
      expect(await village.locator('[data-testid=event-state]').getAttribute('data-state')).toBe(before);
      await village.click('[data-action=confirm-action]');
      await expect.poll(() => village.locator('[data-testid=event-state]').getAttribute('data-state')).not.toBe(before);
    }
    await village.click('.action-panel [data-action=resolve]');
    await village.fill('.action-form textarea[name=feedback]', '已上门调解，双方签订文明养犬承诺书');
    await village.click('[data-action=confirm-action]');
    await village.waitForSelector('[data-testid=event-state][data-state=resolved]');
    await shot(village, '22-event-resolved');

    // the reporter reads it in English: both languages get a look
    const reporter = await open(await runtime.token('grid_worker', GRID), { width: 375, height: 760, language: 'en' });
    await reporter.goto(`${runtime.url}/events/${eventId}`);
    await reporter.click('.action-panel [data-action=confirm]');
    // confirming for the reporter, with their rating
    await reporter.click('[data-testid=confirm-rating] label:has-text("Basically satisfied")');
    await reporter.click('[data-action=confirm-action]');
    await reporter.waitForSelector('[data-testid=event-state][data-state=closed]');
    expect(await satisfactionOf(runtime.server.db, runtime.county, eventId)).toMatchObject({ value: 'basically-satisfied', source: 'grid_worker' });
    expect(await reporter.locator('[data-testid=history] li').count()).toBeGreaterThanOrEqual(5);
    await shot(reporter, '23-confirmed-phone');
  });

  it('(d) an invalid edit is underlined in monaco and blocks publishing', async () => {
    await admin.goto(`${runtime.url}/configs`);
    await admin.click('[data-action=new-draft]');
    await admin.waitForSelector('.tabs');
    await admin.click('[data-tab=sections]');
    await admin.click('[data-section=rules]');
    await insertAfterFirstLine(admin, 'config-rules.json', '{"id": "typo", "priorty": 5},');
    await admin.waitForSelector('.json-editor[data-file="config-rules.json"] .squiggly-error', { timeout: 20_000 });
    await expect.poll(() => admin.locator('[data-testid=problem-count]').textContent(), { timeout: 15_000 }).not.toBe('0');
    await shot(admin, '30-invalid-edit');
    // the engine's problem is said in the page's language, naming the rule it is in
    await expect.poll(() => admin.locator('.problems-list li .problem-message').first().textContent(), { timeout: 10_000 }).toMatch(/^规则「typo」：/);
    await admin.click('[data-action=publish]');
    await admin.waitForSelector('[data-testid=publish-refused]');
    await shot(admin, '31-publish-refused');
    // a problem is one click from its place: the cursor lands on the bad rule's line
    await admin.locator('.problems-list li button').first().click();
    await expect.poll(() => admin.locator('.json-editor[data-file="config-rules.json"] .current-line').count()).toBeGreaterThan(0);
    // unsaved edits: leaving asks first, and "stay" keeps the page and the edit
    let asked = '';
    admin.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.dismiss();
    });
    await admin.click('.workspace-page .back, a.back');
    await expect.poll(() => asked).toContain('未保存');
    expect(new URL(admin.url()).pathname).toMatch(/^\/configs\/\d+$/);
    expect(await admin.locator('[data-action=save]').isEnabled()).toBe(true);
    // the browser's Back button asks as well, once it would leave the draft (tabs and sections are
    // history entries of the same page)
    asked = '';
    const onDialog = (dialog: { message(): string; dismiss(): Promise<void> }) => {
      asked = dialog.message();
      void dialog.dismiss();
    };
    admin.on('dialog', onDialog);
    for (let i = 0; i < 4 && !asked; i++) {
      await admin.evaluate(() => history.back());
      await admin.waitForTimeout(300);
    }
    admin.off('dialog', onDialog);
    expect(asked).toContain('未保存');
    await expect.poll(() => new URL(admin.url()).pathname).toMatch(/^\/configs\/\d+$/);
    expect(await admin.locator('[data-action=save]').isEnabled()).toBe(true);
  });

  it('(e0) a wrong token is refused in the page’s language, by the error’s code', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    try {
      await page.goto(`${runtime.url}/`);
      await page.fill('input[name=token]', `pt_${'A'.repeat(43)}`);
      await page.click('.sign-in button[type=submit]');
      const alert = page.locator('.sign-in [role=alert]');
      await expect.poll(() => alert.textContent()).toContain('令牌无效或已被吊销');
      expect(await alert.textContent()).not.toMatch(/invalid or revoked|bearer token/);
    } finally {
      await context.close();
    }
  });

  it('(e) every request went to the server itself, and monaco loads only where an editor opens', () => {
    const origin = new URL(runtime.url).origin;
    const foreign = sessions.flatMap((s) => s.requests.map((r) => r.url())).filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:') && !url.startsWith('blob:'));
    expect(foreign).toEqual([]);
    expect(sessions.flatMap((s) => s.errors)).toEqual([]);
    const monacoChunk = (s: SignedInPage) => s.requests.some((r) => /\/assets\/monaco-setup-[^/]+\.js$/.test(r.url()));
    expect(monacoChunk(sessions[0])).toBe(true); // the administrator opened editors
    expect(sessions.slice(1).map(monacoChunk)).toEqual(sessions.slice(1).map(() => false)); // report, worklist, detail never did
  });
});
