/**
 * Closed periods: a computation stored as a revision, never changed afterwards. Closing a period
 * stores revision 1; recomputing stores the next one beside the earlier ones, which stay readable.
 */
import { QueryTypes, UniqueConstraintError } from 'sequelize';
import type { Database } from '../db/open-database';
import { ConflictError } from '../http/errors';
import type { ComputedAssessment } from './compute-assessment';

export interface RevisionSummary {
  revision: number;
  computedAt: number;
  computedBy: string;
  computedByName: string | null;
  configVersion: number;
  note: string | null;
}

function summary(row: Record<string, unknown>): RevisionSummary {
  return {
    revision: Number(row.revision),
    computedAt: Number(row.computed_at),
    computedBy: String(row.computed_by),
    computedByName: row.computed_by_name === null || row.computed_by_name === undefined ? null : String(row.computed_by_name),
    configVersion: Number(row.config_version),
    note: row.note === null || row.note === undefined ? null : String(row.note),
  };
}

/** A period's revisions, oldest first. */
export async function listRevisions(db: Database, countyId: string, period: string): Promise<RevisionSummary[]> {
  const rows = await db.sequelize.query<Record<string, unknown>>(
    'SELECT revision, computed_at, computed_by, computed_by_name, config_version, note FROM assessment_revisions WHERE county_id = :county AND period = :period ORDER BY revision',
    { replacements: { county: countyId, period }, type: QueryTypes.SELECT },
  );
  return rows.map(summary);
}

/** One revision's stored result, or null. */
export async function readRevision(db: Database, countyId: string, period: string, revision: number): Promise<{ summary: RevisionSummary; result: ComputedAssessment } | null> {
  const [row] = await db.sequelize.query<Record<string, unknown>>('SELECT * FROM assessment_revisions WHERE county_id = :county AND period = :period AND revision = :revision', {
    replacements: { county: countyId, period, revision },
    type: QueryTypes.SELECT,
  });
  return row ? { summary: summary(row), result: JSON.parse(String(row.result)) as ComputedAssessment } : null;
}

/**
 * Stores `result` as the period's next revision (1 when the period was open). Two administrators
 * closing at once: the second gets 409 and recomputes again if it wants another revision.
 */
export async function storeRevision(db: Database, opts: { countyId: string; period: string; result: ComputedAssessment; actor: { id: string; name?: string }; note?: string; now: number }): Promise<RevisionSummary> {
  try {
    return await db.transaction(async (t) => {
      const [last] = await db.sequelize.query<{ n: unknown }>('SELECT MAX(revision) AS n FROM assessment_revisions WHERE county_id = :county AND period = :period', {
        replacements: { county: opts.countyId, period: opts.period },
        type: QueryTypes.SELECT,
        transaction: t,
      });
      const revision = Number(last?.n ?? 0) + 1;
      const row = { county: opts.countyId, period: opts.period, revision, at: opts.now, by: opts.actor.id, name: opts.actor.name ?? null, version: opts.result.configVersion, note: opts.note ?? null, result: JSON.stringify(opts.result) };
      await db.sequelize.query(
        'INSERT INTO assessment_revisions (county_id, period, revision, computed_at, computed_by, computed_by_name, config_version, note, result) VALUES (:county, :period, :revision, :at, :by, :name, :version, :note, :result)',
        { replacements: row, transaction: t },
      );
      return { revision, computedAt: opts.now, computedBy: opts.actor.id, computedByName: row.name, configVersion: row.version, note: row.note };
    });
  } catch (err) {
    if (err instanceof UniqueConstraintError) throw new ConflictError('revision-conflict', `another revision of ${opts.period} was stored at the same moment; reload and recompute if another is wanted`);
    throw err;
  }
}
