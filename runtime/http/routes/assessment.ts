/**
 * The assessment (考核) under `/counties/:county/assessment` (docs/assessment.md): a period's
 * results per unit — computed now while the period is open, the latest revision once it is
 * closed — with the figures' events behind them, the ratings county administrators enter with
 * their audit trail, and closing (or recomputing) a period as a stored revision. Lists answer
 * `?format=csv|xlsx` too. County administrators, policy designers and command rooms see every
 * unit; a handling unit sees its own.
 */
import { Router, type Request } from 'express';
import { score, type AssessmentPeriod, type CompiledConfig } from '../../../engine/index';
import { actorInCounty, requireRole } from '../../auth/authenticate';
import type { TokenActor } from '../../auth/tokens';
import { assessedKinds, computeAssessment, type ComputedAssessment } from '../../assessment/compute-assessment';
import { listRevisions, readRevision, storeRevision, type RevisionSummary } from '../../assessment/assessment-revisions';
import { changeRatings, ratingAudit, readRatings } from '../../assessment/external-ratings';
import { drillDown, eventSummaries } from '../../assessment/drill-down';
import { drillSheet, rankingSheet, sendSheet } from '../../assessment/assessment-export';
import { apiTime } from '../api-time';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { bodyObject } from '../json-body';
import type { ApiDeps } from './api-router';
import { countedQuery, formatQuery, kindQuery, pageQuery, periodParam, periodQuery, ratingChanges, revisionNote, revisionQuery } from './assessment-params';

/** Every unit, or one unit's own figures. */
type Scope = { all: true } | { all: false; unit: string };

function viewScope(actor: TokenActor): Scope {
  if (actor.role === 'county_admin' || actor.role === 'policy_designer') return { all: true };
  if (actor.role === 'dispatcher' && actor.unit) return { all: true };
  if (actor.role === 'handler' && actor.unit) return { all: false, unit: actor.unit };
  throw new ForbiddenError('role-not-allowed', `role "${actor.role}" may not read the assessment`);
}

interface Context {
  actor: TokenActor;
  version: number;
  compiled: CompiledConfig;
}

async function context(deps: ApiDeps, req: Request): Promise<Context> {
  const actor = actorInCounty(req, req.params.county as string);
  const active = await deps.configs.active(actor.countyId);
  if (!active) throw new NotFoundError(`county "${actor.countyId}" has no published config`);
  return { actor, version: active.version, compiled: active.compiled };
}

/** The results a request reads: a revision (the one asked for, or the latest), or computed now while the period is open. */
async function resultsFor(deps: ApiDeps, ctx: Context, period: AssessmentPeriod, revision: number | undefined): Promise<{ result: ComputedAssessment; revision: number | null; revisions: RevisionSummary[] }> {
  const { countyId } = ctx.actor;
  const revisions = await listRevisions(deps.db, countyId, period.id);
  const wanted = revision ?? revisions.at(-1)?.revision;
  if (wanted === undefined) {
    const result = await computeAssessment({ db: deps.db, compiled: ctx.compiled, configVersion: ctx.version, countyId, period, asOf: deps.now() });
    return { result, revision: null, revisions };
  }
  const stored = await readRevision(deps.db, countyId, period.id, wanted);
  if (!stored) throw new NotFoundError(`${period.id} has no revision ${wanted}`);
  return { result: stored.result, revision: wanted, revisions };
}

function revisionView(r: RevisionSummary, timeZone: string) {
  return { revision: r.revision, computedAt: apiTime(r.computedAt, timeZone), computedBy: r.computedBy, computedByName: r.computedByName, configVersion: r.configVersion, note: r.note };
}

function assessmentView(ctx: Context, found: Awaited<ReturnType<typeof resultsFor>>, scope: Scope, kind: string | undefined) {
  const { asOfMs: _asOf, ...result } = found.result;
  const units = result.units.filter((u) => (scope.all || u.unit === scope.unit) && (kind === undefined || u.kind === kind));
  return {
    county: ctx.actor.countyId,
    ...result,
    units,
    status: found.revisions.length > 0 ? 'closed' : 'open',
    revision: found.revision,
    revisions: found.revisions.map((r) => revisionView(r, ctx.compiled.timeZone)),
  };
}

/**
 * A figure and its items. A revision's figure is the stored one, drilled with the config and the
 * instant it was computed with; an open period's is counted from its items now.
 */
async function drilledFigure(deps: ApiDeps, ctx: Context, opts: { period: AssessmentPeriod; revision: number | undefined; unitId: string; indicatorId: string }) {
  const { countyId } = ctx.actor;
  const { period, unitId, indicatorId } = opts;
  const revisions = await listRevisions(deps.db, countyId, period.id);
  const wanted = opts.revision ?? revisions.at(-1)?.revision;
  const notAssessed = () => new NotFoundError(`unit "${unitId.slice(0, 64)}" is not assessed in ${period.id}`);
  const noIndicator = () => new NotFoundError(`indicator "${indicatorId.slice(0, 64)}" is not one of ${period.id}'s`);
  if (wanted !== undefined) {
    const stored = await readRevision(deps.db, countyId, period.id, wanted);
    if (!stored) throw new NotFoundError(`${period.id} has no revision ${wanted}`);
    const unit = stored.result.units.find((u) => u.unit === unitId);
    if (!unit) throw notAssessed();
    const figure = unit.indicators.find((i) => i.id === indicatorId);
    if (!figure) throw noIndicator();
    const compiled = await deps.configs.compiled(countyId, stored.result.configVersion);
    const all = await drillDown({ db: deps.db, compiled, countyId, period, asOf: stored.result.asOfMs, unit: unitId, indicator: figure.id });
    return { revision: wanted, figure, all };
  }
  const unit = ctx.compiled.unit(unitId);
  if (!unit || !assessedKinds(ctx.compiled).has(unit.kind)) throw notAssessed();
  const indicator = ctx.compiled.config.assessment.indicators.find((i) => i.id === indicatorId);
  if (!indicator) throw noIndicator();
  const all = await drillDown({ db: deps.db, compiled: ctx.compiled, countyId, period, asOf: deps.now(), unit: unitId, indicator: indicator.id });
  // scored as score() scores it (same rounding)
  const aggregates = { [indicator.id]: { numerator: all.filter((i) => i.counted).length, denominator: all.length } };
  const [scored] = score(ctx.compiled.config.assessment, { units: [{ unit: unitId, kind: unit.kind, aggregates, ratings: {} }] }).units;
  return { revision: null, figure: scored.indicators.find((i) => i.id === indicator.id)!, all };
}

export function assessmentRouter(deps: ApiDeps): Router {
  const router = Router();

  router.get('/counties/:county/assessment', async (req, res) => {
    const ctx = await context(deps, req);
    const scope = viewScope(ctx.actor);
    const period = periodQuery(req.query, ctx.compiled.timeZone);
    const revision = revisionQuery(req.query);
    const kind = kindQuery(req.query);
    const format = formatQuery(req.query);
    const view = assessmentView(ctx, await resultsFor(deps, ctx, period, revision), scope, kind);
    if (format === 'json') return void res.json(view);
    await sendSheet(res, { format, sheetName: `考核${period.id}`, baseName: `assessment-${period.id}${view.revision ? `-r${view.revision}` : ''}`, sheet: rankingSheet(view) });
  });

  router.post('/counties/:county/assessment/:period/revisions', async (req, res) => {
    const ctx = await context(deps, req);
    requireRole(ctx.actor, ['county_admin'], 'close an assessment period');
    const period = periodParam(req.params.period, ctx.compiled.timeZone);
    const note = revisionNote(req.body);
    const now = deps.now();
    if (now < period.to) throw new ConflictError('period-not-ended', `${period.id} runs until ${apiTime(period.to, ctx.compiled.timeZone)}: a period is closed once it has ended`, { field: 'period' });
    const result = await computeAssessment({ db: deps.db, compiled: ctx.compiled, configVersion: ctx.version, countyId: ctx.actor.countyId, period, asOf: now });
    const stored = await storeRevision(deps.db, { countyId: ctx.actor.countyId, period: period.id, result, actor: { id: ctx.actor.id, ...(ctx.actor.name ? { name: ctx.actor.name } : {}) }, ...(note ? { note } : {}), now });
    const revisions = await listRevisions(deps.db, ctx.actor.countyId, period.id);
    res.status(201).location(`/api/v1/counties/${ctx.actor.countyId}/assessment?period=${period.id}&revision=${stored.revision}`);
    res.json(assessmentView(ctx, { result, revision: stored.revision, revisions }, { all: true }, undefined));
  });

  router.get('/counties/:county/assessment/:period/ratings', async (req, res) => {
    const ctx = await context(deps, req);
    requireRole(ctx.actor, ['county_admin', 'policy_designer'], 'read assessment ratings');
    const period = periodParam(req.params.period, ctx.compiled.timeZone);
    const ratings = await readRatings(deps.db, ctx.actor.countyId, period.id);
    res.json({ period: period.id, ratings: ratings.map((r) => ({ ...r, updatedAt: apiTime(r.updatedAt, ctx.compiled.timeZone) })) });
  });

  router.put('/counties/:county/assessment/:period/ratings', async (req, res) => {
    const ctx = await context(deps, req);
    requireRole(ctx.actor, ['county_admin'], 'enter assessment ratings');
    const period = periodParam(req.params.period, ctx.compiled.timeZone);
    const changes = ratingChanges(bodyObject(req.body), ctx.compiled);
    const actor = { id: ctx.actor.id, role: ctx.actor.role, ...(ctx.actor.name ? { name: ctx.actor.name } : {}) };
    const changed = await changeRatings(deps.db, { countyId: ctx.actor.countyId, period: period.id, changes, actor, now: deps.now() });
    const ratings = await readRatings(deps.db, ctx.actor.countyId, period.id);
    res.json({ period: period.id, changed, ratings: ratings.map((r) => ({ ...r, updatedAt: apiTime(r.updatedAt, ctx.compiled.timeZone) })) });
  });

  router.get('/counties/:county/assessment/:period/ratings/audit', async (req, res) => {
    const ctx = await context(deps, req);
    requireRole(ctx.actor, ['county_admin', 'policy_designer'], 'read the ratings audit trail');
    const period = periodParam(req.params.period, ctx.compiled.timeZone);
    const entries = await ratingAudit(deps.db, ctx.actor.countyId, period.id);
    res.json({ period: period.id, entries: entries.map((e) => ({ ...e, at: apiTime(e.at, ctx.compiled.timeZone) })) });
  });

  router.get('/counties/:county/assessment/:period/units/:unit/indicators/:indicator/events', async (req, res) => {
    const ctx = await context(deps, req);
    const scope = viewScope(ctx.actor);
    const period = periodParam(req.params.period, ctx.compiled.timeZone);
    const revision = revisionQuery(req.query);
    const counted = countedQuery(req.query);
    const format = formatQuery(req.query);
    const page = pageQuery(req.query);
    const unitId = req.params.unit as string;
    if (!scope.all && unitId !== scope.unit) throw new ForbiddenError('unit-not-allowed', `a handler of "${scope.unit}" sees its own unit's figures only`);
    const drilled = await drilledFigure(deps, ctx, { period, revision, unitId, indicatorId: String(req.params.indicator) });
    const { figure, all } = drilled;
    const items = counted === undefined ? all : all.filter((i) => i.counted === counted);
    const tz = ctx.compiled.timeZone;
    if (format !== 'json') {
      const events = await eventSummaries(deps.db, ctx.actor.countyId, items.map((i) => i.eventId));
      await sendSheet(res, { format, sheetName: `${figure.id}`.slice(0, 31), baseName: `assessment-${period.id}-${unitId}-${figure.id}`, sheet: drillSheet(items, events, tz) });
      return;
    }
    const shown = items.slice(page.offset, page.offset + page.limit);
    const events = await eventSummaries(deps.db, ctx.actor.countyId, shown.map((i) => i.eventId));
    const time = (ms: number | null) => (ms === null ? null : apiTime(ms, tz));
    res.json({
      period: period.id,
      revision: drilled.revision,
      unit: unitId,
      indicator: figure.id,
      figure: { value: figure.value, numerator: figure.numerator, denominator: figure.denominator, score: figure.score },
      total: items.length,
      items: shown.map((i) => {
        const e = events.get(i.eventId);
        return {
          eventId: i.eventId,
          fact: i.fact,
          since: time(i.since),
          dueAt: time(i.dueAt),
          settledAt: time(i.settledAt),
          counted: i.counted,
          ...(i.deadlines ? { deadlines: i.deadlines.map((d) => ({ ...d, dueAt: time(d.dueAt) })) } : {}),
          event: e ? { category: e.category, level: e.level, state: e.state, reportedAt: apiTime(e.reportedAt, tz) } : null,
        };
      }),
    });
  });

  return router;
}
