/**
 * Pilots: a published config version active for a set of townships while the rest of the county
 * stays on its main (active) version. Intake picks the version by the township the report falls
 * in (ConfigRepository.pilotFor) and records it on the event. A pilot can be widened to more
 * townships, promoted (its version becomes the county's main one) or ended; every change is kept
 * in `pilot_changes` with the actor and the note. A township is in at most one active pilot.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import type { CompiledConfig } from '../../engine/index';
import type { ConfigRepository } from '../db/config-repository';
import type { Database } from '../db/open-database';
import { BadRequestError, ConflictError, NotFoundError } from '../http/errors';

export const PILOT_STATUSES = ['active', 'ended', 'promoted'] as const;
export type PilotStatus = (typeof PILOT_STATUSES)[number];
export type PilotAction = 'start' | 'widen' | 'promote' | 'end';

export interface PilotChange {
  seq: number;
  at: number;
  action: PilotAction;
  townships: string[];
  actorId: string;
  actorRole: string;
  actorName: string | null;
  note: string | null;
}

export interface Pilot {
  id: number;
  version: number;
  townships: string[];
  status: PilotStatus;
  name: string | null;
  startedAt: number;
  startedBy: string;
  endedAt: number | null;
  endedBy: string | null;
  changes: PilotChange[];
}

export interface PilotActor {
  id: string;
  role: string;
  name?: string | null;
}

type Row = Record<string, unknown>;
const MAX_TOWNSHIPS = 200;

function pilotOf(row: Row, changes: PilotChange[]): Pilot {
  return {
    id: Number(row.id),
    version: Number(row.version),
    townships: JSON.parse(String(row.townships)) as string[],
    status: String(row.status) as PilotStatus,
    name: row.name === null || row.name === undefined ? null : String(row.name),
    startedAt: Number(row.started_at),
    startedBy: String(row.started_by),
    endedAt: row.ended_at === null || row.ended_at === undefined ? null : Number(row.ended_at),
    endedBy: row.ended_by === null || row.ended_by === undefined ? null : String(row.ended_by),
    changes,
  };
}

function changeOf(row: Row): PilotChange {
  return {
    seq: Number(row.seq),
    at: Number(row.at),
    action: String(row.action) as PilotAction,
    townships: JSON.parse(String(row.townships)) as string[],
    actorId: String(row.actor_id),
    actorRole: String(row.actor_role),
    actorName: row.actor_name === null || row.actor_name === undefined ? null : String(row.actor_name),
    note: row.note === null || row.note === undefined ? null : String(row.note),
  };
}

/** Every pilot of the county, newest first, each with its changes in order. */
export async function listPilots(db: Database, countyId: string, transaction?: Transaction): Promise<Pilot[]> {
  const [rows, changes] = await Promise.all([
    db.sequelize.query<Row>('SELECT * FROM pilots WHERE county_id = :county ORDER BY id DESC', { replacements: { county: countyId }, type: QueryTypes.SELECT, transaction }),
    db.sequelize.query<Row>('SELECT * FROM pilot_changes WHERE county_id = :county ORDER BY pilot_id, seq', { replacements: { county: countyId }, type: QueryTypes.SELECT, transaction }),
  ]);
  const byPilot = new Map<number, PilotChange[]>();
  for (const c of changes) byPilot.set(Number(c.pilot_id), [...(byPilot.get(Number(c.pilot_id)) ?? []), changeOf(c)]);
  return rows.map((r) => pilotOf(r, byPilot.get(Number(r.id)) ?? []));
}

export async function getPilot(db: Database, countyId: string, id: number, transaction?: Transaction): Promise<Pilot> {
  const pilot = (await listPilots(db, countyId, transaction)).find((p) => p.id === id);
  if (!pilot) throw new NotFoundError(`pilot ${id} not found`);
  return pilot;
}

/** A list of township ids, each a township of both configs (400 naming the field otherwise). */
export function checkTownships(value: unknown, field: string, configs: readonly CompiledConfig[]): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_TOWNSHIPS || !value.every((t) => typeof t === 'string' && t.length > 0 && t.length <= 64)) {
    throw new BadRequestError('bad-townships', `"${field}" must be a list of 1 to ${MAX_TOWNSHIPS} township ids`, { field });
  }
  const townships = [...new Set(value as string[])];
  for (const [i, t] of townships.entries()) {
    for (const compiled of configs) {
      if (compiled.unit(t)?.kind !== 'township') throw new BadRequestError('unknown-township', `"${t}" is not a township of the county's config (version in question lacks it)`, { field: `${field}/${i}` });
    }
  }
  return townships;
}

export async function addChange(db: Database, t: Transaction, opts: { countyId: string; pilot: number; action: PilotAction; townships: string[]; actor: PilotActor; note?: string | null; now: number }): Promise<void> {
  const [last] = await db.sequelize.query<Row>('SELECT MAX(seq) AS seq FROM pilot_changes WHERE county_id = :county AND pilot_id = :pilot', { replacements: { county: opts.countyId, pilot: opts.pilot }, type: QueryTypes.SELECT, transaction: t });
  await db.sequelize.query('INSERT INTO pilot_changes (county_id, pilot_id, seq, at, action, townships, actor_id, actor_role, actor_name, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', {
    replacements: [opts.countyId, opts.pilot, Number(last?.seq ?? 0) + 1, opts.now, opts.action, JSON.stringify(opts.townships), opts.actor.id, opts.actor.role, opts.actor.name ?? null, opts.note ?? null],
    transaction: t,
  });
}

/** 409 when one of `townships` is in another active pilot already. */
export async function checkFree(db: Database, countyId: string, townships: readonly string[], except: number | null, t: Transaction): Promise<void> {
  const rows = await db.sequelize.query<Row>("SELECT id, townships FROM pilots WHERE county_id = :county AND status = 'active'", { replacements: { county: countyId }, type: QueryTypes.SELECT, transaction: t });
  for (const r of rows) {
    if (Number(r.id) === except) continue;
    const taken = (JSON.parse(String(r.townships)) as string[]).find((x) => townships.includes(x));
    if (taken) throw new ConflictError('township-in-pilot', `township "${taken}" is already in pilot ${Number(r.id)}; end or narrow that pilot first`, { field: 'townships' });
  }
}

export interface PilotDeps {
  db: Database;
  configs: ConfigRepository;
}

/** Ends an active pilot: its townships go back to the main version (events already decided keep theirs). */
export async function endPilot(deps: PilotDeps, opts: { countyId: string; id: number; note?: unknown; actor: PilotActor; now: number }): Promise<Pilot> {
  const { db, configs } = deps;
  const note = optionalText(opts.note, 'note', 2000);
  await activePilot(db, opts.countyId, opts.id);
  await db.transaction(async (t) => {
    await lockPilots(db, opts.countyId, t);
    const townships = await stillActive(db, t, opts.countyId, opts.id);
    await db.sequelize.query("UPDATE pilots SET status = 'ended', ended_at = ?, ended_by = ? WHERE county_id = ? AND id = ?", { replacements: [opts.now, opts.actor.id, opts.countyId, opts.id], transaction: t });
    await addChange(db, t, { countyId: opts.countyId, pilot: opts.id, action: 'end', townships, actor: opts.actor, note, now: opts.now });
  });
  configs.forgetPilots(opts.countyId);
  return getPilot(db, opts.countyId, opts.id);
}

export async function activePilot(db: Database, countyId: string, id: number): Promise<Pilot> {
  const pilot = await getPilot(db, countyId, id);
  if (pilot.status !== 'active') throw new ConflictError('pilot-not-active', `pilot ${id} is ${pilot.status}; only an active pilot can change`);
  return pilot;
}

/** Inside the change's transaction (after the lock): the pilot's townships, or 409 when it was ended meanwhile. */
export async function stillActive(db: Database, t: Transaction, countyId: string, id: number): Promise<string[]> {
  const [row] = await db.sequelize.query<Row>('SELECT status, townships FROM pilots WHERE county_id = :county AND id = :id', { replacements: { county: countyId, id }, type: QueryTypes.SELECT, transaction: t });
  if (row?.status !== 'active') throw new ConflictError('pilot-not-active', `pilot ${id} was ended meanwhile`);
  return JSON.parse(String(row.townships)) as string[];
}

/** Pilot changes of one county take turns (PostgreSQL: the county's row locked; SQLite: one writer). */
export async function lockPilots(db: Database, countyId: string, t: Transaction): Promise<void> {
  if (db.dialect === 'postgres') await db.sequelize.query('SELECT id FROM counties WHERE id = ? FOR UPDATE', { replacements: [countyId], transaction: t });
}

export async function publishedConfig(configs: ConfigRepository, countyId: string, version: number): Promise<CompiledConfig> {
  try {
    return await configs.compiled(countyId, version);
  } catch (err) {
    if ((err as Error).name === 'ConfigNotFoundError') throw new ConflictError('not-published', `version ${version} is not a published version of the county; publish it first`, { field: 'version' });
    throw err;
  }
}

export function optionalText(value: unknown, field: string, max: number): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' || value.length > max) throw new BadRequestError('bad-text', `"${field}" must be a text of at most ${max} characters`, { field });
  return value;
}
