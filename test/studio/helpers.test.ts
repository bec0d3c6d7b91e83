import { describe, expect, it } from 'vitest';
import { locatePointer, parsePointer } from '../../studio/src/config/json-pointer-locator';
import { fromLocalInput, nextDay, startOfDay, toIsoWithOffset, toLocalInput } from '../../studio/src/util/zoned';

const text = JSON.stringify({ rules: [{ id: 'a', event: { type: 'route', params: { target: { unit: 'x~y/z' } } } }] }, null, 2);

describe('json pointer locator (problems list → place in the editor)', () => {
  it.each([
    ['/rules/0/id', '"id": "a"', true],
    ['/rules/0/event/type', '"type": "route"', true],
    ['/rules/0/event/params/target', '"target": {', true],
    ['/rules/0/event/params/nothing', '"params": {', false],
    ['/rules/7', '"rules": [', false],
  ])('%s', (pointer, highlighted, exact) => {
    const span = locatePointer(text, pointer);
    expect(text.slice(span.offset, span.offset + span.length)).toBe(highlighted);
    expect(span.exact).toBe(exact);
  });
  it('unescapes ~0 and ~1', () => expect(parsePointer('/a~1b/c~0d')).toEqual(['a/b', 'c~d']));
});

describe('county time in the page', () => {
  it.each([
    ['2026-06-18T10:00', 'Asia/Shanghai', '2026-06-18T10:00:00+08:00'],
    ['2026-12-31T23:30', 'Asia/Shanghai', '2026-12-31T23:30:00+08:00'],
  ])('%s in %s', (input, zone, iso) => {
    const ms = fromLocalInput(input, zone)!;
    expect(toIsoWithOffset(ms, zone)).toBe(iso);
    expect(toLocalInput(ms, zone)).toBe(input);
  });
  it('days start at local midnight', () => {
    const day = startOfDay(Date.parse('2026-10-01T15:00:00+08:00'), 'Asia/Shanghai');
    expect(toIsoWithOffset(day, 'Asia/Shanghai')).toBe('2026-10-01T00:00:00+08:00');
    expect(toIsoWithOffset(nextDay(day, 'Asia/Shanghai'), 'Asia/Shanghai')).toBe('2026-10-02T00:00:00+08:00');
  });
});

describe('diff text of two config versions', () => {
  it('lays the newer document out in the older one’s key order, so moved sections are not changes', async () => {
    const { inOrderOf, pretty } = await import('../../studio/src/config/sections');
    const v1 = { id: 'c', calendars: [{ id: 'k', days: [1, 2] }], rules: [{ id: 'r', priority: 1 }] };
    const v2 = { rules: [{ priority: 2, id: 'r' }, { id: 'new' }], id: 'c', calendars: [{ days: [1, 2], id: 'k' }], extra: true };
    const text = pretty(inOrderOf(v2, v1));
    expect(text).toBe(pretty({ id: 'c', calendars: [{ id: 'k', days: [1, 2] }], rules: [{ id: 'r', priority: 2 }, { id: 'new' }], extra: true }));
    // the same JSON value, only reordered
    expect(JSON.parse(text)).toEqual(v2);
  });
});

describe('worklist order and deadlines', () => {
  it('reads a worklist item’s deadlines (items carry acceptDue/resolveDue, not the SLA plan)', async () => {
    const { dueOf, isOverdue, worklistOrder } = await import('../../studio/src/ops/worklist-order');
    const item = (id: string, acceptDue: string | null, resolveDue: string | null, state = 'dispatched') =>
      ({ id, state, red: false, closed: false, sla: null, acceptDue, resolveDue, reportedAt: '2026-06-18T02:00:00.000Z' }) as unknown as Parameters<typeof dueOf>[0];
    const soon = item('soon', '2026-06-18T04:00:00.000Z', '2026-06-20T04:00:00.000Z');
    const later = item('later', null, '2026-06-19T04:00:00.000Z', 'accepted');
    const none = item('none', null, null, 'accepted');
    expect(dueOf(soon)).toBe(Date.parse('2026-06-18T04:00:00.000Z'));
    expect(dueOf(later)).toBe(Date.parse('2026-06-19T04:00:00.000Z'));
    expect(dueOf(none)).toBeNull();
    const now = Date.parse('2026-06-18T05:00:00.000Z');
    expect(isOverdue(soon, now)).toBe(true);
    expect(isOverdue(later, now)).toBe(false);
    expect(worklistOrder([none, later, soon], now).map((e) => e.id)).toEqual(['soon', 'later', 'none']);
  });
});

describe('report field issues for a person', () => {
  const schema = {
    type: 'object',
    properties: {
      issueType: { type: 'string', oneOf: [{ const: 'a' }, { const: 'b' }, { const: 'c' }, { const: 'd' }] },
      victims: { type: 'integer', minimum: 0, maximum: 50 },
      note: { type: 'string', maxLength: 20 },
      reporterPhone: { type: 'string', pattern: '^1[3-9][0-9]{9}$' },
      bitten: { type: 'boolean' },
      urgent: { type: 'boolean' },
      place: { type: 'object', properties: { indoors: { type: 'boolean' } } },
    },
    required: ['issueType'],
  };
  const ui = { urgent: { 'ui:widget': 'radio' } };

  it('a choice left empty is one "required", not one issue per option; bounds come from the schema', async () => {
    const { fieldIssues, describeFieldIssue } = await import('../../studio/src/forms/issues-to-errors');
    const issues = [
      ...['a', 'b', 'c', 'd'].map(() => ({ code: 'const', pointer: '/issueType', message: '"issueType" must be equal to constant' })),
      { code: 'oneOf', pointer: '/issueType', message: '"issueType" must match exactly one schema in oneOf' },
      { code: 'maximum', pointer: '/victims', message: '"victims" must be <= 50' },
      { code: 'maxLength', pointer: '/note', message: '"note" must NOT have more than 20 characters' },
      { code: 'pattern', pointer: '/reporterPhone', message: '"reporterPhone" must match pattern "^1[3-9][0-9]{9}$"' },
    ];
    const found = fieldIssues(issues, schema, { issueType: '', victims: 99, note: 'x'.repeat(30), reporterPhone: '123' });
    expect(found).toEqual([
      { pointer: '/issueType', kind: 'required' },
      { pointer: '/victims', kind: 'range', bound: { min: 0, max: 50 } },
      { pointer: '/note', kind: 'length', bound: { min: undefined, max: 20 } },
      { pointer: '/reporterPhone', kind: 'format' },
    ]);
    const t = (key: string, values?: Record<string, unknown>) => `${key}${values ? JSON.stringify(values) : ''}`;
    expect(describeFieldIssue(found[1], t)).toBe('form.issue.range（form.bound.range.between{"min":0,"max":50}）');
    expect(describeFieldIssue(found[2], t)).toBe('form.issue.length（form.bound.length.atMost{"max":20}）');
    // no field code, no regex
    expect(found.map((f) => describeFieldIssue(f, t)).join(' ')).not.toMatch(/reporterPhone|\^1/);
  });

  it('an unticked checkbox is false; a radio left unanswered stays unanswered', async () => {
    const { withUntickedFalse } = await import('../../studio/src/forms/issues-to-errors');
    const data = { issueType: 'a', place: {} };
    expect(withUntickedFalse(schema, ui, data)).toEqual({ issueType: 'a', bitten: false, place: { indoors: false } });
    const full = { issueType: 'a', bitten: true, place: { indoors: true } };
    expect(withUntickedFalse(schema, ui, full)).toBe(full);
    // a field with a default keeps it (rjsf fills it in)
    const withDefault = { type: 'object', properties: { notify: { type: 'boolean', default: true } } };
    expect(withUntickedFalse(withDefault, {}, {})).toEqual({});
  });
});

describe('new category codes', () => {
  it('are refused when a major or minor category has them, or when the schema would refuse them', async () => {
    const { categoryCodeProblem } = await import('../../studio/src/config/category-edits');
    const tree = [{ code: 'dispute', name: { zh: '纠纷', en: 'Disputes' }, children: [{ code: 'dispute-pet', name: { zh: '宠物', en: 'Pets' }, form: 'f', platform: 'governance', level: 1 }] }] as never;
    expect(categoryCodeProblem(tree, 'dispute')).toBe('taken');
    expect(categoryCodeProblem(tree, 'dispute-pet')).toBe('taken');
    expect(categoryCodeProblem(tree, '宠物 纠纷')).toBe('malformed');
    expect(categoryCodeProblem(tree, '-x')).toBe('malformed');
    expect(categoryCodeProblem(tree, 'safety')).toBeNull();
    expect(categoryCodeProblem(tree, '')).toBeNull();
  });
});

describe("a grid worker's own reports", () => {
  it('list first what waits for the reporter (information asked for, a result to confirm), closed ones last', async () => {
    const { worklistOrder } = await import('../../studio/src/ops/worklist-order');
    const e = (id: string, state: string, closed = false, reportedAt = '2026-06-18T02:00:00.000Z') =>
      ({ id, state, closed, red: false, sla: null, acceptDue: null, resolveDue: null, reportedAt }) as unknown as Parameters<typeof worklistOrder>[0][number];
    const list = [e('done', 'closed', true, '2026-06-19T02:00:00.000Z'), e('working', 'in_progress'), e('asked', 'awaiting_reporter', false, '2026-06-01T02:00:00.000Z'), e('confirm', 'resolved')];
    expect(worklistOrder(list, Date.parse('2026-06-20T00:00:00Z'), true).map((x) => x.id)).toEqual(['confirm', 'asked', 'working', 'done']);
  });
});

describe('report issues while the user edits', () => {
  it('a changed field drops its issue until the next check; the others stay', async () => {
    const { issuesAfterEdit } = await import('../../studio/src/forms/issues-to-errors');
    const issues = [
      { code: 'required', pointer: '/description', message: 'x' },
      { code: 'required', pointer: '/location/grid', message: 'x' },
    ];
    const before = { location: {} };
    expect(issuesAfterEdit(issues, before, { location: {}, description: '墙塌了' })).toEqual([issues[1]]);
    expect(issuesAfterEdit(issues, before, { location: { grid: 'g1' } })).toEqual([issues[0]]);
    expect(issuesAfterEdit(issues, before, { location: {} })).toBe(issues);
  });
});
