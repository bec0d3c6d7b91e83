/**
 * The dashboards' statistics under `/counties/:county/stats` (docs/dashboards.md): the overview's
 * headline figures, the daily trend, breakdowns of a span's events, the units with the most
 * overdue events and the map's grids and points — each counted over what the caller may see (the
 * worklist's rule), times in the county's zone. The two tables answer `?format=csv|xlsx` too.
 */
import { Router, type Request } from 'express';
import { actorInCounty } from '../../auth/authenticate';
import { BREAKDOWNS, breakdown, overdueUnits } from '../../stats/breakdown';
import { monthOf } from '../../stats/calendar-periods';
import { mapData } from '../../stats/map-points';
import { overview } from '../../stats/overview';
import { sendBreakdown, sendOverdueUnits } from '../../stats/stats-sheets';
import { statsScope } from '../../stats/stats-scope';
import { boolParam, enumParam, formatParam, intParam, levelParam, listParam, timeParam } from '../../stats/stats-params';
import { trend } from '../../stats/trend';
import { apiTime, DEFAULT_TIME_ZONE } from '../api-time';
import { BadRequestError } from '../errors';
import type { ApiDeps } from './api-router';

export function statsRouter(deps: ApiDeps): Router {
  const router = Router();

  /** The caller's scope, the active config (if any) and the county's zone. */
  const context = async (req: Request) => {
    const actor = actorInCounty(req, req.params.county as string);
    const scope = statsScope(actor);
    const active = await deps.configs.active(actor.countyId);
    return { countyId: actor.countyId, scope, compiled: active?.compiled, timeZone: active?.compiled.timeZone ?? DEFAULT_TIME_ZONE, now: deps.now() };
  };

  router.get('/counties/:county/stats/overview', async (req, res) => {
    const ctx = await context(req);
    res.json(await overview(deps.db, ctx));
  });

  router.get('/counties/:county/stats/trend', async (req, res) => {
    const ctx = await context(req);
    const days = intParam(req.query, 'days', { min: 1, max: 366, fallback: 30 });
    res.json({ days: await trend(deps.db, { ...ctx, days }) });
  });

  router.get('/counties/:county/stats/breakdown', async (req, res) => {
    const ctx = await context(req);
    const by = enumParam(req.query, 'by', BREAKDOWNS);
    const month = monthOf(ctx.now, ctx.timeZone);
    const from = timeParam(req.query, 'from') ?? month.from;
    const to = timeParam(req.query, 'to') ?? month.to;
    if (to <= from) throw new BadRequestError('bad-query', '"to" must be after "from"', { field: 'to' });
    const format = formatParam(req.query);
    const rows = await breakdown(deps.db, { ...ctx, by, from, to });
    if (format !== 'json') return sendBreakdown(res, { format, by, from, to, rows, timeZone: ctx.timeZone });
    res.json({ by, from: apiTime(from, ctx.timeZone), to: apiTime(to, ctx.timeZone), rows });
  });

  router.get('/counties/:county/stats/overdue-units', async (req, res) => {
    const ctx = await context(req);
    const limit = intParam(req.query, 'limit', { min: 1, max: 100, fallback: 10 });
    const format = formatParam(req.query);
    const rows = await overdueUnits(deps.db, { ...ctx, limit });
    if (format !== 'json') return sendOverdueUnits(res, { format, rows, asOf: ctx.now, timeZone: ctx.timeZone });
    res.json({ rows });
  });

  router.get('/counties/:county/stats/map', async (req, res) => {
    const ctx = await context(req);
    const filter = {
      categories: listParam(req.query, 'category', ctx.compiled),
      levels: levelParam(req.query, ctx.compiled),
      states: listParam(req.query, 'state', ctx.compiled, 20),
      red: boolParam(req.query, 'red'),
      closed: boolParam(req.query, 'closed'),
      from: timeParam(req.query, 'from'),
      to: timeParam(req.query, 'to'),
    };
    res.json(await mapData(deps.db, { ...ctx, filter }));
  });

  return router;
}
