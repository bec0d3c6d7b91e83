/** Small checks and comparisons over parsed JSON, shared by the form builder's reader and writer. */
import type { Bilingual } from './field-types';

export type JsonObject = Record<string, unknown>;

export const isRecord = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export const isBilingual = (v: unknown): v is Bilingual => isRecord(v) && typeof v.zh === 'string' && typeof v.en === 'string' && Object.keys(v).length === 2;

/** JSON with object keys sorted: equal texts mean equal values whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isRecord(value)) return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  return JSON.stringify(value) ?? 'undefined';
}

export const sameJson = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

/** `obj` without `keys` (a shallow copy, key order kept). */
export function without(obj: JsonObject, keys: readonly string[]): JsonObject {
  return Object.fromEntries(Object.entries(obj).filter(([k]) => !keys.includes(k)));
}

/** `obj` without the entries whose value is undefined. */
export function defined(obj: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined));
}

export const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
