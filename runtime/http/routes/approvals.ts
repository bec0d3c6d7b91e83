/**
 * Four eyes over HTTP (docs/approvals.md): the county's approval setting, its requests (pending
 * and decided, newest first), and approving, rejecting or withdrawing one. Publishing and
 * activating themselves stay in configs.ts, which proposes instead of acting while approval is
 * required.
 */
import { Router, type Request } from 'express';
import { actorInCounty, requireRole } from '../../auth/authenticate';
import type { TokenActor } from '../../auth/tokens';
import { approvalSetting } from '../../approvals/approval-setting';
import { actOrPropose, APPROVAL_STATUSES, commentOf, decideApproval, getApproval, listApprovals, type ApprovalActor, type ApprovalRequest, type ApprovalStatus } from '../../approvals/approval-store';
import { apiTime, apiTimeOrNull, countyTimeZone } from '../api-time';
import { BadRequestError } from '../errors';
import { bodyObject } from '../json-body';
import type { ApiDeps } from './api-router';

const ADMINS = ['county_admin'] as const;
const READERS = ['county_admin', 'policy_designer'] as const;

/** The actor as the approval store sees it: an API token (id = token) is a machine, a session is a person. */
export function approvalActor(actor: TokenActor): ApprovalActor {
  return { id: actor.id, role: actor.role, name: actor.name ?? null, machine: !(actor.tokenId && actor.tokenId !== actor.id) };
}

/** A body of only `keys` (400 naming the first other field); no body is an empty one. */
export function bodyWith(req: Request, keys: readonly string[]): Record<string, unknown> {
  const body = req.body === undefined ? {} : bodyObject(req.body);
  const unknown = Object.keys(body).find((k) => !keys.includes(k));
  if (unknown !== undefined) throw new BadRequestError('unknown-field', `"${unknown}" is not a field here (${keys.join(', ')})`, { field: unknown });
  return body;
}

export function approvalView(r: ApprovalRequest, timeZone: string) {
  return { ...r, proposedAt: apiTime(r.proposedAt, timeZone), decidedAt: apiTimeOrNull(r.decidedAt, timeZone) };
}

function requestId(value: string): number {
  if (!/^[1-9][0-9]{0,8}$/.test(value)) throw new BadRequestError('bad-request-id', `"${value}" is not a request number`, { field: 'id' });
  return Number(value);
}

export function approvalsRouter(deps: ApiDeps): Router {
  const router = Router();

  router.get('/counties/:county/approvals', async (req, res) => {
    const actor = actorInCounty(req, req.params.county);
    requireRole(actor, [...READERS], 'see approval requests');
    const status = req.query.status;
    if (status !== undefined && !(APPROVAL_STATUSES as readonly unknown[]).includes(status)) throw new BadRequestError('bad-status', `"status" must be one of ${APPROVAL_STATUSES.join(', ')}`, { field: 'status' });
    const limitText = req.query.limit ?? '100';
    const limit = typeof limitText === 'string' && /^[1-9][0-9]{0,2}$/.test(limitText) ? Number(limitText) : NaN;
    if (!(limit >= 1 && limit <= 500)) throw new BadRequestError('bad-limit', '"limit" must be a whole number from 1 to 500', { field: 'limit' });
    const timeZone = await countyTimeZone(deps.configs, actor.countyId);
    const setting = await approvalSetting(deps.db, actor.countyId);
    const requests = await listApprovals(deps.db, actor.countyId, { status: status as ApprovalStatus | undefined, limit });
    res.json({ requireApproval: setting.requireApproval, approvals: requests.map((r) => approvalView(r, timeZone)) });
  });

  router.get('/counties/:county/approvals/:id', async (req, res) => {
    const actor = actorInCounty(req, req.params.county);
    requireRole(actor, [...READERS], 'see approval requests');
    const request = await getApproval(deps.db, actor.countyId, requestId(req.params.id));
    res.json({ approval: approvalView(request, await countyTimeZone(deps.configs, actor.countyId)) });
  });

  for (const decision of ['approve', 'reject', 'withdraw'] as const) {
    router.post(`/counties/:county/approvals/:id/${decision}`, async (req, res) => {
      const actor = actorInCounty(req, req.params.county);
      const id = requestId(req.params.id);
      const body = bodyWith(req, ['comment']);
      const comment = commentOf(body.comment, { required: decision === 'reject' });
      const { request, response } = await decideApproval(deps, { countyId: actor.countyId, id, decision, actor: approvalActor(actor), comment });
      res.json({ approval: approvalView(request, await countyTimeZone(deps.configs, actor.countyId)), result: response });
    });
  }

  router.get('/counties/:county/settings/approval', async (req, res) => {
    const actor = actorInCounty(req, req.params.county);
    requireRole(actor, [...READERS], 'see the approval setting');
    const setting = await approvalSetting(deps.db, actor.countyId);
    res.json({ requireApproval: setting.requireApproval, changedAt: apiTimeOrNull(setting.changedAt, await countyTimeZone(deps.configs, actor.countyId)), changedBy: setting.changedBy });
  });

  router.put('/counties/:county/settings/approval', async (req, res) => {
    const actor = actorInCounty(req, req.params.county);
    requireRole(actor, [...ADMINS], 'change the approval setting');
    const body = bodyWith(req, ['requireApproval', 'comment']);
    if (typeof body.requireApproval !== 'boolean') throw new BadRequestError('bad-require-approval', '"requireApproval" must be true or false', { field: 'requireApproval' });
    const comment = commentOf(body.comment);
    const current = await approvalSetting(deps.db, actor.countyId);
    if (current.requireApproval === body.requireApproval) {
      res.json({ requireApproval: current.requireApproval, approval: null });
      return;
    }
    const outcome = await actOrPropose(deps, { countyId: actor.countyId, action: { type: 'require-approval', on: body.requireApproval }, actor: approvalActor(actor), comment });
    const timeZone = await countyTimeZone(deps.configs, actor.countyId);
    if (outcome.type === 'pending') res.status(202).json({ requireApproval: current.requireApproval, approval: approvalView(outcome.request, timeZone) });
    else res.json({ requireApproval: body.requireApproval, approval: approvalView(outcome.request, timeZone) });
  });

  return router;
}
