/**
 * The account log (`account_changes`): one hash-chained entry per change of an account —
 * created, changed (name, login, role, unit), disabled, enabled, password reset by an
 * administrator, password changed by its owner. It names what changed, never a password or a
 * hash of one.
 */
import type { Transaction } from 'sequelize';
import type { Database } from '../db/open-database';
import { sqlDate } from '../db/raw-sql';
import { accountCanonical, linkRecords } from './audit-records';
import { advanceHead, lockHead, transactionSql } from './chain-heads';

export const ACCOUNT_CHANGE_ACTIONS = ['created', 'changed', 'disabled', 'enabled', 'password-reset', 'password-changed', 'recorded'] as const;
export type AccountChangeAction = (typeof ACCOUNT_CHANGE_ACTIONS)[number];

/** Who made a change: a person's account or token, or `system` (the command line). */
export interface ChangeActor {
  id: string;
  role: string;
}

export const SYSTEM_ACTOR: ChangeActor = { id: 'system', role: 'system' };

/** The account fields the log shows (never the password). */
export interface LoggedAccountFields {
  name: string;
  phone: string | null;
  username: string | null;
  role: string;
  unit: string | null;
  disabled: boolean;
}

/** `{field: [before, after]}` for the fields that differ. */
export function accountFieldChanges(before: LoggedAccountFields, after: LoggedAccountFields): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const field of ['name', 'phone', 'username', 'role', 'unit', 'disabled'] as const) {
    if (before[field] !== after[field]) changes[field] = [before[field], after[field]];
  }
  return changes;
}

/** Appends one entry to the county's account log, inside `t`. */
export async function recordAccountChange(
  db: Database,
  t: Transaction,
  opts: { county: string; accountId: string; at: number; action: AccountChangeAction; actor: ChangeActor; detail: Record<string, unknown> },
): Promise<void> {
  const sql = transactionSql(db, t);
  const from = await lockHead(sql, db.dialect, opts.county, 'account');
  const record = { accountId: opts.accountId, at: opts.at, action: opts.action, actorId: opts.actor.id, actorRole: opts.actor.role, detail: opts.detail };
  const { links, head } = linkRecords(opts.county, from, [record], accountCanonical);
  await sql.run('INSERT INTO account_changes (county_id, seq, account_id, at, action, actor_id, actor_role, detail, chain_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
    opts.county, links[0].chainSeq, opts.accountId, sqlDate(db.dialect, opts.at), opts.action, opts.actor.id, opts.actor.role, JSON.stringify(opts.detail), links[0].chainHash,
  ]);
  await advanceHead(sql, opts.county, 'account', from, head);
}
