/**
 * Scores from outside the system (a township's rating of each posted station, the command room's
 * of its platforms, ...), entered by county administrators per period, unit and rating source,
 * 0–100. Every change is kept with who made it, when, the score before and after (null: none) and
 * an optional comment, in the transaction that makes it.
 */
import { QueryTypes } from 'sequelize';
import type { Database } from '../db/open-database';
import { newId } from '../db/ids';

export interface RatingChange {
  unit: string;
  source: string;
  /** null removes the rating. */
  score: number | null;
  comment?: string;
}

export interface StoredRating {
  unit: string;
  source: string;
  score: number;
  comment: string | null;
  updatedBy: string;
  updatedAt: number;
}

export interface RatingAuditEntry {
  id: string;
  unit: string;
  source: string;
  oldScore: number | null;
  newScore: number | null;
  comment: string | null;
  actorId: string;
  actorRole: string;
  actorName: string | null;
  at: number;
}

export interface RatingActor {
  id: string;
  role: string;
  name?: string;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export async function readRatings(db: Database, countyId: string, period: string): Promise<StoredRating[]> {
  const rows = await db.sequelize.query<Record<string, unknown>>('SELECT unit, source, score, comment, updated_by, updated_at FROM assessment_ratings WHERE county_id = :county AND period = :period ORDER BY unit, source', {
    replacements: { county: countyId, period },
    type: QueryTypes.SELECT,
  });
  return rows.map((r) => ({ unit: String(r.unit), source: String(r.source), score: Number(r.score), comment: r.comment === null ? null : String(r.comment), updatedBy: String(r.updated_by), updatedAt: Number(r.updated_at) }));
}

/** Ratings by unit, then by source, as score() takes them. */
export function ratingsByUnit(ratings: readonly StoredRating[]): Map<string, Record<string, number>> {
  const byUnit = new Map<string, Record<string, number>>();
  for (const r of ratings) byUnit.set(r.unit, { ...byUnit.get(r.unit), [r.source]: r.score });
  return byUnit;
}

/**
 * Applies the changes in one transaction; a change that leaves a score as it was is not
 * recorded. Returns how many scores changed.
 */
export async function changeRatings(db: Database, opts: { countyId: string; period: string; changes: readonly RatingChange[]; actor: RatingActor; now: number }): Promise<number> {
  const { countyId, period, actor, now } = opts;
  return db.transaction(async (t) => {
    let changed = 0;
    for (const change of opts.changes) {
      const key = { county: countyId, period, unit: change.unit, source: change.source };
      const [current] = await db.sequelize.query<{ score: unknown }>('SELECT score FROM assessment_ratings WHERE county_id = :county AND period = :period AND unit = :unit AND source = :source', { replacements: key, type: QueryTypes.SELECT, transaction: t });
      const old = num(current?.score);
      if (old === change.score) continue;
      const comment = change.comment ?? null;
      if (change.score === null) {
        await db.sequelize.query('DELETE FROM assessment_ratings WHERE county_id = :county AND period = :period AND unit = :unit AND source = :source', { replacements: key, transaction: t });
      } else if (old === null) {
        await db.sequelize.query('INSERT INTO assessment_ratings (county_id, period, unit, source, score, comment, updated_by, updated_at) VALUES (:county, :period, :unit, :source, :score, :comment, :by, :at)', { replacements: { ...key, score: change.score, comment, by: actor.id, at: now }, transaction: t });
      } else {
        await db.sequelize.query('UPDATE assessment_ratings SET score = :score, comment = :comment, updated_by = :by, updated_at = :at WHERE county_id = :county AND period = :period AND unit = :unit AND source = :source', { replacements: { ...key, score: change.score, comment, by: actor.id, at: now }, transaction: t });
      }
      await db.sequelize.query(
        'INSERT INTO assessment_rating_changes (county_id, id, period, unit, source, old_score, new_score, comment, actor_id, actor_role, actor_name, at) VALUES (:county, :id, :period, :unit, :source, :old, :new, :comment, :actor, :role, :name, :at)',
        { replacements: { ...key, id: newId(now), old, new: change.score, comment, actor: actor.id, role: actor.role, name: actor.name ?? null, at: now }, transaction: t },
      );
      changed++;
    }
    return changed;
  });
}

/** A period's rating changes, oldest first. */
export async function ratingAudit(db: Database, countyId: string, period: string): Promise<RatingAuditEntry[]> {
  const rows = await db.sequelize.query<Record<string, unknown>>('SELECT * FROM assessment_rating_changes WHERE county_id = :county AND period = :period ORDER BY at, id', { replacements: { county: countyId, period }, type: QueryTypes.SELECT });
  return rows.map((r) => ({
    id: String(r.id),
    unit: String(r.unit),
    source: String(r.source),
    oldScore: num(r.old_score),
    newScore: num(r.new_score),
    comment: r.comment === null ? null : String(r.comment),
    actorId: String(r.actor_id),
    actorRole: String(r.actor_role),
    actorName: r.actor_name === null ? null : String(r.actor_name),
    at: Number(r.at),
  }));
}
