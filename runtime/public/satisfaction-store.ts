/**
 * Satisfaction ratings as the assessment reads them: one per event (the rating given when it was
 * confirmed closed; a later confirmation after a reopen replaces it), with whether it counts as
 * satisfied under the county's scale at the time.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import type { Database } from '../db/open-database';
import { storedBoolean } from '../db/raw-sql';

export interface SatisfactionRating {
  countyId: string;
  eventId: string;
  value: string;
  satisfied: boolean;
  /** Who rated: the reporter through the public link, or the grid worker confirming for them. */
  source: 'reporter' | 'grid_worker' | 'staff';
  actorId: string;
  comment?: string;
  ratedAt: number;
}

export async function recordSatisfaction(db: Database, rating: SatisfactionRating, transaction?: Transaction): Promise<void> {
  const replacements = {
    county: rating.countyId,
    event: rating.eventId,
    value: rating.value,
    satisfied: db.dialect === 'postgres' ? rating.satisfied : rating.satisfied ? 1 : 0,
    source: rating.source,
    actor: rating.actorId,
    comment: rating.comment ?? null,
    at: rating.ratedAt,
  };
  await db.sequelize.query('DELETE FROM satisfaction_ratings WHERE county_id = :county AND event_id = :event', { replacements, transaction });
  await db.sequelize.query(
    'INSERT INTO satisfaction_ratings (county_id, event_id, value, satisfied, source, actor_id, comment, rated_at) VALUES (:county, :event, :value, :satisfied, :source, :actor, :comment, :at)',
    { replacements, transaction },
  );
}

export async function satisfactionOf(db: Database, countyId: string, eventId: string): Promise<SatisfactionRating | null> {
  const rows = await db.sequelize.query<Record<string, unknown>>('SELECT * FROM satisfaction_ratings WHERE county_id = :county AND event_id = :event', { replacements: { county: countyId, event: eventId }, type: QueryTypes.SELECT });
  const row = rows[0];
  if (!row) return null;
  return {
    countyId,
    eventId,
    value: String(row.value),
    satisfied: storedBoolean(row.satisfied),
    source: row.source === 'grid_worker' || row.source === 'staff' ? row.source : 'reporter',
    actorId: String(row.actor_id),
    ...(row.comment ? { comment: String(row.comment) } : {}),
    ratedAt: Number(row.rated_at),
  };
}
