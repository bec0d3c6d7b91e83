/**
 * Names the list item a problem is in, from its JSON Pointer and the document as written: `unit
 * qs-fx-v01-g1` / `单位 qs-fx-v01-g1`, `rule "…" (r-id), condition 2` / `规则「…」条件 2`. Works on
 * any document, also one that failed the schema: an item without a usable id is named by its
 * place (`unit #3` / `第 3 个单位`).
 */
import type { Issue } from '../types';
import type { MessageLanguage } from './messages';

type Label = Record<MessageLanguage, string>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 && v.length <= 200 ? v : typeof v === 'number' ? String(v) : undefined);
const nameOf = (item: Record<string, unknown>, language: MessageLanguage): string | undefined => (isRecord(item.name) ? text(item.name[language]) ?? text(item.name.zh) ?? text(item.name.en) : undefined);

/** What each kind of list item is called, and which key identifies it. */
const KINDS = {
  units: { en: 'unit', zh: '单位', key: 'id' },
  majors: { en: 'major category', zh: '大类', key: 'code' },
  minors: { en: 'category', zh: '小类', key: 'code' },
  forms: { en: 'form', zh: '表单', key: 'id' },
  policies: { en: 'SLA policy', zh: '时限策略', key: 'id' },
  calendars: { en: 'calendar', zh: '日历', key: 'id' },
  states: { en: 'state', zh: '状态', key: 'id' },
  transitions: { en: 'transition', zh: '流转', key: 'action' },
  tests: { en: 'test', zh: '测试', key: 'id' },
  levels: { en: 'level', zh: '等级', key: 'level' },
  indicators: { en: 'indicator', zh: '考核指标', key: 'id' },
  sources: { en: 'score source', zh: '考核来源', key: 'id' },
  features: { en: 'boundary', zh: '边界', key: 'unit' },
} as const;

function itemLabel(kind: keyof typeof KINDS, item: unknown, index: number): Label {
  const { en, zh, key } = KINDS[kind];
  // a boundary is a GeoJSON feature: its unit is one level down, in its properties
  const keyed = kind === 'features' && isRecord(item) ? item.properties : item;
  const id = isRecord(keyed) ? text(keyed[key]) : undefined;
  if (id === undefined) return { en: `${en} #${index + 1}`, zh: `第 ${index + 1} 个${zh}` };
  if (kind === 'minors' || kind === 'majors' || kind === 'indicators') {
    const record = item as Record<string, unknown>;
    return { en: `${en} ${id}${nameOf(record, 'en') ? ` "${nameOf(record, 'en')}"` : ''}`, zh: `${zh} ${id}${nameOf(record, 'zh') ? `「${nameOf(record, 'zh')}」` : ''}` };
  }
  return { en: `${en} ${id}`, zh: `${zh} ${id}` };
}

const decode = (segment: string) => segment.replace(/~1/g, '/').replace(/~0/g, '~');
const at = (list: unknown, segment: string | undefined): { item: unknown; index: number } | null => {
  if (!Array.isArray(list) || segment === undefined || !/^\d+$/.test(segment)) return null;
  const index = Number(segment);
  return { item: list[index], index };
};

/** Most condition leaves the numbering walks before giving up (a refused, oversized rule). */
const MAX_WALK = 5_000;

/**
 * The number (1-based, reading order) of the condition leaf a pointer lies in, below a rule's
 * `conditions`; null when it points at a group or the tree is too large to walk.
 */
function conditionNumber(conditions: unknown, rest: string[]): number | null {
  const target = rest.join('/');
  let number = 0;
  let walked = 0;
  const stack: Array<{ node: unknown; path: string }> = [{ node: conditions, path: '' }];
  while (stack.length > 0) {
    if (++walked > MAX_WALK) return null;
    const { node, path } = stack.pop()!;
    if (!isRecord(node)) continue;
    const group = ['all', 'any'].find((k) => Array.isArray(node[k]));
    if (group) {
      const list = node[group] as unknown[];
      for (let i = list.length - 1; i >= 0; i--) stack.push({ node: list[i], path: `${path}${path ? '/' : ''}${group}/${i}` });
    } else if ('not' in node) stack.push({ node: node.not, path: `${path}${path ? '/' : ''}not` });
    else {
      number += 1;
      if (path === '' || target === path || target.startsWith(`${path}/`)) return number;
    }
  }
  return null;
}

function ruleLabel(rule: unknown, index: number, rest: string[]): Label {
  const record = isRecord(rule) ? rule : {};
  const id = text(record.id);
  const en = nameOf(record, 'en') ?? id;
  const zh = nameOf(record, 'zh') ?? id;
  const label: Label = en === undefined ? { en: `rule #${index + 1}`, zh: `第 ${index + 1} 条规则` } : { en: `rule "${en}"${id && id !== en ? ` (${id})` : ''}`, zh: `规则「${zh}」` };
  if (rest[0] !== 'conditions') return label;
  const number = conditionNumber(record.conditions, rest.slice(1));
  return number === null ? label : { en: `${label.en}, condition ${number}`, zh: `${label.zh}条件 ${number}` };
}

/** The label of the item a pointer lies in, or null for a place outside every list. */
export function itemAt(document: unknown, pointer: string): Label | null {
  if (!isRecord(document) || !pointer.startsWith('/')) return null;
  const [section, ...rest] = pointer.slice(1).split('/').map(decode);
  const value = document[section];
  const first = at(value, rest[0]);
  switch (section) {
    case 'units':
    case 'forms':
    case 'calendars':
    case 'tests':
    case 'levels': {
      if (!first) return null;
      const label = itemLabel(section, first.item, first.index);
      const field = section === 'forms' && rest[1] === 'schema' ? rest[rest.lastIndexOf('properties') + 1] : undefined;
      if (field && rest.lastIndexOf('properties') > 1) return { en: `${label.en}, field ${field}`, zh: `${label.zh} 字段 ${field}` };
      return label;
    }
    case 'categories': {
      if (!first) return null;
      const minor = rest[1] === 'children' && isRecord(first.item) ? at(first.item.children, rest[2]) : null;
      return minor ? itemLabel('minors', minor.item, minor.index) : itemLabel('majors', first.item, first.index);
    }
    case 'rules':
      return first ? ruleLabel(first.item, first.index, rest.slice(1)) : null;
    case 'sla': {
      const policy = rest[0] === 'policies' && isRecord(value) ? at(value.policies, rest[1]) : null;
      return policy ? itemLabel('policies', policy.item, policy.index) : null;
    }
    case 'workflow': {
      const kind = rest[0];
      if ((kind !== 'states' && kind !== 'transitions') || !isRecord(value)) return null;
      const item = at(value[kind], rest[1]);
      return item ? itemLabel(kind, item.item, item.index) : null;
    }
    case 'assessment': {
      const kind = rest[0];
      if ((kind !== 'indicators' && kind !== 'sources') || !isRecord(value)) return null;
      const item = at(value[kind], rest[1]);
      return item ? itemLabel(kind, item.item, item.index) : null;
    }
    case 'geography': {
      const feature = rest[0] === 'features' && isRecord(value) ? at(value.features, rest[1]) : null;
      return feature ? itemLabel('features', feature.item, feature.index) : null;
    }
    default:
      return null;
  }
}

/** The issue with its messages opening on the item it is in (unchanged outside every list). */
export function withItemName(document: unknown, issue: Issue): Issue {
  const label = itemAt(document, issue.pointer);
  if (!label) return issue;
  return { ...issue, message: `${label.en}: ${issue.message}`, messageZh: `${label.zh}：${issue.messageZh ?? issue.message}` };
}
