/**
 * Verifies a county's hash chains (`pingtai audit verify`): reads each log in chain order,
 * recomputes every hash from the row's columns and the previous hash, and reports the first
 * entry where the chain breaks — a row whose content no longer matches its hash (edited), a
 * missing position (deleted), a second row at one position or a row outside the chain
 * (inserted) — and whether the chain ends where its head says.
 */
import { QueryTypes } from 'sequelize';
import type { Database } from '../db/open-database';
import { storedJson, storedTime } from '../db/raw-sql';
import { chainHash, GENESIS_HASH } from './canonical-json';
import { accountCanonical, AUDIT_LOGS, configCanonical, historyCanonical, type AuditLog, type ChainHead } from './audit-records';
import { configRecordOf } from './config-chain';

export const BREAK_KINDS = ['edited', 'deleted', 'inserted'] as const;
export type BreakKind = (typeof BREAK_KINDS)[number];

export interface ChainBreak {
  log: AuditLog;
  kind: BreakKind;
  /** The chain position the break was found at. */
  chainSeq: number;
  /** The entry, as a person finds it: `event <id> history #<seq>`, `version <n>`, `account change #<n> …`. */
  entry: string;
  message: string;
}

export interface LogVerification {
  log: AuditLog;
  /** Entries whose hash checked out before the first break (all of them when there is none). */
  verified: number;
  head: ChainHead | null;
  broken: ChainBreak | null;
}

type Row = Record<string, unknown>;

interface LogSource {
  /** Chained rows with chain_seq > ?, in chain order, at most `PAGE`. */
  page: string;
  /** One row that should be chained and is not, if any. */
  unchained: string | null;
  entry(r: Row): string;
  canonical(county: string, chainSeq: number, r: Row): Record<string, unknown>;
}

const PAGE = 2000;
const nullable = (v: unknown) => (v === undefined || v === null ? null : String(v));

const SOURCES: Record<AuditLog, LogSource> = {
  event: {
    page: `SELECT event_id, seq, at, actor_id, actor_role, action, from_state, to_state, rule_id, detail, chain_seq, chain_hash FROM event_history
           WHERE county_id = ? AND chain_seq > ? ORDER BY chain_seq, at, event_id, seq LIMIT ${PAGE}`,
    unchained: 'SELECT event_id, seq FROM event_history WHERE county_id = ? AND chain_seq IS NULL ORDER BY at, event_id, seq LIMIT 1',
    entry: (r) => `event ${String(r.event_id)} history #${String(r.seq)}`,
    canonical: (county, chainSeq, r) =>
      historyCanonical(county, chainSeq, {
        eventId: String(r.event_id), seq: Number(r.seq), at: storedTime(r.at), actorId: String(r.actor_id), actorRole: String(r.actor_role), action: String(r.action),
        fromState: nullable(r.from_state), toState: nullable(r.to_state), ruleId: nullable(r.rule_id), detail: storedJson(r.detail),
      }),
  },
  config: {
    page: `SELECT version, status, document, hash, created_by, created_at, published_at, chain_seq, chain_hash FROM config_versions
           WHERE county_id = ? AND chain_seq > ? ORDER BY chain_seq, version LIMIT ${PAGE}`,
    unchained: "SELECT version FROM config_versions WHERE county_id = ? AND status = 'published' AND chain_seq IS NULL ORDER BY version LIMIT 1",
    entry: (r) => `version ${String(r.version)}`,
    canonical: (county, chainSeq, r) => configCanonical(county, chainSeq, configRecordOf(r)),
  },
  account: {
    page: `SELECT seq AS chain_seq, account_id, at, action, actor_id, actor_role, detail, chain_hash FROM account_changes
           WHERE county_id = ? AND seq > ? ORDER BY seq LIMIT ${PAGE}`,
    unchained: null,
    entry: (r) => `account change #${String(r.chain_seq)} (${String(r.action)} of account ${String(r.account_id)})`,
    canonical: (county, chainSeq, r) =>
      accountCanonical(county, chainSeq, {
        accountId: String(r.account_id), at: storedTime(r.at), action: String(r.action), actorId: String(r.actor_id), actorRole: String(r.actor_role), detail: storedJson(r.detail),
      }),
  },
};

/** Verifies the three chains of `county`. */
export async function verifyCounty(db: Database, county: string): Promise<LogVerification[]> {
  const results: LogVerification[] = [];
  for (const log of AUDIT_LOGS) results.push(await verifyLog(db, county, log));
  return results;
}

async function verifyLog(db: Database, county: string, log: AuditLog): Promise<LogVerification> {
  const select = (sql: string, params: unknown[]) => db.sequelize.query(sql, { replacements: params, type: QueryTypes.SELECT, raw: true }) as Promise<Row[]>;
  const source = SOURCES[log];
  const [headRow] = await select('SELECT seq, hash FROM audit_chain_heads WHERE county_id = ? AND log = ?', [county, log]);
  const head: ChainHead | null = headRow ? { seq: Number(headRow.seq), hash: String(headRow.hash) } : null;
  const headSeq = head?.seq ?? 0;
  let verified = 0;
  let last = 0;
  let prev = GENESIS_HASH;
  const broken = (kind: BreakKind, chainSeq: number, entry: string, message: string): LogVerification => ({ log, verified, head, broken: { log, kind, chainSeq, entry, message } });

  for (;;) {
    const rows = await select(source.page, [county, last]);
    for (const r of rows) {
      const seq = Number(r.chain_seq);
      const entry = source.entry(r);
      if (seq === last) return broken('inserted', seq, entry, `a second entry at chain position ${seq}`);
      if (seq > headSeq) return broken('inserted', seq, entry, `at chain position ${seq}, after the chain's head (${headSeq})`);
      if (seq > last + 1) {
        const missing = seq - last - 1;
        return broken('deleted', last + 1, entry, `${missing === 1 ? `entry ${last + 1} is` : `entries ${last + 1}–${seq - 1} are`} missing before ${entry} (chain position ${seq})`);
      }
      const expected = chainHash(prev, source.canonical(county, seq, r));
      if (expected !== r.chain_hash) return broken('edited', seq, entry, `its content does not match its hash (chain position ${seq}): changed after it was written`);
      prev = expected;
      last = seq;
      verified++;
    }
    if (rows.length < PAGE) break;
  }
  if (last < headSeq) {
    return broken('deleted', last + 1, `${log} chain position ${last + 1}`, `the chain ends at position ${last} but its head is at ${headSeq}: the last ${headSeq - last === 1 ? 'entry is' : `${headSeq - last} entries are`} missing`);
  }
  if (head && head.hash !== prev) return broken('edited', last, `${log} chain head`, `the head's hash does not match the chain's last entry (position ${last})`);
  if (source.unchained) {
    const [stray] = await select(source.unchained, [county]);
    if (stray) return broken('inserted', 0, source.entry(stray), 'it is not in the chain (written around the application)');
  }
  return { log, verified, head, broken: null };
}
