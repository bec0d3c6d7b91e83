/**
 * The shadow runs' background job: every few seconds each active shadow run decides the reports
 * taken in since its cursor again under its version — from the stored data, report time, source
 * and the recent-reports count intake used (kept in the report's history entry) — compares with
 * the real decision, records the events it would have decided differently and its running
 * counts, and moves its cursor, all in one transaction. Nothing is acted on. A crash loses
 * nothing: the cursor only moves with the rows it covers. On PostgreSQL the shadow's row is
 * locked, so several processes never decide one event twice.
 */
import type { Logger } from 'pino';
import { QueryTypes } from 'sequelize';
import { replayEvent, storedOutcomeOf, type CompiledConfig, type ReplayOutcome } from '../../engine/index';
import { countOutcome } from '../backtest/backtest-summary';
import type { ConfigRepository } from '../db/config-repository';
import type { Database } from '../db/open-database';
import { sqlDate, storedJson, storedTime } from '../db/raw-sql';
import { createPollLoop } from '../poll-loop';
import { shadowOf } from './shadow-store';

type Row = Record<string, unknown>;

export interface ShadowJob {
  /** Decides what is due for every active shadow run; returns the events decided. */
  runDue(at?: number): Promise<{ decided: number }>;
  start(): void;
  stop(): Promise<void>;
}

export function createShadowJob(opts: { db: Database; configs: ConfigRepository; logger: Logger; now: () => number; intervalMs?: number; pageSize?: number }): ShadowJob {
  const { db } = opts;
  const pageSize = opts.pageSize ?? 500;

  /** One page for one shadow run: the events it decided (0 when nothing was new). */
  async function page(countyId: string, id: number, at: number): Promise<number> {
    return db.transaction(async (t) => {
      const lock = db.dialect === 'postgres' ? ' FOR UPDATE' : '';
      const [row] = await db.sequelize.query<Row>(`SELECT * FROM shadows WHERE county_id = :county AND id = :id${lock}`, { replacements: { county: countyId, id }, type: QueryTypes.SELECT, transaction: t });
      if (!row || row.status !== 'active') return 0;
      const shadow = shadowOf(row);
      const compiled = await opts.configs.compiled(countyId, shadow.version);
      const cursorAt = sqlDate(db.dialect, shadow.decidedUntil);
      const events = await db.sequelize.query<Row>(
        `SELECT e.id, e.category, e.source, e.grid, e.township, e.reported_at, e.data, e.decision, e.sla, h.detail
         FROM events e JOIN event_history h ON h.county_id = e.county_id AND h.event_id = e.id AND h.action = 'report'
         WHERE e.county_id = ? AND (e.reported_at > ? OR (e.reported_at = ? AND e.id > ?))
         ORDER BY e.reported_at, e.id LIMIT ?`,
        { replacements: [countyId, cursorAt, cursorAt, String(row.cursor_id), pageSize], type: QueryTypes.SELECT, transaction: t },
      );
      if (events.length === 0) return 0;
      const { totals, summary } = shadow;
      const changed: unknown[][] = [];
      for (const e of events) {
        const out = decideAgain(compiled, e, at);
        countOutcome(totals, summary, out);
        if (out.ok && out.changes.length === 0) continue;
        const reportedAt = storedTime(e.reported_at);
        changed.push(
          out.ok
            ? [countyId, id, out.id, reportedAt, out.category, out.township, JSON.stringify(out.changes), out.newlyLate.join(','), JSON.stringify(out.before), JSON.stringify(out.after), JSON.stringify(out.trail), null]
            : [countyId, id, out.id, reportedAt, out.category, out.township, '[]', '', null, null, null, JSON.stringify({ code: out.code, message: out.message })],
        );
      }
      for (let i = 0; i < changed.length; i += 100) {
        const chunk = changed.slice(i, i + 100);
        await db.sequelize.query(
          `INSERT INTO shadow_changes (county_id, shadow_id, event_id, reported_at, category, township, changes, newly_late, real_side, shadow_side, shadow_trail, error) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')} ON CONFLICT DO NOTHING`,
          { replacements: chunk.flat(), transaction: t },
        );
      }
      const last = events[events.length - 1];
      await db.sequelize.query('UPDATE shadows SET cursor_at = ?, cursor_id = ?, totals = ?, summary = ? WHERE county_id = ? AND id = ?', {
        replacements: [storedTime(last.reported_at), String(last.id), JSON.stringify(totals), JSON.stringify(summary), countyId, id],
        transaction: t,
      });
      return events.length;
    });
  }

  async function runDue(at = opts.now()): Promise<{ decided: number }> {
    const active = await db.sequelize.query<Row>("SELECT county_id, id FROM shadows WHERE status = 'active'", { type: QueryTypes.SELECT });
    let decided = 0;
    for (const s of active) {
      // at most 20 pages a shadow per tick: a backlog is worked off over the next ticks
      for (let i = 0; i < 20; i++) {
        const n = await page(String(s.county_id), Number(s.id), at);
        decided += n;
        if (n < pageSize) break;
      }
    }
    return { decided };
  }

  const loop = createPollLoop({ name: 'shadows', intervalMs: opts.intervalMs ?? 5_000, logger: opts.logger, tick: () => runDue() });
  return { runDue, start: () => loop.start(), stop: () => loop.stop() };
}

/** One stored event decided again under the shadow's version. */
function decideAgain(compiled: CompiledConfig, e: Row, asOf: number): ReplayOutcome {
  const detail = storedJson<{ recentReports?: unknown } | null>(e.detail) ?? {};
  return replayEvent(
    compiled,
    {
      id: String(e.id),
      category: String(e.category),
      data: storedJson<Record<string, unknown>>(e.data),
      reportedAt: storedTime(e.reported_at),
      source: String(e.source),
      township: e.township === null || e.township === undefined ? null : String(e.township),
      grid: e.grid === null || e.grid === undefined ? null : String(e.grid),
      recentReports: typeof detail.recentReports === 'number' ? detail.recentReports : 0,
      stored: storedOutcomeOf(storedJson(e.decision), storedJson(e.sla)),
    },
    asOf,
  );
}

