/**
 * What changed between two config versions, said in the domain's words ("新增小类 秸秆焚烧",
 * "规则「…」条件改变", "「较大事件」受理时限 4 → 2 小时"), one line per change in both languages,
 * each with the JSON pointer of its place in the newer version (or the older, for a removal).
 * Pure: the diff page shows it above the JSON diff.
 */
import { levelChoices } from './level-names';

export interface SummaryLine {
  zh: string;
  en: string;
  pointer: string;
}

type Doc = Record<string, unknown>;
type Item = Record<string, unknown>;
interface Named {
  zh?: string;
  en?: string;
}

const isObject = (v: unknown): v is Item => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): Item[] => (Array.isArray(v) ? v.filter(isObject) : []);
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isObject(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
  return JSON.stringify(v) ?? 'undefined';
}

function nameOf(item: Item, key: string): Named {
  const name = item.name as Named | string | undefined;
  const id = String(item[key] ?? '');
  if (typeof name === 'string') return { zh: name, en: name };
  return { zh: name?.zh || name?.en || id, en: name?.en || name?.zh || id };
}

/** Items of two lists matched by their key: added, removed and both. */
function match(before: Item[], after: Item[], key: string) {
  const old = new Map(before.map((item, i) => [String(item[key]), { item, i }]));
  const now = new Map(after.map((item, i) => [String(item[key]), { item, i }]));
  return {
    added: [...now].filter(([id]) => !old.has(id)).map(([, v]) => v),
    removed: [...old].filter(([id]) => !now.has(id)).map(([, v]) => v),
    kept: [...now].filter(([id]) => old.has(id)).map(([id, v]) => ({ before: old.get(id)!.item, after: v.item, i: v.i })),
  };
}

const hours = (h: unknown) => (typeof h === 'number' ? String(h) : '—');

export function summarizeConfigDiff(before: Doc, after: Doc): SummaryLine[] {
  const out: SummaryLine[] = [];
  const add = (zh: string, en: string, pointer: string) => out.push({ zh, en, pointer });

  if (!same(before.name, after.name)) add(`配置名称改为「${nameOf(after, 'id').zh}」`, `Config renamed "${nameOf(after, 'id').en}"`, '/name');

  // levels
  const levelsBefore = levelChoices(before);
  const levelsAfter = levelChoices(after);
  const levelName = (level: number, lang: 'zh' | 'en') => levelsAfter.find((l) => l.level === level)?.name[lang] ?? levelsBefore.find((l) => l.level === level)?.name[lang] ?? String(level);
  if (!same(before.levels, after.levels)) {
    if (levelsAfter.length !== levelsBefore.length) add(`事件等级 ${levelsBefore.length} 级 → ${levelsAfter.length} 级`, `Levels ${levelsBefore.length} → ${levelsAfter.length}`, '/levels');
    for (const l of levelsAfter) {
      const was = levelsBefore.find((b) => b.level === l.level);
      if (was && !same(was.name, l.name)) add(`${l.level} 级名称「${was.name.zh}」→「${l.name.zh}」`, `Level ${l.level} renamed "${was.name.en}" → "${l.name.en}"`, '/levels');
    }
  }

  // categories: majors, then minors matched across majors (a move is a move, not a removal)
  const majors = match(list(before.categories), list(after.categories), 'code');
  for (const { item, i } of majors.added) add(`新增大类 ${nameOf(item, 'code').zh}`, `Major category added: ${nameOf(item, 'code').en}`, `/categories/${i}`);
  for (const { item, i } of majors.removed) add(`删除大类 ${nameOf(item, 'code').zh}`, `Major category removed: ${nameOf(item, 'code').en}`, `/categories/${i}`);
  for (const { before: b, after: a, i } of majors.kept) {
    if (!same(b.name, a.name)) add(`大类 ${nameOf(b, 'code').zh} 改名为 ${nameOf(a, 'code').zh}`, `Major category ${nameOf(b, 'code').en} renamed ${nameOf(a, 'code').en}`, `/categories/${i}/name`);
  }
  const minorsOf = (doc: Doc) =>
    list(doc.categories).flatMap((m, mi) => list(m.children).map((c, ci) => ({ ...c, $major: m, $pointer: `/categories/${mi}/children/${ci}` }) as Item));
  const minors = match(minorsOf(before), minorsOf(after), 'code');
  for (const { item } of minors.added) add(`新增小类 ${nameOf(item, 'code').zh}`, `Minor category added: ${nameOf(item, 'code').en}`, String(item.$pointer));
  for (const { item } of minors.removed) add(`删除小类 ${nameOf(item, 'code').zh}`, `Minor category removed: ${nameOf(item, 'code').en}`, String(item.$pointer));
  for (const { before: b, after: a } of minors.kept) {
    const n = nameOf(a, 'code');
    const p = String(a.$pointer);
    if ((b.$major as Item).code !== (a.$major as Item).code) add(`小类 ${n.zh} 移到 ${nameOf(a.$major as Item, 'code').zh}`, `Minor category ${n.en} moved to ${nameOf(a.$major as Item, 'code').en}`, p);
    if (!same(b.name, a.name)) add(`小类 ${nameOf(b, 'code').zh} 改名为 ${n.zh}`, `Minor category ${nameOf(b, 'code').en} renamed ${n.en}`, `${p}/name`);
    if (b.level !== a.level) add(`小类 ${n.zh} 默认等级 ${levelName(Number(b.level), 'zh')} → ${levelName(Number(a.level), 'zh')}`, `Minor category ${n.en} default level ${levelName(Number(b.level), 'en')} → ${levelName(Number(a.level), 'en')}`, `${p}/level`);
    if (b.form !== a.form) add(`小类 ${n.zh} 表单 ${String(b.form)} → ${String(a.form)}`, `Minor category ${n.en} form ${String(b.form)} → ${String(a.form)}`, `${p}/form`);
    if (b.platform !== a.platform) add(`小类 ${n.zh} 默认平台 ${String(b.platform)} → ${String(a.platform)}`, `Minor category ${n.en} default platform ${String(b.platform)} → ${String(a.platform)}`, `${p}/platform`);
  }

  summarizeUnits(before, after, add);
  summarizeForms(before, after, add);
  summarizeRules(before, after, add);
  summarizeSla(before, after, add, levelName);
  summarizeOthers(before, after, add);
  return out;
}

type Add = (zh: string, en: string, pointer: string) => void;

function summarizeUnits(before: Doc, after: Doc, add: Add) {
  const units = match(list(before.units), list(after.units), 'id');
  for (const { item, i } of units.added) add(`新增单位 ${nameOf(item, 'id').zh}`, `Unit added: ${nameOf(item, 'id').en}`, `/units/${i}`);
  for (const { item, i } of units.removed) add(`删除单位 ${nameOf(item, 'id').zh}`, `Unit removed: ${nameOf(item, 'id').en}`, `/units/${i}`);
  for (const { before: b, after: a, i } of units.kept) {
    if (!same(b, a)) add(`单位 ${nameOf(a, 'id').zh} 有改动`, `Unit ${nameOf(a, 'id').en} changed`, `/units/${i}`);
  }
}

function summarizeForms(before: Doc, after: Doc, add: Add) {
  const forms = match(list(before.forms), list(after.forms), 'id');
  for (const { item, i } of forms.added) add(`新增表单 ${nameOf(item, 'id').zh}`, `Form added: ${nameOf(item, 'id').en}`, `/forms/${i}`);
  for (const { item, i } of forms.removed) add(`删除表单 ${nameOf(item, 'id').zh}`, `Form removed: ${nameOf(item, 'id').en}`, `/forms/${i}`);
  for (const { before: b, after: a, i } of forms.kept) {
    const n = nameOf(a, 'id');
    const fieldsOf = (f: Item) => (isObject(f.schema) && isObject(f.schema.properties) ? f.schema.properties : {});
    const was = fieldsOf(b);
    const now = fieldsOf(a);
    const added = Object.keys(now).filter((k) => !(k in was));
    const removed = Object.keys(was).filter((k) => !(k in now));
    const changed = Object.keys(now).filter((k) => k in was && !same(was[k], now[k]));
    if (added.length) add(`表单 ${n.zh} 新增字段 ${added.join('、')}`, `Form ${n.en}: fields added ${added.join(', ')}`, `/forms/${i}/schema/properties`);
    if (removed.length) add(`表单 ${n.zh} 删除字段 ${removed.join('、')}`, `Form ${n.en}: fields removed ${removed.join(', ')}`, `/forms/${i}/schema/properties`);
    if (changed.length) add(`表单 ${n.zh} 字段 ${changed.join('、')} 有改动`, `Form ${n.en}: fields changed ${changed.join(', ')}`, `/forms/${i}/schema/properties/${changed[0]}`);
    const rest = (f: Item) => ({ ...f, schema: isObject(f.schema) ? { ...f.schema, properties: undefined } : f.schema });
    if (!added.length && !removed.length && !changed.length && !same(rest(b), rest(a))) add(`表单 ${n.zh} 有改动`, `Form ${n.en} changed`, `/forms/${i}`);
  }
}

function summarizeRules(before: Doc, after: Doc, add: Add) {
  const rules = match(list(before.rules), list(after.rules), 'id');
  const label = (r: Item) => nameOf(r, 'id');
  for (const { item, i } of rules.added) add(`新增规则「${label(item).zh}」`, `Rule added: "${label(item).en}"`, `/rules/${i}`);
  for (const { item, i } of rules.removed) add(`删除规则「${label(item).zh}」`, `Rule removed: "${label(item).en}"`, `/rules/${i}`);
  for (const { before: b, after: a, i } of rules.kept) {
    const n = label(a);
    if (!same(b.name, a.name)) add(`规则「${label(b).zh}」改名为「${n.zh}」`, `Rule "${label(b).en}" renamed "${n.en}"`, `/rules/${i}/name`);
    if (!same(b.conditions, a.conditions)) add(`规则「${n.zh}」条件改变`, `Rule "${n.en}": conditions changed`, `/rules/${i}/conditions`);
    if (!same(b.event, a.event)) add(`规则「${n.zh}」结果改变`, `Rule "${n.en}": outcome changed`, `/rules/${i}/event`);
    if (!same(b.scope, a.scope)) add(`规则「${n.zh}」适用范围改变`, `Rule "${n.en}": scope changed`, `/rules/${i}/scope`);
    if (b.priority !== a.priority) add(`规则「${n.zh}」优先级 ${String(b.priority)} → ${String(a.priority)}`, `Rule "${n.en}": priority ${String(b.priority)} → ${String(a.priority)}`, `/rules/${i}/priority`);
  }
}

function summarizeSla(before: Doc, after: Doc, add: Add, levelName: (level: number, lang: 'zh' | 'en') => string) {
  const policiesOf = (d: Doc) => list(isObject(d.sla) ? d.sla.policies : undefined);
  const policies = match(policiesOf(before), policiesOf(after), 'id');
  // a policy for one level and every category reads as that level's events ("较大事件")
  const label = (p: Item): Named => {
    const levels = Array.isArray(p.levels) ? p.levels : [];
    if (levels.length === 1 && !Array.isArray(p.categories)) return { zh: `${levelName(Number(levels[0]), 'zh')}事件`, en: `${levelName(Number(levels[0]), 'en')} events` };
    return nameOf(p, 'id');
  };
  for (const { item, i } of policies.added) add(`新增时限规定「${label(item).zh}」`, `SLA policy added: "${label(item).en}"`, `/sla/policies/${i}`);
  for (const { item, i } of policies.removed) add(`删除时限规定「${label(item).zh}」`, `SLA policy removed: "${label(item).en}"`, `/sla/policies/${i}`);
  for (const { before: b, after: a, i } of policies.kept) {
    const n = label(a);
    const p = `/sla/policies/${i}`;
    for (const [key, zh, en] of [['accept', '受理时限', 'time to accept'], ['resolve', '办结时限', 'time to resolve']] as const) {
      const was = (b[key] ?? {}) as Item;
      const now = (a[key] ?? {}) as Item;
      if (was.hours !== now.hours) add(`${n.zh}${zh} ${hours(was.hours)} → ${hours(now.hours)} 小时`, `${n.en}: ${en} ${hours(was.hours)} → ${hours(now.hours)} hours`, `${p}/${key}/hours`);
      if (was.clock !== now.clock) add(`${n.zh}${zh}改按${now.clock === 'working' ? '工作时间' : '自然时间'}计`, `${n.en}: ${en} now counted in ${now.clock === 'working' ? 'working' : 'calendar'} hours`, `${p}/${key}/clock`);
    }
    if (!same(b.reminders, a.reminders)) add(`${n.zh}提醒设置改变`, `${n.en}: reminders changed`, `${p}/reminders`);
    if (!same(b.breach, a.breach)) add(`${n.zh}超时处置改变`, `${n.en}: what happens at breach changed`, `${p}/breach`);
    if (!same(b.levels, a.levels) || !same(b.categories, a.categories)) add(`${n.zh}适用等级或分类改变`, `${n.en}: levels or categories changed`, p);
    if (b.pauseWhileAwaitingReporter !== a.pauseWhileAwaitingReporter) add(`${n.zh}等待上报人时${a.pauseWhileAwaitingReporter ? '暂停' : '不暂停'}计时`, `${n.en}: clock ${a.pauseWhileAwaitingReporter ? 'pauses' : 'runs'} while awaiting the reporter`, `${p}/pauseWhileAwaitingReporter`);
  }
}

function summarizeOthers(before: Doc, after: Doc, add: Add) {
  const calendars = match(list(before.calendars), list(after.calendars), 'id');
  for (const { item, i } of calendars.added) add(`新增工作日历 ${nameOf(item, 'id').zh}`, `Calendar added: ${nameOf(item, 'id').en}`, `/calendars/${i}`);
  for (const { item, i } of calendars.removed) add(`删除工作日历 ${nameOf(item, 'id').zh}`, `Calendar removed: ${nameOf(item, 'id').en}`, `/calendars/${i}`);
  for (const { before: b, after: a, i } of calendars.kept) {
    if (!same(b, a)) add(`工作日历 ${nameOf(a, 'id').zh} 有改动`, `Calendar ${nameOf(a, 'id').en} changed`, `/calendars/${i}`);
  }
  const workflowBefore = isObject(before.workflow) ? before.workflow : {};
  const workflowAfter = isObject(after.workflow) ? after.workflow : {};
  const states = match(list(workflowBefore.states), list(workflowAfter.states), 'id');
  for (const { item, i } of states.added) add(`流程新增状态 ${nameOf(item, 'id').zh}`, `Workflow state added: ${nameOf(item, 'id').en}`, `/workflow/states/${i}`);
  for (const { item, i } of states.removed) add(`流程删除状态 ${nameOf(item, 'id').zh}`, `Workflow state removed: ${nameOf(item, 'id').en}`, `/workflow/states/${i}`);
  const rest = (w: Item) => ({ ...w, states: undefined });
  if (!same(rest(workflowBefore), rest(workflowAfter))) add('流程的流转有改动', 'Workflow transitions changed', '/workflow');
  if (!same(before.assessment, after.assessment)) add('考核设置有改动', 'Assessment changed', '/assessment');
  const tests = match(list(before.tests), list(after.tests), 'id');
  if (tests.added.length) add(`新增测试用例 ${tests.added.length} 个`, `${tests.added.length} test case(s) added`, `/tests/${tests.added[0].i}`);
  if (tests.removed.length) add(`删除测试用例 ${tests.removed.length} 个`, `${tests.removed.length} test case(s) removed`, '/tests');
  const changed = tests.kept.filter((k) => !same(k.before, k.after));
  if (changed.length) add(`测试用例 ${changed.length} 个有改动`, `${changed.length} test case(s) changed`, `/tests/${changed[0].i}`);
}
