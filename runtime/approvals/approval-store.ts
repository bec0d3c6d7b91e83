/**
 * Four eyes (docs/approvals.md). While a county requires approval, a county administrator's
 * publish, activation or switching the requirement off becomes a pending request; a different
 * county administrator, signed in as a person, approves it — the action then happens in the same
 * transaction that records the approval — or rejects it; the proposer may withdraw it. While
 * approval is not required the action happens at once and is recorded as `direct`, so the history
 * always says who published or activated what, when, with which comment.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import type { PublishingDeps } from '../configs/config-publishing';
import type { Database } from '../db/open-database';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../http/errors';
import { parseAction, prepareAction, sameAction, type ApprovalAction } from './approval-action';
import { approvalSetting } from './approval-setting';

export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn', 'direct'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];
export type ApprovalDecision = 'approve' | 'reject' | 'withdraw';

/** Who acts: a machine (a bearer API token) may propose but never approve or reject. */
export interface ApprovalActor {
  id: string;
  role: string;
  name: string | null;
  machine: boolean;
}

export interface ApprovalRequest {
  id: number;
  action: ApprovalAction;
  status: ApprovalStatus;
  proposedAt: number;
  proposedBy: string;
  proposedByName: string | null;
  comment: string | null;
  decidedAt: number | null;
  decidedBy: string | null;
  decidedByName: string | null;
  decisionComment: string | null;
}

type Row = Record<string, unknown>;
const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
const MAX_COMMENT = 2000;
const ADMIN = 'county_admin';

function requestOf(row: Row): ApprovalRequest {
  return {
    id: Number(row.id),
    action: parseAction(String(row.action)),
    status: String(row.status) as ApprovalStatus,
    proposedAt: Number(row.proposed_at),
    proposedBy: String(row.proposed_by),
    proposedByName: text(row.proposed_by_name),
    comment: text(row.comment),
    decidedAt: row.decided_at === null || row.decided_at === undefined ? null : Number(row.decided_at),
    decidedBy: text(row.decided_by),
    decidedByName: text(row.decided_by_name),
    decisionComment: text(row.decision_comment),
  };
}

/** A comment as a body gives it: absent, or a text of at most 2,000 characters (400 naming `comment`). */
export function commentOf(value: unknown, opts: { required?: boolean } = {}): string | null {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    if (opts.required) throw new BadRequestError('comment-required', 'give a "comment" saying why', { field: 'comment' });
    return null;
  }
  if (typeof value !== 'string' || value.length > MAX_COMMENT) throw new BadRequestError('bad-comment', `"comment" must be a text of at most ${MAX_COMMENT} characters`, { field: 'comment' });
  return value.trim();
}

/** The county's requests, newest first: all, or those of one status. */
export async function listApprovals(db: Database, countyId: string, opts: { status?: ApprovalStatus; limit: number }): Promise<ApprovalRequest[]> {
  const where = opts.status ? ' AND status = :status' : '';
  const rows = await db.sequelize.query<Row>(`SELECT * FROM approval_requests WHERE county_id = :county${where} ORDER BY id DESC LIMIT :limit`, {
    replacements: { county: countyId, status: opts.status ?? null, limit: opts.limit },
    type: QueryTypes.SELECT,
  });
  return rows.map(requestOf);
}

export async function getApproval(db: Database, countyId: string, id: number, transaction?: Transaction): Promise<ApprovalRequest> {
  const [row] = await db.sequelize.query<Row>(`SELECT * FROM approval_requests WHERE county_id = ? AND id = ?${transaction && db.dialect === 'postgres' ? ' FOR UPDATE' : ''}`, { replacements: [countyId, id], type: QueryTypes.SELECT, transaction });
  if (!row) throw new NotFoundError(`approval request ${id} not found`);
  return requestOf(row);
}

/** Serialises a county's request writes on PostgreSQL (SQLite has one writer anyway). */
async function lockCounty(db: Database, countyId: string, t: Transaction): Promise<void> {
  if (db.dialect === 'postgres') await db.sequelize.query('SELECT id FROM counties WHERE id = ? FOR UPDATE', { replacements: [countyId], transaction: t });
}

async function insertRequest(db: Database, t: Transaction, opts: { countyId: string; action: ApprovalAction; status: 'pending' | 'direct'; fingerprint: string | null; actor: ApprovalActor; comment: string | null; now: number }): Promise<number> {
  const [last] = await db.sequelize.query<Row>('SELECT MAX(id) AS id FROM approval_requests WHERE county_id = ?', { replacements: [opts.countyId], type: QueryTypes.SELECT, transaction: t });
  const id = Number(last?.id ?? 0) + 1;
  const direct = opts.status === 'direct';
  await db.sequelize.query(
    'INSERT INTO approval_requests (county_id, id, kind, action, status, fingerprint, proposed_at, proposed_by, proposed_by_name, proposed_role, comment, decided_at, decided_by, decided_by_name, decision_comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    {
      replacements: [opts.countyId, id, opts.action.type, JSON.stringify(opts.action), opts.status, opts.fingerprint, opts.now, opts.actor.id, opts.actor.name, opts.actor.role, opts.comment, direct ? opts.now : null, direct ? opts.actor.id : null, direct ? opts.actor.name : null, null],
      transaction: t,
    },
  );
  return id;
}

export type ActionOutcome = { type: 'done'; response: Record<string, unknown>; request: ApprovalRequest } | { type: 'pending'; request: ApprovalRequest };

/**
 * Does `action` now (approval not required, or `opts.direct`: the platform administrator), or
 * records it as a pending request (approval required). Either way it is checked first, and bad or
 * impossible actions are refused with nothing recorded.
 */
export async function actOrPropose(deps: PublishingDeps, opts: { countyId: string; action: ApprovalAction; actor: ApprovalActor; comment: string | null; direct?: boolean; alwaysPropose?: boolean }): Promise<ActionOutcome> {
  const { db } = deps;
  // `alwaysPropose`: a role that may only propose (a policy designer's pilot) waits for a county administrator whatever the setting
  const required = opts.alwaysPropose === true || (!opts.direct && (await approvalSetting(db, opts.countyId)).requireApproval);
  // switching the requirement on never needs a second person; switching it off does
  const needsApproval = required && !(opts.action.type === 'require-approval' && opts.action.on);
  const prepared = await prepareAction(deps, { countyId: opts.countyId, action: opts.action, stage: needsApproval ? 'propose' : 'direct', actorId: opts.actor.id });
  const now = deps.now();
  const id = await db.transaction(async (t) => {
    await lockCounty(db, opts.countyId, t);
    if (needsApproval) {
      const pending = await db.sequelize.query<Row>("SELECT * FROM approval_requests WHERE county_id = ? AND status = 'pending'", { replacements: [opts.countyId], type: QueryTypes.SELECT, transaction: t });
      const same = pending.map(requestOf).find((r) => sameAction(r.action, opts.action));
      if (same) throw new ConflictError('already-pending', `request ${same.id} asks for the same and is waiting for approval`);
    } else {
      await prepared.apply(t);
    }
    return insertRequest(db, t, { countyId: opts.countyId, action: opts.action, status: needsApproval ? 'pending' : 'direct', fingerprint: prepared.fingerprint, actor: opts.actor, comment: opts.comment, now });
  });
  const request = await getApproval(db, opts.countyId, id);
  if (needsApproval) return { type: 'pending', request };
  prepared.afterCommit();
  return { type: 'done', response: prepared.response, request };
}

/** A version that is gone (a deleted draft) makes the request stale, not the request missing. */
function staleWhenGone(request: ApprovalRequest) {
  return (err: unknown): never => {
    if (err instanceof NotFoundError && 'version' in request.action) {
      throw new ConflictError('stale-request', `version ${request.action.version} no longer exists (its draft was deleted); reject or withdraw request ${request.id}`);
    }
    throw err;
  };
}

/** Who may take `decision` on `request`: 403 naming why not. */
function checkDecider(request: ApprovalRequest, decision: ApprovalDecision, actor: ApprovalActor): void {
  if (decision === 'withdraw') {
    if (actor.id !== request.proposedBy) throw new ForbiddenError('not-proposer', `only the proposer of request ${request.id} may withdraw it; approve or reject it instead`);
    return;
  }
  if (actor.role !== ADMIN) throw new ForbiddenError('role-not-allowed', `role "${actor.role}" may not ${decision} requests; a county administrator must`);
  if (actor.machine) throw new ForbiddenError('person-required', `an API token may not ${decision} requests; a county administrator signed in as a person must`);
  if (actor.id === request.proposedBy) {
    throw new ForbiddenError('own-request', decision === 'approve' ? `you proposed request ${request.id}; a different county administrator must approve it` : `you proposed request ${request.id}; withdraw it instead of rejecting it`);
  }
}

/**
 * Approves, rejects or withdraws a pending request. Approving checks the action again — a request
 * whose version was published or activated meanwhile, or whose draft changed since it was
 * proposed, is refused (409) and stays pending — and applies it in the transaction that records
 * the approval.
 */
export async function decideApproval(deps: PublishingDeps, opts: { countyId: string; id: number; decision: ApprovalDecision; actor: ApprovalActor; comment: string | null }): Promise<{ request: ApprovalRequest; response: Record<string, unknown> | null }> {
  const { db } = deps;
  const before = await getApproval(db, opts.countyId, opts.id);
  checkDecider(before, opts.decision, opts.actor);
  if (before.status !== 'pending') throw new ConflictError('not-pending', `request ${opts.id} is ${before.status}, no longer pending`);
  const prepared = opts.decision === 'approve' ? await prepareAction(deps, { countyId: opts.countyId, action: before.action, stage: 'approve', actorId: opts.actor.id }).catch(staleWhenGone(before)) : null;
  if (prepared) {
    const [row] = await db.sequelize.query<Row>('SELECT fingerprint FROM approval_requests WHERE county_id = ? AND id = ?', { replacements: [opts.countyId, opts.id], type: QueryTypes.SELECT });
    if (text(row?.fingerprint) !== prepared.fingerprint) {
      throw new ConflictError('draft-changed', `the draft of version ${'version' in before.action ? before.action.version : '?'} changed since request ${opts.id} was proposed; withdraw or reject it and propose again`);
    }
  }
  const status = ({ approve: 'approved', reject: 'rejected', withdraw: 'withdrawn' } as const)[opts.decision];
  await db.transaction(async (t) => {
    await lockCounty(db, opts.countyId, t);
    const current = await getApproval(db, opts.countyId, opts.id, t);
    if (current.status !== 'pending') throw new ConflictError('not-pending', `request ${opts.id} was ${current.status} meanwhile`);
    if (prepared) await prepared.apply(t);
    await db.sequelize.query('UPDATE approval_requests SET status = ?, decided_at = ?, decided_by = ?, decided_by_name = ?, decision_comment = ? WHERE county_id = ? AND id = ?', {
      replacements: [status, deps.now(), opts.actor.id, opts.actor.name, opts.comment, opts.countyId, opts.id],
      transaction: t,
    });
  });
  prepared?.afterCommit();
  return { request: await getApproval(db, opts.countyId, opts.id), response: prepared?.response ?? null };
}
