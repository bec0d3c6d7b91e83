/** The version diff's summary in the domain's words, over the baseline catalog and edited copies of it. */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { summarizeConfigDiff } from '../../studio/src/config/diff-summary';
import { CATALOGS_DIR, loadConfigPath } from '../../runtime/config-loader';

type Doc = Record<string, any>;
let base: Doc;
const copy = (): Doc => structuredClone(base);

beforeAll(async () => {
  const loaded = await loadConfigPath(path.join(CATALOGS_DIR, 'zhejiang-four-platforms'));
  if (!loaded.ok) throw new Error('catalog does not load');
  base = loaded.value.config as unknown as Doc;
});

describe('summarizeConfigDiff', () => {
  it('says nothing for the same config', () => expect(summarizeConfigDiff(base, copy())).toEqual([]));

  it('names an added minor category, its form and its rule, and a changed time limit', () => {
    const next = copy();
    const env = next.categories.find((m: Doc) => m.code === 'environment') ?? next.categories[0];
    env.children.push({ code: 'straw-burning', name: { zh: '秸秆焚烧', en: 'Straw burning' }, form: 'straw-burning', platform: 'enforcement', level: 1 });
    next.forms.push({ id: 'straw-burning', name: { zh: '秸秆焚烧', en: 'Straw burning' }, schema: { type: 'object', properties: {} } });
    next.rules.push({ id: 'r-straw', name: { zh: '秸秆焚烧派执法', en: 'Straw burning to enforcement' }, priority: 100, scope: { category: 'straw-burning' }, conditions: { all: [] }, event: { type: 'grade', params: { level: 2 } } });
    next.sla.policies.find((p: Doc) => p.id === 'level-2').accept.hours = 2;
    const lines = summarizeConfigDiff(base, next);
    expect(lines.map((l) => l.zh)).toEqual(['新增小类 秸秆焚烧', '新增表单 秸秆焚烧', '新增规则「秸秆焚烧派执法」', '较大事件受理时限 4 → 2 小时']);
    expect(lines.map((l) => l.en)).toContain('Minor category added: Straw burning');
    expect(lines.at(-1)!.en).toBe('Serious events: time to accept 4 → 2 hours');
    const policy = next.sla.policies.findIndex((p: Doc) => p.id === 'level-2');
    expect(lines.at(-1)!.pointer).toBe(`/sla/policies/${policy}/accept/hours`);
  });

  it('tells a changed condition from a changed outcome, a rename and a reordering', () => {
    const next = copy();
    const i = next.rules.findIndex((r: Doc) => r.conditions && r.event?.type === 'route');
    const rule = next.rules[i];
    rule.conditions = { any: [rule.conditions] };
    rule.priority += 1;
    const lines = summarizeConfigDiff(base, next);
    expect(lines.map((l) => l.zh)).toEqual([`规则「${rule.name.zh}」条件改变`, `规则「${rule.name.zh}」优先级 ${rule.priority - 1} → ${rule.priority}`]);
    expect(lines[0].pointer).toBe(`/rules/${i}/conditions`);
  });

  it('follows a minor category moved to another major, and a removed unit and form field', () => {
    const next = copy();
    const moved = next.categories[0].children.shift();
    next.categories[1].children.push(moved);
    const unit = next.units.pop();
    const form = next.forms.find((f: Doc) => Object.keys(f.schema?.properties ?? {}).length > 1);
    const field = Object.keys(form.schema.properties)[0];
    delete form.schema.properties[field];
    const zh = summarizeConfigDiff(base, next).map((l) => l.zh);
    expect(zh).toContain(`小类 ${moved.name.zh} 移到 ${next.categories[1].name.zh}`);
    expect(zh).toContain(`删除单位 ${unit.name.zh}`);
    expect(zh).toContain(`表单 ${form.name.zh} 删除字段 ${field}`);
    expect(zh.some((l) => l.startsWith('删除小类'))).toBe(false);
  });

  it('reads level names from the levels section', () => {
    const next = copy();
    next.levels = [{ level: 1, name: { zh: '一般', en: 'General' } }, { level: 2, name: { zh: '紧急', en: 'Urgent' } }, { level: 3, name: { zh: '重大', en: 'Major' } }, { level: 4, name: { zh: '特别重大', en: 'Extraordinary' } }];
    next.sla.policies.find((p: Doc) => p.id === 'level-2').resolve.hours += 1;
    const zh = summarizeConfigDiff(base, next).map((l) => l.zh);
    expect(zh[0]).toBe('2 级名称「较大」→「紧急」');
    expect(zh.at(-1)).toMatch(/^紧急事件办结时限 \d+ → \d+ 小时$/);
  });
});
