/** A structural diff of two JSON documents as JSON Pointer changes (for comparing config versions). */
export interface JsonChange {
  pointer: string;
  op: 'add' | 'remove' | 'replace';
  before?: unknown;
  after?: unknown;
}

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Arrays of objects with ids are compared by id, so inserting a rule is one `add`, not a cascade of replaces. */
function keyOf(items: unknown[]): string | null {
  for (const key of ['id', 'code', 'action']) if (items.length > 0 && items.every((i) => isObject(i) && typeof i[key] === 'string')) return key;
  return null;
}

export function jsonDiff(before: unknown, after: unknown, pointer = '', out: JsonChange[] = []): JsonChange[] {
  if (Array.isArray(before) && Array.isArray(after)) {
    const key = keyOf(before) ?? keyOf(after);
    if (key && (before.length === 0 || keyOf(before) === key) && (after.length === 0 || keyOf(after) === key)) {
      const afterIndex = new Map(after.map((item, i) => [(item as Record<string, string>)[key], i]));
      const beforeIds = new Set(before.map((item) => (item as Record<string, string>)[key]));
      before.forEach((item, i) => {
        const id = (item as Record<string, string>)[key];
        const j = afterIndex.get(id);
        if (j === undefined) out.push({ pointer: `${pointer}/${i}`, op: 'remove', before: item });
        else jsonDiff(item, after[j], `${pointer}/${j}`, out);
      });
      after.forEach((item, j) => {
        if (!beforeIds.has((item as Record<string, string>)[key])) out.push({ pointer: `${pointer}/${j}`, op: 'add', after: item });
      });
      return out;
    }
    const length = Math.max(before.length, after.length);
    for (let i = 0; i < length; i++) {
      if (i >= after.length) out.push({ pointer: `${pointer}/${i}`, op: 'remove', before: before[i] });
      else if (i >= before.length) out.push({ pointer: `${pointer}/${i}`, op: 'add', after: after[i] });
      else jsonDiff(before[i], after[i], `${pointer}/${i}`, out);
    }
    return out;
  }
  if (isObject(before) && isObject(after)) {
    for (const key of Object.keys(before)) {
      if (!Object.hasOwn(after, key)) out.push({ pointer: `${pointer}/${escape(key)}`, op: 'remove', before: before[key] });
      else jsonDiff(before[key], after[key], `${pointer}/${escape(key)}`, out);
    }
    for (const key of Object.keys(after)) if (!Object.hasOwn(before, key)) out.push({ pointer: `${pointer}/${escape(key)}`, op: 'add', after: after[key] });
    return out;
  }
  if (JSON.stringify(before) !== JSON.stringify(after)) out.push({ pointer: pointer || '/', op: 'replace', before, after });
  return out;
}
