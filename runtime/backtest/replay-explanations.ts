/**
 * The new explanation of a backtest's changed event, made when the change is read rather than
 * while the run goes: the event is decided again under the run's config from its stored data,
 * report time and source and the recent-reports count the run kept for it — the same inputs, so
 * the same trail the run decided with. (Making and storing it during the run took about a quarter
 * of a million-event run's time; a change is read a page at a time.) The run's config document is
 * compiled once and kept for the next pages.
 */
import { compile, replayedTrail, type CompiledConfig } from '../../engine/index';
import { QueryTypes } from 'sequelize';
import type { Database } from '../db/open-database';
import { storedExplanation } from '../events/event-record';

/** Per database, the compiled configs of the runs read last, by county and run (a run's document never changes). */
const compiledRunsOf = new WeakMap<Database, Map<string, CompiledConfig | null>>();
const KEPT_RUNS = 4;

/** The compiled config a run decided with; null when the run has none that compiles (it did when the run started). */
export async function runConfig(db: Database, countyId: string, runId: string): Promise<CompiledConfig | null> {
  let compiledRuns = compiledRunsOf.get(db);
  if (!compiledRuns) compiledRunsOf.set(db, (compiledRuns = new Map()));
  const key = `${countyId}\u0000${runId}`;
  if (compiledRuns.has(key)) return compiledRuns.get(key)!;
  const [row] = await db.sequelize.query<{ config_document: unknown }>('SELECT config_document FROM backtest_runs WHERE county_id = ? AND id = ?', { replacements: [countyId, runId], type: QueryTypes.SELECT });
  let compiled: CompiledConfig | null = null;
  if (row && typeof row.config_document === 'string') {
    try {
      // checked in full when the run was started
      const result = compile(JSON.parse(row.config_document), { trusted: true });
      if (result.ok) compiled = result.value;
    } catch {
      // a document changed in the database since: the changes are listed without the new explanation
    }
  }
  compiledRuns.set(key, compiled);
  while (compiledRuns.size > KEPT_RUNS) compiledRuns.delete(compiledRuns.keys().next().value!);
  return compiled;
}

/** The explanation, in the compact form events store theirs in, of the decision the run made for an event. */
export function replayedExplanation(compiled: CompiledConfig, event: { category: string; data: Record<string, unknown>; reportedAt: number; source: string; recentReports: number }): Record<string, unknown> | null {
  const trail = replayedTrail(compiled, event);
  return trail ? storedExplanation(trail, event.data) : null;
}
