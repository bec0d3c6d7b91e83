/**
 * What each hash-chained log puts into its rows' hashes: the audit row's own columns, named
 * alike on both databases, plus the log, the county and the row's position in the chain. Used
 * when writing (from the rows being inserted) and when verifying (from rows read back raw).
 */
import { chainHash, isoTime, sha256, canonicalJson } from './canonical-json';

/** The hash-chained logs of a county, one chain each. */
export const AUDIT_LOGS = ['config', 'event', 'account'] as const;
export type AuditLog = (typeof AUDIT_LOGS)[number];

/** A chain's last entry (seq 0 and the genesis hash before the first). */
export interface ChainHead {
  seq: number;
  hash: string;
}

/** An entry of an event's history (event_history). */
export interface HistoryRecord {
  eventId: string;
  seq: number;
  at: number;
  actorId: string;
  actorRole: string;
  action: string;
  fromState: string | null;
  toState: string | null;
  ruleId: string | null;
  detail: unknown;
}

/** A published config version (config_versions; drafts are not part of the log until published). */
export interface ConfigRecord {
  version: number;
  status: string;
  document: unknown;
  hash: string;
  createdBy: string;
  createdAt: number;
  publishedAt: number | null;
}

/** A change of an account (account_changes): never a password or a hash of one. */
export interface AccountChangeRecord {
  accountId: string;
  at: number;
  action: string;
  actorId: string;
  actorRole: string;
  detail: unknown;
}

export function historyCanonical(county: string, chainSeq: number, r: HistoryRecord): Record<string, unknown> {
  return {
    log: 'event', county, chainSeq, eventId: r.eventId, seq: r.seq, at: isoTime(r.at), actorId: r.actorId, actorRole: r.actorRole,
    action: r.action, fromState: r.fromState, toState: r.toState, ruleId: r.ruleId, detail: r.detail ?? null,
  };
}

export function configCanonical(county: string, chainSeq: number, r: ConfigRecord): Record<string, unknown> {
  return {
    log: 'config', county, chainSeq, version: r.version, status: r.status, documentSha256: sha256(canonicalJson(r.document)), hash: r.hash,
    createdBy: r.createdBy, createdAt: isoTime(r.createdAt), publishedAt: isoTime(r.publishedAt),
  };
}

export function accountCanonical(county: string, chainSeq: number, r: AccountChangeRecord): Record<string, unknown> {
  return { log: 'account', county, chainSeq, accountId: r.accountId, at: isoTime(r.at), action: r.action, actorId: r.actorId, actorRole: r.actorRole, detail: r.detail ?? null };
}

/**
 * Links `records` after `head`: each one's chain position and hash, and the new head.
 * `canonical` is one of the functions above.
 */
export function linkRecords<R>(county: string, head: ChainHead, records: readonly R[], canonical: (county: string, chainSeq: number, r: R) => Record<string, unknown>): { links: Array<{ chainSeq: number; chainHash: string }>; head: ChainHead } {
  let { seq, hash } = head;
  const links = records.map((r) => {
    seq += 1;
    hash = chainHash(hash, canonical(county, seq, r));
    return { chainSeq: seq, chainHash: hash };
  });
  return { links, head: { seq, hash } };
}
