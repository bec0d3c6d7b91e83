/**
 * What an approval request asks for: a closed set of actions, each with its own check and apply
 * step. The request store (approval-store.ts) treats them alike — it stores the action as JSON,
 * keeps the fingerprint the check returned at proposal, checks again at approval and applies in
 * the transaction that records the approval. A new kind of action (activating a version as a
 * pilot for some townships, say) is one more member of {@link ApprovalAction} and one more case
 * in {@link prepareAction}; nothing else changes.
 */
import { prepareActivate, preparePublish, type PreparedConfigAction, type PublishingDeps } from '../configs/config-publishing';
import { BadRequestError, ConflictError } from '../http/errors';
import { approvalSetting, writeApprovalSetting } from './approval-setting';
import { parsePilotAction, preparePilotAction, PILOT_ACTION_TYPES, type PilotAction } from '../pilots/pilot-actions';

export const APPROVAL_ACTION_TYPES = ['publish', 'activate', 'require-approval', ...PILOT_ACTION_TYPES] as const;
export type ApprovalActionType = (typeof APPROVAL_ACTION_TYPES)[number];

export type ApprovalAction =
  | { type: 'publish'; version: number }
  | { type: 'activate'; version: number }
  | { type: 'require-approval'; on: boolean }
  | PilotAction;

/** Why the action is being checked: proposed, approved (stale requests are refused), or done at once. */
export type ActionStage = 'propose' | 'approve' | 'direct';

/** An action read back from storage (a row this runtime wrote; anything else is a fault). */
export function parseAction(text: string): ApprovalAction {
  const value = JSON.parse(text) as Record<string, unknown>;
  const pilot = parsePilotAction(value);
  if (pilot) return pilot;
  switch (value.type) {
    case 'publish':
    case 'activate':
      if (typeof value.version === 'number') return { type: value.type, version: value.version };
      break;
    case 'require-approval':
      if (typeof value.on === 'boolean') return { type: 'require-approval', on: value.on };
      break;
  }
  throw new Error(`stored approval action ${text} is not one this runtime knows`);
}

/** Two actions asking for the same thing (a second pending request for it is refused). */
export function sameAction(a: ApprovalAction, b: ApprovalAction): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Checks `action` for `stage` and returns how to apply it; throws a 4xx naming what is wrong.
 * At approval, an action whose effect is already there (the version already published or active,
 * the setting already so) is stale and refused.
 */
export async function prepareAction(deps: PublishingDeps, opts: { countyId: string; action: ApprovalAction; stage: ActionStage; actorId: string }): Promise<PreparedConfigAction> {
  const { countyId, action, stage } = opts;
  switch (action.type) {
    case 'publish':
      return preparePublish(deps, countyId, action.version);
    case 'activate':
      return prepareActivate(deps, countyId, action.version, { refuseActive: stage !== 'direct' });
    case 'require-approval': {
      const current = await approvalSetting(deps.db, countyId);
      if (stage === 'approve' && current.requireApproval === action.on) {
        throw new ConflictError('stale-request', `approval is already ${action.on ? 'required' : 'not required'}; nothing to approve`);
      }
      return {
        fingerprint: null,
        response: { requireApproval: action.on },
        apply: (t) => writeApprovalSetting(deps.db, t, { countyId, on: action.on, actorId: opts.actorId, now: deps.now() }),
        afterCommit() {},
      };
    }
    case 'pilot-start':
    case 'pilot-widen':
    case 'pilot-promote':
      return preparePilotAction(deps, countyId, action);
    default: {
      const never: never = action;
      throw new BadRequestError('bad-action', `unknown action ${JSON.stringify(never)}`);
    }
  }
}
