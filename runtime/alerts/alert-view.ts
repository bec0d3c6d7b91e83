/**
 * An alert as the API shows it (docs/early-warning.md): names from the county's active config,
 * times in the county's zone; and the events behind it — the reports of its categories in its
 * area within its window.
 */
import { Op } from 'sequelize';
import type { CompiledConfig, I18nText } from '../../engine/index';
import type { Database } from '../db/open-database';
import { apiTime, apiTimeOrNull } from '../http/api-time';
import { storedTime } from '../db/raw-sql';
import { gridsOf } from './alert-areas';
import type { StoredAlert } from './alert-store';

/** Events listed with an alert, at most. */
export const ALERT_EVENTS_LIMIT = 500;

const nameOf = (compiled: CompiledConfig, id: string): I18nText | null => compiled.unit(id)?.name ?? null;

function categoryName(compiled: CompiledConfig, code: string): I18nText | null {
  const minor = compiled.category(code);
  if (minor) return minor.minor.name;
  return compiled.config.categories.find((c) => c.code === code)?.name ?? null;
}

export function alertView(alert: StoredAlert, compiled: CompiledConfig) {
  const tz = compiled.timeZone;
  return {
    id: alert.id,
    kind: alert.kind,
    rule: alert.rule,
    name: alert.name,
    category: alert.category,
    categoryName: categoryName(compiled, alert.category),
    area: alert.area,
    areaKind: alert.areaKind,
    areaName: nameOf(compiled, alert.area),
    commandRoom: alert.commandRoom,
    commandRoomName: nameOf(compiled, alert.commandRoom),
    count: alert.count,
    expected: alert.expected,
    windowFrom: apiTime(alert.windowFrom, tz),
    windowTo: apiTime(alert.windowTo, tz),
    raisedAt: apiTime(alert.raisedAt, tz),
    status: alert.status,
    acknowledgedAt: apiTimeOrNull(alert.acknowledgedAt, tz),
    acknowledgedBy: alert.acknowledgedBy,
    acknowledgedByName: alert.acknowledgedByName,
    note: alert.note,
  };
}

/** The reports behind an alert, newest first: its categories, its area's grids, its window. */
export async function alertEvents(db: Database, alert: StoredAlert, compiled: CompiledConfig) {
  const grids = gridsOf(compiled, alert.area);
  if (grids.length === 0) return [];
  const rows = await db.models.Event.findAll({
    attributes: ['id', 'category', 'level', 'state', 'reportedAt', 'grid'],
    where: {
      countyId: alert.countyId,
      grid: { [Op.in]: [...grids] },
      category: { [Op.in]: [...alert.counted] },
      // a threshold's window ends at the report that reached the count; a day's at midnight (exclusive)
      reportedAt: alert.kind === 'threshold' ? { [Op.gt]: new Date(alert.windowFrom), [Op.lte]: new Date(alert.windowTo) } : { [Op.gte]: new Date(alert.windowFrom), [Op.lt]: new Date(alert.windowTo) },
    },
    order: [['reportedAt', 'DESC'], ['id', 'DESC']],
    limit: ALERT_EVENTS_LIMIT,
    raw: true,
  });
  return rows.map((e) => ({ id: e.id, category: e.category, level: e.level, state: e.state, reportedAt: apiTime(storedTime(e.reportedAt), compiled.timeZone), grid: e.grid }));
}
