/**
 * Backtests over HTTP (docs/backtest.md): start a run (202 with its id), follow it (status,
 * progress, totals, summary), page through its changed events (filter by category, township,
 * newly late), cancel it. County administrators and policy designers.
 */
import { Router } from 'express';
import { actorInCounty, requireRole } from '../../auth/authenticate';
import { startBacktest, runningHere } from '../../backtest/backtest-job';
import { prepareBacktest } from '../../backtest/backtest-request';
import { getRun, listChanged, listRuns, requestCancel, type BacktestRun, type ChangedEventRow } from '../../backtest/backtest-store';
import { summaryView } from '../../backtest/backtest-summary';
import { apiTime, apiTimeOrNull, countyTimeZone } from '../api-time';
import { BadRequestError } from '../errors';
import { bodyObject } from '../json-body';
import type { ApiDeps } from './api-router';

const ROLES = ['county_admin', 'policy_designer'] as const;
const BODY_KEYS = ['draft', 'version', 'from', 'to'];
const RUN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAX_LIMIT = 500;

function runId(value: string): string {
  if (!RUN_ID.test(value)) throw new BadRequestError('bad-backtest', `"${value}" is not a backtest id`, { field: 'id' });
  return value;
}

export function runView(run: BacktestRun, timeZone: string) {
  return {
    id: run.id,
    county: run.countyId,
    config: run.source,
    from: apiTime(run.from, timeZone),
    to: apiTime(run.to, timeZone),
    status: run.status,
    cancelRequested: run.cancelRequested,
    progress: { done: run.done, total: run.total, fraction: run.total === 0 ? (run.status === 'running' ? 0 : 1) : Math.min(1, run.done / run.total) },
    totals: run.totals,
    summary: run.summary ? summaryView(run.summary) : null,
    error: run.error,
    createdBy: run.createdBy,
    createdAt: apiTime(run.createdAt, timeZone),
    finishedAt: apiTimeOrNull(run.finishedAt, timeZone),
  };
}

function sideView(side: Record<string, unknown>, timeZone: string) {
  const time = (v: unknown) => (typeof v === 'number' ? apiTime(v, timeZone) : null);
  return { ...side, acceptDue: time(side.acceptDue), resolveDue: time(side.resolveDue) };
}

export function changedView(row: ChangedEventRow, timeZone: string) {
  return {
    eventId: row.eventId,
    reportedAt: apiTime(row.reportedAt, timeZone),
    category: row.category,
    township: row.township,
    changes: row.changes,
    newlyLate: row.newlyLate,
    before: sideView(row.before, timeZone),
    after: sideView(row.after, timeZone),
    explanation: { before: row.explanationBefore, after: row.explanationAfter },
  };
}

function queryText(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) throw new BadRequestError('bad-filter', `"${field}" must be one id of at most 64 characters`, { field });
  return value;
}

export function backtestsRouter(deps: ApiDeps): Router {
  const router = Router();
  const caller = (req: Parameters<typeof actorInCounty>[0], county: string, what: string) => {
    const actor = actorInCounty(req, county);
    requireRole(actor, [...ROLES] as Parameters<typeof requireRole>[1], what);
    return actor;
  };

  router.post('/counties/:county/backtests', async (req, res) => {
    const actor = caller(req, req.params.county, 'run backtests');
    const body = bodyObject(req.body);
    const unknown = Object.keys(body).find((k) => !BODY_KEYS.includes(k));
    if (unknown !== undefined) throw new BadRequestError('bad-body', `"${unknown}" is not a field here (${BODY_KEYS.join(', ')})`, { field: unknown });
    const prepared = await prepareBacktest(deps.db, actor.countyId, body);
    const handle = await startBacktest(deps.db, { countyId: actor.countyId, source: prepared.source, document: prepared.document, from: prepared.from, to: prepared.to, createdBy: actor.id, now: deps.now });
    handle.finished.catch((err: unknown) => deps.logger.error({ err, backtest: handle.id }, 'backtest failed'));
    const run = await getRun(deps.db, actor.countyId, handle.id, deps.now());
    res.status(202).location(`/api/v1/counties/${actor.countyId}/backtests/${handle.id}`).json({ backtest: runView(run, prepared.timeZone) });
  });

  router.get('/counties/:county/backtests', async (req, res) => {
    const actor = caller(req, req.params.county, 'see backtests');
    const timeZone = await countyTimeZone(deps.configs, actor.countyId);
    res.json({ backtests: (await listRuns(deps.db, actor.countyId, deps.now())).map((r) => runView(r, timeZone)) });
  });

  router.get('/counties/:county/backtests/:id', async (req, res) => {
    const actor = caller(req, req.params.county, 'see backtests');
    const run = await getRun(deps.db, actor.countyId, runId(req.params.id), deps.now());
    res.json({ backtest: runView(run, await countyTimeZone(deps.configs, actor.countyId)) });
  });

  router.get('/counties/:county/backtests/:id/changes', async (req, res) => {
    const actor = caller(req, req.params.county, 'see backtests');
    const id = runId(req.params.id);
    await getRun(deps.db, actor.countyId, id, deps.now());
    const q = req.query as Record<string, unknown>;
    const known = ['category', 'township', 'newlyLate', 'limit', 'after'];
    const extra = Object.keys(q).find((k) => !known.includes(k));
    if (extra !== undefined) throw new BadRequestError('bad-query', `"${extra}" is not a filter here (${known.join(', ')})`, { field: extra });
    const limit = q.limit === undefined ? 100 : typeof q.limit === 'string' && /^[1-9][0-9]{0,3}$/.test(q.limit) && Number(q.limit) <= MAX_LIMIT ? Number(q.limit) : NaN;
    if (Number.isNaN(limit)) throw new BadRequestError('bad-limit', `"limit" must be a number from 1 to ${MAX_LIMIT}`, { field: 'limit' });
    if (q.newlyLate !== undefined && q.newlyLate !== 'true' && q.newlyLate !== 'false') throw new BadRequestError('bad-filter', '"newlyLate" must be true or false', { field: 'newlyLate' });
    let after: [number, string] | undefined;
    if (q.after !== undefined) {
      const m = typeof q.after === 'string' ? /^([0-9]{1,15})~([0-9a-f-]{36})$/.exec(q.after) : null;
      if (!m) throw new BadRequestError('bad-cursor', '"after" must be the "next" cursor of the previous page', { field: 'after' });
      after = [Number(m[1]), m[2]];
    }
    const rows = await listChanged(deps.db, actor.countyId, id, { category: queryText(q.category, 'category'), township: queryText(q.township, 'township'), newlyLate: q.newlyLate === 'true', after, limit: limit + 1 });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const timeZone = await countyTimeZone(deps.configs, actor.countyId);
    res.json({ items: page.map((r) => changedView(r, timeZone)), next: rows.length > limit && last ? `${last.reportedAt}~${last.eventId}` : null });
  });

  const cancel = async (req: Parameters<typeof actorInCounty>[0] & { params: Record<string, string> }, res: import('express').Response) => {
    const actor = caller(req, req.params.county, 'cancel backtests');
    const id = runId(req.params.id);
    await getRun(deps.db, actor.countyId, id, deps.now());
    const stopping = await requestCancel(deps.db, actor.countyId, id);
    runningHere(id)?.cancel();
    const finished = runningHere(id)?.finished;
    if (finished) await finished;
    const run = await getRun(deps.db, actor.countyId, id, deps.now());
    res.status(stopping && run.status === 'running' ? 202 : 200).json({ backtest: runView(run, await countyTimeZone(deps.configs, actor.countyId)) });
  };
  router.post('/counties/:county/backtests/:id/cancel', cancel);
  router.delete('/counties/:county/backtests/:id', cancel);

  return router;
}
