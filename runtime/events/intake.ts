/**
 * Taking in a report: validate it against its form, decide (level, unit, SLA policy, ...),
 * dispatch it automatically by the `system` actor, plan its SLA clocks, and store the event with
 * its history, timers and notifications in ONE transaction. An idempotency key makes a retried
 * request return the event the first one created: the writer checks the keys of a whole batch
 * inside its transaction (see intake-writer.ts), so a new key costs no extra query.
 */
import { isDeepStrictEqual } from 'node:util';
import { QueryTypes } from 'sequelize';
import {
  decide,
  initialState,
  planSla,
  transition,
  validateReport,
  WorkflowError,
  type CompiledConfig,
  type DecideOutcome,
  type SlaPlan,
  type TransitionOutcome,
} from '../../engine/index';
import type { Database } from '../db/open-database';
import { newId } from '../db/ids';
import { ConflictError, UnprocessableError } from '../http/errors';
import type { Metrics } from '../metrics/metrics';
import { DEFAULT_CHANNELS, assignedMessage, notificationDrafts } from '../outbox/messages';
import { isTerminal, storedExplanation, SYSTEM_ACTOR, type EventAttributes } from './event-record';
import type { HistoryEntry, OutboxDraft } from './event-writes';
import { intakeWriterFor } from './intake-writer';
import { sqliteDate } from '../db/sqlite-reader';
import { storedTime } from '../db/raw-sql';
import { raiseThresholdAlerts } from '../alerts/threshold-alerts';
import { logAlertError } from '../alerts/alert-log';

export { actOnEvent } from './act-on-event';

/** How far a reporter's clock may be ahead of the server's for `occurredAt`. */
const CLOCK_SKEW_MS = 10 * 60_000;

/** The window of "recent reports at the same place" handed to the rules. */
export const RECENT_REPORTS_WINDOW_MS = 7 * 24 * 3600_000;

export interface IntakeOptions {
  db: Database;
  compiled: CompiledConfig;
  countyId: string;
  configVersion: number;
  category: string;
  data: unknown;
  /** The channel of the report: grid_worker, citizen, hotline, open311, api, ... */
  source: string;
  reporterId: string;
  /** The reporter's role, for the audit trail (default `reporter`). */
  reporterRole?: string;
  idempotencyKey?: string;
  now: number;
  metrics?: Metrics;
  /**
   * The pilot covering a township, if any (ConfigRepository.pilotFor): a report placed in a pilot
   * township is validated and decided again under the pilot's version, which the event records.
   */
  pilotFor?: (township: string) => Promise<{ pilot: number; version: number; compiled: CompiledConfig } | null>;
  /** Set when the report is taken in under a pilot's version. */
  pilot?: number;
}

export interface IntakeResult {
  event: EventAttributes;
  /** False when an idempotency key matched an event created earlier. */
  created: boolean;
}

/** Takes in a report, counting it (created, replayed, invalid, error) and timing it in the metrics. */
export async function intakeEvent(opts: IntakeOptions): Promise<IntakeResult> {
  const started = performance.now();
  const county = opts.countyId;
  try {
    const result = await takeIn(opts);
    opts.metrics?.intake.inc({ county, outcome: result.created ? 'created' : 'replayed' });
    opts.metrics?.intakeSeconds.observe({ county }, (performance.now() - started) / 1000);
    return result;
  } catch (err) {
    opts.metrics?.intake.inc({ county, outcome: err instanceof UnprocessableError ? 'invalid' : 'error' });
    throw err;
  }
}

async function takeIn(opts: IntakeOptions): Promise<IntakeResult> {
  const { db, compiled, countyId, now } = opts;
  const valid = validateReport(compiled, opts.category, opts.data);
  if (!valid.ok) {
    // a retry is answered with the event its key created, even if the report would not pass today
    if (opts.idempotencyKey !== undefined) {
      const existing = await findByIdempotencyKey(opts, opts.data);
      if (existing) return existing;
    }
    const unknownCategory = valid.issues.some((i) => i.code === 'unknown-category');
    // a point outside every grid: said as such, at the location (the form's other issues ride along)
    const outside = valid.issues.find((i) => i.code === 'outside-grids');
    throw new UnprocessableError('invalid-report', unknownCategory ? `category "${opts.category}" does not exist` : outside ? `the report's location: ${outside.message}` : 'the report does not match its form', {
      field: unknownCategory ? 'category' : outside ? 'data.location' : 'data',
      issues: valid.issues,
    });
  }
  // with the grid its coordinates lie in, when it came with coordinates only
  const data = valid.value;
  const placedByPoint = gridOf(opts.data) === undefined && gridOf(data) !== undefined;
  // a form can say "a date-time" but not "not after now": when it happened cannot be later than the report (minutes of clock skew allowed)
  const occurredAt = (data as { occurredAt?: unknown }).occurredAt;
  if (typeof occurredAt === 'string' && Date.parse(occurredAt) > now + CLOCK_SKEW_MS) {
    throw new UnprocessableError('invalid-report', 'the report does not match its form', {
      field: 'data',
      issues: [{ code: 'future-time', pointer: '/occurredAt', message: '"occurredAt" is later than the time of the report' }],
    });
  }
  const place = compiled.placeOf(data);
  if (opts.pilotFor && place.township !== null) {
    const pilot = await opts.pilotFor(place.township);
    if (pilot && pilot.version !== opts.configVersion) return takeIn({ ...opts, compiled: pilot.compiled, configVersion: pilot.version, pilotFor: undefined, pilot: pilot.pilot });
  }
  const counted = place.grid === null ? 0 : countRecentReports(db, { countyId, category: opts.category, grid: place.grid, now });
  const recentReports = typeof counted === 'number' ? counted : await counted;
  const decided: DecideOutcome = decide(compiled, { category: opts.category, data, reportedAt: now, source: opts.source }, { recentReports });
  const { decision, trail } = decided;

  const reporter = { id: opts.reporterId, role: opts.reporterRole ?? 'reporter' };
  const initial = initialState(compiled.workflow, { dispatcher: decision.dispatcher, reporterId: opts.reporterId, level: decision.level, grid: decision.grid, assist: decision.assist, category: opts.category });
  const eventId = newId(now);
  const history: HistoryEntry[] = [
    { countyId, eventId, at: now, actor: reporter, action: 'report', from: null, to: initial.state, detail: { source: opts.source, recentReports, ...(placedByPoint ? { placedBy: 'coordinates' } : {}), ...(opts.pilot !== undefined ? { pilot: opts.pilot, configVersion: opts.configVersion } : {}) } },
  ];
  const dispatchRule = trail.winners.escalate ?? trail.winners.route ?? 'default';
  let dispatched: TransitionOutcome | null = null;
  try {
    dispatched = transition(compiled, { state: initial, action: 'dispatch', actor: SYSTEM_ACTOR, now, input: { unit: decision.unit } });
    history.push({
      countyId, eventId, at: now, actor: SYSTEM_ACTOR, action: 'dispatch', from: dispatched.from, to: dispatched.to, ruleId: dispatchRule,
      detail: { unit: decision.unit, level: decision.level, slaPolicy: decision.slaPolicy, winners: trail.winners, escalation: decision.escalation },
    });
  } catch (err) {
    if (!(err instanceof WorkflowError)) throw err;
    // The county's workflow does not let the system dispatch from the initial state: the event
    // waits there for a dispatcher, and the history says why.
    history.push({ countyId, eventId, at: now, actor: SYSTEM_ACTOR, action: 'dispatch-refused', from: initial.state, to: initial.state, ruleId: dispatchRule, detail: { code: err.code, message: err.message } });
  }
  const state = dispatched?.state ?? initial;
  const startedClocks = (dispatched?.effects ?? []).filter((e) => e.type === 'start').map((e) => e.clock);
  const sla: SlaPlan = startedClocks.length > 0
    ? planSla(compiled, { decision, startAt: now, clocks: startedClocks })
    : { policy: decision.slaPolicy, clocks: {}, timers: [], warnings: [] };

  const categoryName = compiled.category(opts.category)!.minor.name;
  const outbox: OutboxDraft[] = [];
  if (dispatched && state.handlingUnit) {
    outbox.push(...notificationDrafts({
      countyId, eventId, unit: state.handlingUnit, channels: DEFAULT_CHANNELS, type: 'assigned', at: now,
      message: assignedMessage({ categoryName, level: decision.level, action: 'dispatch' }), detail: { category: opts.category, level: decision.level },
    }));
  }
  for (const n of decision.notifications) {
    outbox.push(...notificationDrafts({ countyId, eventId, unit: n.unit, channels: n.channels, type: 'rule-notification', at: now, message: n.message, detail: { ruleId: n.ruleId, category: opts.category, level: decision.level } }));
  }

  const row: EventAttributes = {
    countyId,
    id: eventId,
    configVersion: opts.configVersion,
    category: opts.category,
    level: decision.level,
    state: state.state,
    closed: isTerminal(compiled, state.state),
    handlingUnit: state.handlingUnit,
    dispatcher: state.dispatcher,
    assist: state.assist,
    reporterId: opts.reporterId,
    source: opts.source,
    grid: decision.grid,
    township: decision.township,
    red: false,
    data,
    decision: decision as unknown as Record<string, unknown>,
    explanation: storedExplanation(trail, data),
    sla: sla as unknown as Record<string, unknown>,
    version: 1,
    reportedAt: new Date(now),
    updatedAt: new Date(now),
    idempotencyKey: opts.idempotencyKey ?? null,
  };

  const written = await intakeWriterFor(db).write({ row, history, timers: sla.timers, outbox, now });
  if (!written.created) {
    // the idempotency key was used before: answer with the event it created
    const existing = await findByIdempotencyKey(opts, data);
    if (!existing) throw new Error(`idempotency key "${opts.idempotencyKey}" was seen but its event is gone`);
    return existing;
  }
  // early warning: a failure is logged, never the report's
  if (compiled.config.alerts?.thresholds?.length) {
    await raiseThresholdAlerts({ db, compiled, configVersion: opts.configVersion, event: row }).catch((err: unknown) => logAlertError(db, err, { county: countyId, event: eventId }));
  }
  if (opts.metrics) {
    for (const [type, rule] of Object.entries(trail.winners)) opts.metrics.decisions.inc({ county: countyId, type, rule: rule ?? 'default' });
  }
  return { event: row, created: true };
}

/**
 * The event an idempotency key created, when this request is a retry of that report: the same
 * reporter, category and data (`data` as validated now, or as sent when it no longer validates).
 * A key reused for a different report is a 409 rather than a silent answer about another event.
 */
async function findByIdempotencyKey(opts: IntakeOptions, data: unknown): Promise<IntakeResult | null> {
  const row = await opts.db.models.Event.findOne({ where: { countyId: opts.countyId, idempotencyKey: opts.idempotencyKey } });
  if (!row) return null;
  if (row.reporterId !== opts.reporterId || row.category !== opts.category || !isDeepStrictEqual(normalJson(row.data), normalJson(data))) {
    throw new ConflictError('idempotency-key-reused', 'this idempotency key was already used for another report; use a new key for each report', { field: 'Idempotency-Key' });
  }
  return { event: row.get({ plain: true }), created: false };
}

/** The grid a report's data names, if any. */
function gridOf(data: unknown): unknown {
  const location = typeof data === 'object' && data !== null ? (data as { location?: unknown }).location : undefined;
  return typeof location === 'object' && location !== null ? (location as { grid?: unknown }).grid : undefined;
}

/** A JSON value as stored and read back (no undefined members), for comparing a retry with the original. */
const normalJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value ?? null));

/** Reports of the same category at the same grid in the last 7 days, committed or on their way. */
function countRecentReports(db: Database, opts: { countyId: string; category: string; grid: string; now: number }): number | Promise<number> {
  const since = opts.now - RECENT_REPORTS_WINDOW_MS;
  const writer = intakeWriterFor(db);
  const reader = db.reader;
  if (reader) {
    // SQLite: from memory once the writer knows the list (this process adds every event)
    return writer.countRecent(opts.countyId, opts.category, opts.grid, since, opts.now, async () => {
      const rows = await reader.all<{ at: string }>(
        'SELECT reported_at AS at FROM events WHERE county_id = ? AND category = ? AND grid = ? AND reported_at > ?',
        [opts.countyId, opts.category, opts.grid, sqliteDate(since)],
      );
      return rows.map((r) => storedTime(r.at));
    });
  }
  // PostgreSQL (several processes add events): a count, as a plain statement with bound parameters
  const pending = writer.pendingLike(opts.countyId, opts.category, opts.grid, since, opts.now);
  return db.sequelize
    .query<{ n: string | number }>('SELECT count(*) AS n FROM events WHERE county_id = $1 AND category = $2 AND grid = $3 AND reported_at > $4 AND reported_at <= $5', {
      bind: [opts.countyId, opts.category, opts.grid, new Date(since), new Date(opts.now)],
      type: QueryTypes.SELECT,
      raw: true,
    })
    .then(([row]) => pending + Number(row?.n ?? 0));
}
