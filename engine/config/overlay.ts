/**
 * Overlay merge: how a config that `extends` another states only its differences.
 *
 * - Objects are merged as JSON Merge Patch (RFC 7396): a key set to `null` is removed.
 * - Arrays whose items are objects carrying a key field (`id`, `code` for categories, `action`
 *   for workflow transitions) are merged by that key: an item with a known key is merge-patched
 *   into the base item, `{ "id": "x", "$delete": true }` removes it, new keys are appended.
 * - Every other array, and every scalar, replaces the base value whole.
 */
const KEY_FIELDS = ['id', 'code', 'action'] as const;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function keyFieldOf(items: unknown[]): string | undefined {
  if (items.length === 0 || !items.every(isPlainObject)) return undefined;
  return KEY_FIELDS.find((field) => items.every((item) => typeof (item as Record<string, unknown>)[field] === 'string'));
}

function mergeKeyedArrays(base: unknown[], patch: unknown[], key: string): unknown[] {
  const result = base.map((item) => item);
  for (const item of patch as Record<string, unknown>[]) {
    const index = result.findIndex((existing) => (existing as Record<string, unknown>)[key] === item[key]);
    if (item.$delete === true) {
      if (index >= 0) result.splice(index, 1);
      continue;
    }
    if (index >= 0) result[index] = mergeOverlay(result[index], item);
    else result.push(stripDirectives(item));
  }
  return result;
}

function stripDirectives(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripDirectives);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === '$delete' || item === null) continue;
    Object.defineProperty(out, key, { value: stripDirectives(item), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/**
 * Applies `patch` on top of `base` and returns a new value; neither input is modified.
 * @example mergeOverlay({ rules: [{ id: 'a', priority: 1 }] }, { rules: [{ id: 'a', priority: 5 }, { id: 'b' }] })
 */
export function mergeOverlay(base: unknown, patch: unknown): unknown {
  if (Array.isArray(patch)) {
    if (Array.isArray(base)) {
      const key = keyFieldOf(base.length > 0 ? base : patch);
      if (key && keyFieldOf(patch) === key) return mergeKeyedArrays(base, patch, key);
    }
    return stripDirectives(patch);
  }
  if (!isPlainObject(patch)) return patch;
  if (!isPlainObject(base)) return stripDirectives(patch);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(base)) {
    Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
  }
  for (const [key, item] of Object.entries(patch)) {
    if (item === null) delete out[key];
    else Object.defineProperty(out, key, { value: mergeOverlay(out[key], item), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

export type { Json };
