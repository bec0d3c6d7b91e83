/**
 * Starting, widening and promoting a pilot as checked actions ready to apply (the shape the
 * approvals use, runtime/approvals): each is checked when proposed and again when approved (a
 * township taken meanwhile, a pilot ended meanwhile: 409), and applied inside the transaction that
 * records it. Ending a pilot takes its townships back to the approved main version and needs no
 * second person (pilot-store.ts).
 */
import { QueryTypes, type Transaction } from 'sequelize';
import type { PreparedConfigAction, PublishingDeps } from '../configs/config-publishing';
import { BadRequestError, ConflictError } from '../http/errors';
import { addChange, activePilot, checkFree, checkTownships, lockPilots, optionalText, publishedConfig, stillActive, type PilotActor } from './pilot-store';

export type PilotAction =
  | { type: 'pilot-start'; version: number; townships: string[]; name: string | null; note: string | null; by: PilotActor }
  | { type: 'pilot-widen'; pilot: number; townships: string[]; note: string | null; by: PilotActor }
  | { type: 'pilot-promote'; pilot: number; note: string | null; by: PilotActor };

export const PILOT_ACTION_TYPES = ['pilot-start', 'pilot-widen', 'pilot-promote'] as const;

type Row = Record<string, unknown>;

const townshipList = (value: unknown): string[] => {
  if (!Array.isArray(value) || value.length === 0 || value.length > 200 || !value.every((t) => typeof t === 'string' && t.length > 0 && t.length <= 64)) {
    throw new BadRequestError('bad-townships', '"townships" must be a list of 1 to 200 township ids', { field: 'townships' });
  }
  return [...new Set(value as string[])];
};

/** The action a request body asks for (400 naming the field when malformed). */
export function pilotActionOf(kind: 'start' | 'widen' | 'promote', body: Record<string, unknown>, pilot: number | null, by: PilotActor): PilotAction {
  const note = optionalText(body.note, 'note', 2000);
  if (kind === 'start') {
    if (typeof body.version !== 'number' || !Number.isInteger(body.version) || body.version < 1) throw new BadRequestError('bad-version', '"version" must be the number of a published config version', { field: 'version' });
    return { type: 'pilot-start', version: body.version, townships: townshipList(body.townships), name: optionalText(body.name, 'name', 200), note, by };
  }
  if (kind === 'widen') return { type: 'pilot-widen', pilot: pilot!, townships: townshipList(body.townships), note, by };
  return { type: 'pilot-promote', pilot: pilot!, note, by };
}

/** Reads a stored pilot action back (null when `value` is not one). */
export function parsePilotAction(value: Record<string, unknown>): PilotAction | null {
  if (!PILOT_ACTION_TYPES.includes(value.type as (typeof PILOT_ACTION_TYPES)[number])) return null;
  return value as unknown as PilotAction;
}

/** Checks a pilot action and returns how to apply it; 4xx naming what is wrong. */
export async function preparePilotAction(deps: PublishingDeps, countyId: string, action: PilotAction): Promise<PreparedConfigAction> {
  const { db, configs } = deps;
  const main = await configs.active(countyId);
  const response: Record<string, unknown> = {};
  const done = (pilot: number) => {
    response.pilot = pilot;
  };
  const afterCommit = (promoted: boolean) => () => {
    if (promoted) configs.forgetActive(countyId);
    configs.forgetPilots(countyId);
  };
  switch (action.type) {
    case 'pilot-start': {
      if (!main) throw new ConflictError('no-active-version', 'the county has no active config version to pilot against');
      if (main.version === action.version) throw new ConflictError('already-main', `version ${action.version} is the county's main version already`, { field: 'version' });
      const compiled = await publishedConfig(configs, countyId, action.version);
      const townships = checkTownships(action.townships, 'townships', [main.compiled, compiled]);
      return {
        fingerprint: null,
        response,
        async apply(t: Transaction) {
          await lockPilots(db, countyId, t);
          await checkFree(db, countyId, townships, null, t);
          const [last] = await db.sequelize.query<Row>('SELECT MAX(id) AS id FROM pilots WHERE county_id = :county', { replacements: { county: countyId }, type: QueryTypes.SELECT, transaction: t });
          const next = Number(last?.id ?? 0) + 1;
          const now = deps.now();
          await db.sequelize.query("INSERT INTO pilots (county_id, id, version, townships, status, name, started_at, started_by) VALUES (?, ?, ?, ?, 'active', ?, ?, ?)", {
            replacements: [countyId, next, action.version, JSON.stringify(townships), action.name, now, action.by.id],
            transaction: t,
          });
          await addChange(db, t, { countyId, pilot: next, action: 'start', townships, actor: action.by, note: action.note, now });
          done(next);
        },
        afterCommit: afterCommit(false),
      };
    }
    case 'pilot-widen': {
      const pilot = await activePilot(db, countyId, action.pilot);
      const added = checkTownships(action.townships, 'townships', [...(main ? [main.compiled] : []), await publishedConfig(configs, countyId, pilot.version)]);
      return {
        fingerprint: null,
        response,
        async apply(t: Transaction) {
          await lockPilots(db, countyId, t);
          await checkFree(db, countyId, added, action.pilot, t);
          const current = await stillActive(db, t, countyId, action.pilot);
          const townships = [...new Set([...current, ...added])];
          await db.sequelize.query('UPDATE pilots SET townships = ? WHERE county_id = ? AND id = ?', { replacements: [JSON.stringify(townships), countyId, action.pilot], transaction: t });
          await addChange(db, t, { countyId, pilot: action.pilot, action: 'widen', townships, actor: action.by, note: action.note, now: deps.now() });
          done(action.pilot);
        },
        afterCommit: afterCommit(false),
      };
    }
    case 'pilot-promote': {
      const pilot = await activePilot(db, countyId, action.pilot);
      await publishedConfig(configs, countyId, pilot.version);
      return {
        fingerprint: null,
        response,
        async apply(t: Transaction) {
          await lockPilots(db, countyId, t);
          await stillActive(db, t, countyId, action.pilot);
          const now = deps.now();
          await db.sequelize.query("UPDATE pilots SET status = 'promoted', ended_at = ?, ended_by = ? WHERE county_id = ? AND id = ?", { replacements: [now, action.by.id, countyId, action.pilot], transaction: t });
          await db.models.County.update({ activeVersion: pilot.version, activatedAt: new Date(now) }, { where: { id: countyId }, transaction: t });
          await addChange(db, t, { countyId, pilot: action.pilot, action: 'promote', townships: pilot.townships, actor: action.by, note: action.note, now });
          done(action.pilot);
        },
        afterCommit: afterCommit(true),
      };
    }
    default: {
      const never: never = action;
      throw new BadRequestError('bad-action', `unknown pilot action ${JSON.stringify(never)}`);
    }
  }
}
