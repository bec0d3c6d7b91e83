/**
 * The form builder end to end, in Debian's Chromium against a real runtime on SQLite: a county
 * administrator creates a form, adds a required single choice with three options (zh/en labels)
 * and a yes/no field, reorders them by button and by drag, sees them in the preview, finds the
 * draft's forms JSON to be what the builder's model says, saves, reloads — it persists and the
 * designer opens on that form from the URL. Screenshots in zh and en, desktop and phone width,
 * go to test-results/e2e/form-builder/.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Form } from '../../engine/index';
import { addField, renameKey, updateField } from '../../studio/src/config/form-builder/form-edits';
import { addForm } from '../../studio/src/config/form-builder/form-list-edits';
import { formToModel, modelToForm } from '../../studio/src/config/form-builder/form-model';
import type { FormModel } from '../../studio/src/config/form-builder/field-types';
import { launchChromium, signedInPage, type SignedInPage } from './support/browser';
import { waitForEditor } from './support/monaco';
import { startE2eRuntime, type E2eRuntime } from './support/runtime';
import { ensureStudioBuilt } from './support/studio-build';
import { blurFocus, SHOTS_WANTED } from './support/shots';

const SHOTS = 'test-results/e2e/form-builder';
const FORM = 'straw-burning';
const OPTIONS = [
  { value: 'straw', zh: '秸秆', en: 'Straw' },
  { value: 'garbage', zh: '垃圾', en: 'Garbage' },
  { value: 'plastic', zh: '塑料', en: 'Plastic' },
];

let runtime: E2eRuntime;
let browser: Browser;
const sessions: SignedInPage[] = [];
let workspaceUrl = '';

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS_WANTED) return blurFocus(page);
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function open(opts?: Parameters<typeof signedInPage>[3]): Promise<Page> {
  const session = await signedInPage(browser, runtime.url, await runtime.token('county_admin'), opts);
  sessions.push(session);
  return session.page;
}

const fieldOrder = (page: Page) => page.locator('[data-testid=field-list] [data-field]').evaluateAll((els) => els.map((e) => e.getAttribute('data-field')));

/** The form the scenario builds, made with the builder's own model functions. */
function expectedForm(forms: Form[]): Form {
  let model: FormModel = formToModel(addForm(forms, FORM, { zh: '秸秆焚烧上报表', en: 'Straw burning report' }).at(-1)!);
  const taken = ['reporterName', 'reporterPhone', 'location', 'description', 'occurredAt', 'attachments'];
  const choice = addField(model, 'choice', { title: { zh: '单选', en: 'Choice' }, taken });
  model = (renameKey(choice.model, choice.key, 'material') as { ok: true; model: FormModel }).model;
  model = updateField(model, 'material', { title: { zh: '焚烧物', en: 'Material burned' }, options: OPTIONS, required: true });
  const yesno = addField(model, 'yesno', { title: { zh: '是否', en: 'Yes or no' }, taken });
  model = (renameKey(yesno.model, yesno.key, 'nearHomes') as { ok: true; model: FormModel }).model;
  model = updateField(model, 'nearHomes', { title: { zh: '是否靠近民房', en: 'Near homes?' } });
  return modelToForm(model);
}

async function draftDocument(version: string): Promise<{ forms: Form[] }> {
  const res = await fetch(`${runtime.url}/api/v1/counties/${runtime.county}/configs/${version}`, { headers: { Authorization: `Bearer ${await runtime.token('county_admin')}` } });
  return ((await res.json()) as { document: { forms: Form[] } }).document;
}

/** Drags a field by its handle onto another field's place, with the mouse, in small steps. */
async function drag(page: Page, from: string, to: string): Promise<void> {
  const handle = await page.locator(`[data-field=${from}] [data-testid=drag-handle]`).boundingBox();
  const target = await page.locator(`[data-field=${to}]`).boundingBox();
  if (!handle || !target) throw new Error('field not on screen');
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  const y = target.y + target.height * (target.y > handle.y ? 0.8 : 0.2);
  for (let i = 1; i <= 12; i++) await page.mouse.move(handle.x + handle.width / 2, handle.y + ((y - handle.y) * i) / 12);
  await page.mouse.up();
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

describe.sequential('form builder', () => {
  it('builds a form without JSON, reorders it, saves it, and it persists', async () => {
    const admin = await open();
    await admin.waitForSelector('.versions-table');
    await admin.click('[data-action=new-draft]');
    await admin.waitForSelector('.tabs');
    await admin.click('[data-tab=forms]');
    await admin.waitForSelector('[data-testid=form-builder]');
    await shot(admin, '01-builder-baseline-zh');

    // a new form
    await admin.click('[data-testid=form-new]');
    await admin.fill('[data-testid=form-id]', FORM);
    await admin.fill('[data-testid=form-name-zh]', '秸秆焚烧上报表');
    await admin.fill('[data-testid=form-name-en]', 'Straw burning report');
    await admin.click('[data-testid=form-dialog-ok]');
    await expect.poll(() => new URL(admin.url()).searchParams.get('form')).toBe(FORM);
    await admin.waitForSelector('[data-testid=no-fields]');

    // a required single choice with three options
    await admin.click('[data-testid=palette] [data-kind=choice]');
    await admin.waitForSelector('[data-testid=field-editor-form]');
    await admin.fill('[data-testid=field-key]', 'material');
    await admin.press('[data-testid=field-key]', 'Enter');
    await admin.waitForSelector('[data-field=material]');
    await admin.fill('[data-testid=field-title-zh]', '焚烧物');
    await admin.fill('[data-testid=field-title-en]', 'Material burned');
    await admin.click('[data-testid=option-add]');
    for (const [i, o] of OPTIONS.entries()) {
      await admin.fill(`[data-testid=option-value-${i}]`, o.value);
      await admin.fill(`[data-testid=option-zh-${i}]`, o.zh);
      await admin.fill(`[data-testid=option-en-${i}]`, o.en);
    }
    await admin.click('[data-testid=field-required]');
    await shot(admin, '02-field-editor-zh');
    await admin.click('[data-testid=field-editor-done]');

    // a yes/no field
    await admin.click('[data-testid=palette] [data-kind=yesno]');
    await admin.waitForSelector('[data-testid=field-editor-form]');
    await admin.fill('[data-testid=field-key]', 'nearHomes');
    await admin.press('[data-testid=field-key]', 'Enter');
    await admin.waitForSelector('[data-field=nearHomes]');
    await admin.fill('[data-testid=field-title-zh]', '是否靠近民房');
    await admin.fill('[data-testid=field-title-en]', 'Near homes?');
    await admin.click('[data-testid=field-editor-done]');
    await admin.waitForSelector('[data-testid=field-editor-form]', { state: 'detached' });
    expect(await fieldOrder(admin)).toEqual(['material', 'nearHomes']);

    // reorder: by button, then back by drag
    await admin.click('[data-field=nearHomes] [data-testid=field-up]');
    await expect.poll(() => fieldOrder(admin)).toEqual(['nearHomes', 'material']);
    await drag(admin, 'nearHomes', 'material');
    await expect.poll(() => fieldOrder(admin)).toEqual(['material', 'nearHomes']);

    // the preview shows both, with the options' labels
    const preview = admin.locator('.form-preview');
    await expect.poll(() => preview.textContent()).toContain('焚烧物');
    for (const text of ['是否靠近民房', '秸秆', '垃圾', '塑料']) expect(await preview.textContent()).toContain(text);
    await shot(admin, '03-built-zh');

    // the JSON view shows the same form
    await admin.click('[data-testid=form-view] >> text=JSON');
    await waitForEditor(admin, `form-${FORM}-schema.json`);
    await expect.poll(() => admin.locator('.json-editor[data-file="form-straw-burning-schema.json"] .view-lines').textContent()).toContain('material');
    await admin.click('[data-testid=form-view] >> text=表单设计');

    // saved, the draft's form is exactly what the model says
    await admin.click('[data-action=save]');
    await expect.poll(() => admin.locator('[data-action=save]').isDisabled()).toBe(true);
    workspaceUrl = admin.url();
    const version = new URL(workspaceUrl).pathname.split('/').pop()!;
    const saved = await draftDocument(version);
    const form = saved.forms.find((f) => f.id === FORM);
    expect(form).toEqual(expectedForm(saved.forms.filter((f) => f.id !== FORM)));
    expect(form!.schema.required).toEqual(['material']);

    // reloaded, the designer opens on the form in the URL and it is all there
    await admin.reload();
    await admin.waitForSelector('[data-field=nearHomes]');
    expect(await fieldOrder(admin)).toEqual(['material', 'nearHomes']);
    expect(await admin.locator('[data-field=material]').textContent()).toContain('必填');
  });

  it('looks right in English and at phone width', async () => {
    const path = new URL(workspaceUrl);
    const en = await open({ language: 'en' });
    await en.goto(`${runtime.url}${path.pathname}${path.search}`);
    await en.waitForSelector('[data-field=nearHomes]');
    expect(await en.locator('[data-field=material]').textContent()).toContain('Material burned');
    expect(await en.locator('.form-preview').textContent()).toContain('Garbage');
    await shot(en, '04-built-en');
    await en.click('[data-field=material] [data-testid=field-open]');
    await en.waitForSelector('[data-testid=field-editor-form]');
    await shot(en, '05-field-editor-en');

    for (const language of ['zh', 'en'] as const) {
      const phone = await open({ width: 390, height: 844, language });
      await phone.goto(`${runtime.url}${path.pathname}${path.search}`);
      await phone.waitForSelector('[data-field=nearHomes]');
      const width = await phone.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(390);
      await shot(phone, `06-phone-${language}`);
      await phone.click('[data-field=material] [data-testid=field-open]');
      await phone.waitForSelector('[data-testid=field-editor-form]');
      await shot(phone, `07-phone-editor-${language}`);
    }
  });
});
