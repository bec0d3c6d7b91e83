/**
 * Small immutable edits that keep an object's key order: a changed key stays where it was, a new
 * key goes last, `undefined` removes the key. Every time editor writes through these so a value
 * it does not understand (or simply did not touch) comes back as it was.
 */
export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `object` with `key` set to `value` in place, or removed when `value` is undefined.
 * @example
 * withKey({ a: 1, b: 2 }, 'a', 3) // { a: 3, b: 2 }
 */
export function withKey<T extends object>(object: T, key: string, value: unknown): T {
  if (value === undefined) {
    if (!Object.hasOwn(object, key)) return object;
    const copy = { ...object } as Json;
    delete copy[key];
    return copy as T;
  }
  return { ...object, [key]: value } as T;
}

/** `list` with item `index` replaced by `fn(item)`. */
export function replaceAt<T>(list: readonly T[], index: number, fn: (item: T) => T): T[] {
  return list.map((item, i) => (i === index ? fn(item) : item));
}

/** `list` without item `index`. */
export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

/** The first `${base}`, `${base}-2`, `${base}-3` … not in `taken`. */
export function freshId(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}
