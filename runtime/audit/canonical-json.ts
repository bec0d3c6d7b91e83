/**
 * The canonical text of an audit row and the SHA-256 link of a hash chain (docs/audit.md).
 * Canonical: JSON with object keys sorted (by UTF-16 code units), no white space, every
 * attribute present (a missing value is written `null`), points in time as ISO strings in UTC
 * (`2026-03-10T02:00:00.000Z`) — so a row hashes alike whether it was read from SQLite (text)
 * or PostgreSQL (Date, jsonb with its own key order).
 */
import { createHash } from 'node:crypto';

/** The `prev_hash` of a chain's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** `value` as canonical JSON text (see the module comment). */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'bigint':
      return value.toString();
    case 'object': {
      const withJson = value as { toJSON?: () => unknown };
      if (typeof withJson.toJSON === 'function') return canonicalJson(withJson.toJSON());
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
      const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
      entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
    }
    default:
      throw new TypeError(`cannot write a ${typeof value} into an audit row`);
  }
}

/** SHA-256 (hex) of text. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** One link: `hash = SHA-256(prev hash, "\n", canonical row)`. */
export function chainHash(prevHash: string, record: Record<string, unknown>): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(record)).digest('hex');
}

/** An epoch-ms point in time as the canonical ISO string (null stays null). */
export function isoTime(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
