/** The form builder's model: every catalog form read and written back unchanged, each edit, each field kind. */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { retrieveSchema } from '@rjsf/utils';
import { compile, validateReport, type Form, type MajorCategory } from '../../engine/index';
import { CATALOGS_DIR, loadConfigPath } from '../../runtime/config-loader';
import { composePreview } from '../../studio/src/config/compose-preview';
import { addField, keyProblem, moveField, removeField, renameKey, updateField } from '../../studio/src/config/form-builder/form-edits';
import { addForm, formIdProblem, removeForm, renameForm } from '../../studio/src/config/form-builder/form-list-edits';
import { formToModel, modelToForm } from '../../studio/src/config/form-builder/form-model';
import { GRID_PATTERN, PHONE_PATTERN, type FieldKind, type FormModel } from '../../studio/src/config/form-builder/field-types';
import { canonicalJson } from '../../studio/src/config/form-builder/json-shapes';
import { rjsfValidator } from '../../studio/src/forms/rjsf-validator';

const CATALOGS = ['zhejiang-four-platforms', 'pilot-whistle'];
const formsOf = new Map<string, Form[]>();

beforeAll(async () => {
  for (const name of CATALOGS) {
    const loaded = await loadConfigPath(path.join(CATALOGS_DIR, name));
    if (!loaded.ok) throw new Error(`${name} does not load`);
    formsOf.set(name, (loaded.value.config as unknown as { forms: Form[] }).forms);
  }
});

describe('every catalog form round-trips through the builder model', () => {
  it.each(CATALOGS)('%s', (name) => {
    const forms = formsOf.get(name)!;
    expect(forms.length).toBeGreaterThan(40);
    for (const form of forms) expect(canonicalJson(modelToForm(formToModel(form))), form.id).toBe(canonicalJson(form));
  });
  it('recognises every baseline field but the composite location', () => {
    const kinds = new Map<string, string[]>();
    for (const form of formsOf.get('zhejiang-four-platforms')!) for (const f of formToModel(form).fields) kinds.set(f.kind, [...(kinds.get(f.kind) ?? []), `${form.id}.${f.key}`]);
    console.log([...kinds].map(([k, v]) => `${k}: ${v.length}`).join(', '));
    expect(kinds.get('other')).toEqual(['base.location']);
  });
});

type Doc = Record<string, any>;
let baseline: Doc;
beforeAll(async () => {
  const loaded = await loadConfigPath(path.join(CATALOGS_DIR, 'zhejiang-four-platforms'));
  if (!loaded.ok) throw new Error('catalog does not load');
  baseline = loaded.value.config as unknown as Doc;
});

const REPORT = { location: { grid: 'qs-fx-v01-g1' }, description: '现场有人焚烧秸秆' };

/** The baseline with `form` added and used by a new minor category "straw-burning", compiled. */
function compileWith(form: Form) {
  const config = structuredClone(baseline);
  config.forms.push(form);
  config.categories.find((m: Doc) => m.code === 'environment').children.push({ code: 'straw-burning', name: { zh: '秸秆焚烧', en: 'Straw burning' }, form: form.id, platform: 'enforcement', level: 1 });
  const compiled = compile(config as never);
  if (!compiled.ok) throw new Error(compiled.issues.map((i) => `${i.pointer}: ${i.message}`).join('\n'));
  return (data: Doc) => {
    const result = validateReport(compiled.value, 'straw-burning', { ...REPORT, ...data });
    return result.ok ? [] : result.issues.map((i) => `${i.code} ${i.pointer}`);
  };
}

const emptyModel = () => formToModel(addForm(baseline.forms, 'straw-burning', { zh: '秸秆焚烧上报表', en: 'Straw burning report' }).at(-1)!);
const title = (zh: string, en = zh) => ({ zh, en });

describe('each field kind writes what rjsf and the engine understand', () => {
  const cases: { kind: Exclude<FieldKind, 'other'>; schema: Doc; ui?: Doc; good: unknown; bad?: unknown; badCode?: string }[] = [
    { kind: 'text', schema: { type: 'string', title: '字段', maxLength: 200 }, good: '一些文字', bad: 'x'.repeat(201), badCode: 'maxLength' },
    { kind: 'textarea', schema: { type: 'string', title: '字段', maxLength: 2000 }, ui: { 'ui:widget': 'textarea', 'ui:options': { rows: 4 } }, good: '多行\n文字', bad: 3, badCode: 'type' },
    { kind: 'integer', schema: { type: 'integer', title: '字段', minimum: 0, maximum: 100000 }, good: 12, bad: 1.5, badCode: 'type' },
    { kind: 'number', schema: { type: 'number', title: '字段', minimum: 0, maximum: 100000000 }, good: 1.5, bad: -1, badCode: 'minimum' },
    { kind: 'choice', schema: { type: 'string', title: '字段', oneOf: [{ const: 'option1', title: '选项 1' }, { const: 'option2', title: '选项 2' }] }, ui: { 'ui:widget': 'radio', oneOf: [{ 'ui:title': { zh: '选项 1', en: 'Option 1' } }, { 'ui:title': { zh: '选项 2', en: 'Option 2' } }] }, good: 'option2', bad: 'option3', badCode: 'oneOf' },
    { kind: 'multi', schema: { type: 'array', title: '字段', items: { type: 'string', oneOf: [{ const: 'option1', title: '选项 1' }, { const: 'option2', title: '选项 2' }] }, uniqueItems: true }, ui: { 'ui:widget': 'checkboxes', items: { oneOf: [{ 'ui:title': { zh: '选项 1', en: 'Option 1' } }, { 'ui:title': { zh: '选项 2', en: 'Option 2' } }] } }, good: ['option1', 'option2'], bad: ['option1', 'option1'], badCode: 'uniqueItems' },
    { kind: 'yesno', schema: { type: 'boolean', title: '字段', default: false }, ui: { 'ui:widget': 'radio' }, good: true, bad: '是', badCode: 'type' },
    { kind: 'date', schema: { type: 'string', title: '字段', format: 'date' }, good: '2026-06-18', bad: '06/18/2026', badCode: 'format' },
    { kind: 'datetime', schema: { type: 'string', title: '字段', format: 'date-time' }, good: '2026-06-18T10:00:00+08:00', bad: '2026-06-18', badCode: 'format' },
    { kind: 'phone', schema: { type: 'string', title: '字段', pattern: PHONE_PATTERN }, ui: { 'ui:options': { inputType: 'tel' } }, good: '13812345678', bad: '12345', badCode: 'pattern' },
    { kind: 'email', schema: { type: 'string', title: '字段', format: 'email', maxLength: 100 }, good: 'a@b.cn', bad: 'not mail', badCode: 'format' },
    { kind: 'photos', schema: { type: 'array', title: '字段', items: { type: 'string', pattern: '^(att:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|https?://[^\\s]+)$', maxLength: 2000 }, maxItems: 9 }, ui: { 'ui:options': { orderable: false } }, good: ['att:0b6f1c1e-3f7a-4c1d-9e2b-5a8d7c6e4f30', 'https://x.cn/1.jpg'], bad: 'https://x.cn/1.jpg', badCode: 'type' },
    { kind: 'place', schema: { type: 'string', title: '字段', pattern: GRID_PATTERN }, ui: { 'ui:widget': 'grid' }, good: 'qs-fx-v01-g1', bad: '网格 1', badCode: 'pattern' },
  ];
  it.each(cases)('$kind', ({ kind, schema, ui, good, bad, badCode }) => {
    const { model, key } = addField(emptyModel(), kind, { title: title('字段', '') });
    const form = modelToForm(model);
    expect(form.schema.properties[key]).toEqual(schema);
    expect((form.uiSchema as Doc)[key]).toEqual(ui);
    expect(canonicalJson(modelToForm(formToModel(form)))).toBe(canonicalJson(form));
    const validate = compileWith(form);
    if (good !== undefined) expect(validate({ [key]: good })).toEqual([]);
    if (bad !== undefined) expect(validate({ [key]: bad })).toContain(`${badCode} /${key}`);
  });

  it('a single choice with zh/en options, required, as radio buttons', () => {
    let { model, key } = addField(emptyModel(), 'choice', { title: title('焚烧物', 'Material burned') });
    model = updateField(model, key, { required: true, options: [{ value: 'straw', zh: '秸秆', en: 'Straw' }, { value: 'garbage', zh: '垃圾', en: 'Garbage' }, { value: 'plastic', zh: '塑料', en: 'Plastic' }] });
    const form = modelToForm(model);
    expect(form.schema.properties[key]).toEqual({ type: 'string', title: '焚烧物', oneOf: [{ const: 'straw', title: '秸秆' }, { const: 'garbage', title: '垃圾' }, { const: 'plastic', title: '塑料' }] });
    expect((form.uiSchema as Doc)[key]).toEqual({ 'ui:title': { zh: '焚烧物', en: 'Material burned' }, 'ui:widget': 'radio', oneOf: [{ 'ui:title': { zh: '秸秆', en: 'Straw' } }, { 'ui:title': { zh: '垃圾', en: 'Garbage' } }, { 'ui:title': { zh: '塑料', en: 'Plastic' } }] });
    expect(form.schema.required).toEqual([key]);
    const validate = compileWith(form);
    expect(validate({ [key]: 'straw' })).toEqual([]);
    expect(validate({ [key]: 'wood' })).toContain(`oneOf /${key}`);
    expect(validate({})).toEqual([`required /${key}`]);
  });

  it('a multiple choice as select, enum-encoded, with bounds', () => {
    let { model, key } = addField(emptyModel(), 'multi', { title: title('现象', 'Signs') });
    model = updateField(model, key, { display: 'select', encoding: 'enum', minItems: 1, options: [{ value: 'smoke', zh: '浓烟', en: 'Smoke' }, { value: 'fire', zh: '明火', en: 'Open fire' }] });
    const form = modelToForm(model);
    expect(form.schema.properties[key]).toEqual({ type: 'array', title: '现象', items: { type: 'string', enum: ['smoke', 'fire'] }, uniqueItems: true, minItems: 1 });
    expect((form.uiSchema as Doc)[key]).toEqual({ 'ui:title': { zh: '现象', en: 'Signs' }, items: { 'ui:enumNames': [{ zh: '浓烟', en: 'Smoke' }, { zh: '明火', en: 'Open fire' }] } });
    const validate = compileWith(form);
    expect(validate({ [key]: ['smoke', 'fire'] })).toEqual([]);
    expect(validate({ [key]: [] })).toEqual([`minItems /${key}`]);
  });

  it('a number with a unit, help, placeholder and default', () => {
    let { model, key } = addField(emptyModel(), 'number', { title: title('面积', 'Area') });
    model = updateField(model, key, { unit: { zh: '亩', en: 'mu' }, maximum: 500, help: title('估计即可', 'An estimate will do'), placeholder: title('如 2.5', 'e.g. 2.5'), default: 1 });
    const form = modelToForm(model);
    expect(form.schema.properties[key]).toEqual({ type: 'number', title: '面积（亩）', minimum: 0, maximum: 500, default: 1 });
    expect((form.uiSchema as Doc)[key]).toEqual({ 'ui:title': { zh: '面积（亩）', en: 'Area (mu)' }, 'ui:placeholder': { zh: '如 2.5', en: 'e.g. 2.5' }, 'ui:help': { zh: '估计即可', en: 'An estimate will do' } });
    const read = formToModel(form).fields.find((f) => f.key === key)!;
    expect([read.title, read.unit]).toEqual([{ zh: '面积', en: 'Area' }, { zh: '亩', en: 'mu' }]);
    expect(compileWith(form)({ [key]: 501 })).toEqual([`maximum /${key}`]);
  });
});

describe('conditional display', () => {
  function strawForm(equals?: boolean) {
    let { model, key: nearHomes } = addField(emptyModel(), 'yesno', { title: title('是否靠近民房', 'Near homes?') });
    model = renameKey(model, nearHomes, 'nearHomes').ok ? (renameKey(model, nearHomes, 'nearHomes') as { model: FormModel }).model : model;
    const added = addField(model, 'integer', { title: title('距离（米）', 'Distance (m)') });
    model = updateField(added.model, added.key, { required: true, showWhen: equals === undefined ? { field: 'nearHomes' } : { field: 'nearHomes', equals } });
    return { form: modelToForm(model), key: added.key };
  }

  it('"equals" writes allOf if/then; the engine asks for the field only then, and refuses it otherwise', () => {
    const { form, key } = strawForm(true);
    expect(form.schema.allOf).toEqual([{ if: { properties: { nearHomes: { const: true } }, required: ['nearHomes'] }, then: { properties: { [key]: { type: 'integer', title: '距离（米）', minimum: 0, maximum: 100000 } }, required: [key] } }]);
    expect(Object.keys(form.schema.properties)).toEqual(['nearHomes']);
    expect((form.uiSchema as Doc)['ui:order']).toEqual(['nearHomes', key, '*']);
    const validate = compileWith(form);
    expect(validate({ nearHomes: false })).toEqual([]);
    expect(validate({ nearHomes: true, [key]: 30 })).toEqual([]);
    expect(validate({ nearHomes: true })).toEqual([`required /${key}`]);
    expect(validate({ nearHomes: false, [key]: 30 })).toEqual([`unknown-field /${key}`]);
    expect(validate({ nearHomes: true, [key]: -1 })).toEqual([`minimum /${key}`]);
  });

  it('"has a value" tests only that the field is there', () => {
    const { form, key } = strawForm();
    expect((form.schema.allOf as Doc[])[0].if).toEqual({ required: ['nearHomes'] });
    const validate = compileWith(form);
    expect(validate({ nearHomes: false })).toEqual([`required /${key}`]);
    expect(validate({ [key]: 3 })).toEqual([`unknown-field /${key}`]);
  });

  it('rjsf shows the field only when the condition holds (its schema utilities on the composed form)', () => {
    const { form, key } = strawForm(true);
    const composed = composePreview([...baseline.forms, form], form.id)!;
    const shown = (data: Doc) => Object.keys((retrieveSchema(rjsfValidator, composed.schema as never, composed.schema as never, data) as Doc).properties);
    expect(shown({ nearHomes: true })).toContain(key);
    expect(shown({ nearHomes: false })).not.toContain(key);
    expect(composed.uiSchema['ui:order']).toContain(key);
  });

  it('reads back into the same model', () => {
    const { form, key } = strawForm(true);
    const field = formToModel(form).fields.find((f) => f.key === key)!;
    expect([field.kind, field.required, field.showWhen]).toEqual(['integer', true, { field: 'nearHomes', equals: true }]);
    expect(canonicalJson(modelToForm(formToModel(form)))).toBe(canonicalJson(form));
  });

  it('an allOf entry that is not a builder condition is kept as it was', () => {
    const form = { ...modelToForm(emptyModel()) };
    const odd = { if: { required: ['a', 'b'] }, then: { required: ['c'] } };
    form.schema = { ...form.schema, allOf: [odd] as never };
    expect(modelToForm(formToModel(form)).schema.allOf).toEqual([odd]);
  });
});

describe('edits', () => {
  const three = () => {
    let model = emptyModel();
    for (const kind of ['text', 'yesno', 'choice'] as const) model = addField(model, kind, { title: title(kind) }).model;
    return model;
  };
  const keys = (m: FormModel) => m.fields.map((f) => f.key);

  it('addField picks a free key, also among the fields of included forms', () => {
    const { model, key } = addField(emptyModel(), 'text', { title: title('a'), taken: ['text1'] });
    expect(key).toBe('text2');
    expect(addField(model, 'text', { title: title('b'), at: 0 }).model.fields.map((f) => f.key)).toEqual(['text1', 'text2']);
  });

  it('moveField reorders, and ignores indexes out of range', () => {
    expect(keys(moveField(three(), 2, 0))).toEqual(['choice1', 'text1', 'yesno1']);
    expect(keys(moveField(three(), 0, 5))).toEqual(['text1', 'yesno1', 'choice1']);
    expect((modelToForm(moveField(three(), 2, 0)).uiSchema as Doc)['ui:order']).toEqual(['choice1', 'text1', 'yesno1', '*']);
  });

  it('removeField drops the field, its requirement and conditions on it', () => {
    let model = updateField(three(), 'text1', { required: true, showWhen: { field: 'yesno1', equals: true } });
    model = updateField(model, 'choice1', { required: true });
    const form = modelToForm(removeField(model, 'yesno1'));
    expect(Object.keys(form.schema.properties)).toEqual(['text1', 'choice1']);
    expect(form.schema.required).toEqual(['text1', 'choice1']);
    expect(form.schema.allOf).toBeUndefined();
  });

  it('updateField changes settings; a new kind starts fresh but keeps title, requirement and options', () => {
    let model = updateField(three(), 'choice1', { required: true, options: [{ value: 'a', zh: '甲', en: 'A' }] });
    model = updateField(model, 'choice1', { kind: 'multi' });
    const field = model.fields[2];
    expect([field.kind, field.required, field.options, field.display, field.title]).toEqual(['multi', true, [{ value: 'a', zh: '甲', en: 'A' }], 'checkboxes', title('choice')]);
    expect(updateField(model, 'text1', { maxLength: undefined }).fields[0].maxLength).toBeUndefined();
  });

  it('renameKey renames the field, its place in required and the conditions that test it', () => {
    let model = updateField(three(), 'yesno1', { required: true });
    model = updateField(model, 'text1', { showWhen: { field: 'yesno1' } });
    const renamed = renameKey(model, 'yesno1', 'nearHomes');
    if (!renamed.ok) throw new Error(renamed.problem);
    expect(keys(renamed.model)).toEqual(['text1', 'nearHomes', 'choice1']);
    const form = modelToForm(renamed.model);
    expect(form.schema.required).toEqual(['nearHomes']);
    expect((form.schema.allOf as Doc[])[0].if).toEqual({ required: ['nearHomes'] });
  });

  it.each([
    ['', 'empty'],
    ['1abc', 'malformed'],
    ['has space', 'malformed'],
    ['choice1', 'taken'],
    ['description', 'taken'],
  ])('renameKey refuses %j: %s', (to, problem) => {
    expect(renameKey(three(), 'text1', to, ['description'])).toEqual({ ok: false, problem });
    expect(keyProblem(three(), to, ['description'])).toBe(problem);
  });
});

describe('forms: add, rename, delete', () => {
  const sections = () => ({ forms: structuredClone(baseline.forms) as Form[], categories: structuredClone(baseline.categories) as MajorCategory[] });

  it('a new form composes the base fields and compiles', () => {
    const forms = addForm(baseline.forms, 'straw-burning', { zh: '秸秆焚烧上报表', en: 'Straw burning report' });
    const form = forms.at(-1)!;
    expect(form).toMatchObject({ id: 'straw-burning', include: ['base'], schema: { type: 'object', title: '秸秆焚烧上报表', properties: {} } });
    expect(compileWith(form)({})).toEqual([]);
    expect(formIdProblem(forms, 'straw-burning')).toBe('taken');
    expect(formIdProblem(forms, 'straw burning')).toBe('malformed');
  });

  it('renaming a form carries the new id into its categories', () => {
    const next = renameForm(sections(), 'env-air', { id: 'env-air2', name: { zh: '大气', en: 'Air' } });
    expect(next.forms.find((f) => f.id === 'env-air2')?.name).toEqual({ zh: '大气', en: 'Air' });
    expect(next.categories.flatMap((m) => m.children).filter((c) => c.form === 'env-air2').length).toBeGreaterThan(0);
    expect(next.categories.flatMap((m) => m.children).some((c) => c.form === 'env-air')).toBe(false);
  });

  it('a form in use is not deleted; an unused one is', () => {
    expect(removeForm(sections(), 'base')).toMatchObject({ ok: false });
    const added = { ...sections(), forms: addForm(sections().forms, 'spare', { zh: '备用', en: 'Spare' }) };
    const removed = removeForm(added, 'spare');
    expect(removed.ok && removed.forms.some((f) => f.id === 'spare')).toBe(false);
  });
});
