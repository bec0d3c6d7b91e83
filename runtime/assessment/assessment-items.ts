/**
 * The items an assessment period counts, in SQL on SQLite and PostgreSQL (docs/assessment.md):
 * - deadlines (`accept`, `resolve`) whose deadline falls in the period: the facts settled so far,
 *   plus the clocks still running past their deadline at `asOf` (read from the events' SLA plans,
 *   late for the unit holding the event, unless that run is settled already);
 * - resolutions in the period, and the closures and reopenings of those resolutions known at
 *   `asOf`;
 * - ratings of those closures given by `asOf`.
 * Each item: the unit it counts for, its family, the event, the run's start or the resolution's
 * time (`since`), the deadline, when it was settled, whether it was met (`hit`: 1 on time, closed
 * as rated satisfied) and the event's facts a custom indicator reads. The aggregate query groups
 * them per unit with one pair of sums per indicator; the drill-down lists one unit's.
 */
import { QueryTypes } from 'sequelize';
import type { CompiledConfig, FactFamily, IndicatorPlan } from '../../engine/index';
import type { Database, Dialect } from '../db/open-database';
import { conditionSql, type Replacements } from './condition-sql';

export interface ItemWindow {
  countyId: string;
  from: number;
  to: number;
  /** What is known by this instant counts (a frozen revision's computation time). */
  asOf: number;
  /** Only this unit's items (drill-down). */
  unit?: string;
}

export interface ItemRow {
  unit: string;
  family: FactFamily;
  eventId: string;
  since: number;
  dueAt: number | null;
  endedAt: number | null;
  hit: 0 | 1;
}

const quoted = (families: readonly string[]) => families.map((f) => `'${f}'`).join(', ');
const TRUE = (d: Dialect) => (d === 'postgres' ? 'TRUE' : '1');
const FALSE = (d: Dialect) => (d === 'postgres' ? 'FALSE' : '0');

/** A number inside an event's SLA plan, e.g. clocks.accept.dueAt. */
function planNumber(d: Dialect, path: string[]): string {
  return d === 'postgres' ? `CAST(e.sla #>> '{${path.join(',')}}' AS NUMERIC)` : `json_extract(e.sla, '$.${path.join('.')}')`;
}

const DIMENSIONS = 'category, level, source, township, grid, tags';

/** Clocks still running past their deadline at `asOf`, late for the unit holding the event. */
function runningLate(d: Dialect, clock: 'accept' | 'resolve', unitFilter: string): string {
  const due = planNumber(d, ['clocks', clock, 'dueAt']);
  const since = `COALESCE(${planNumber(d, ['clocks', clock, 'since'])}, ${planNumber(d, ['clocks', clock, 'startedAt'])})`;
  const tags = d === 'postgres' ? "COALESCE(CAST(e.decision -> 'tags' AS TEXT), '[]')" : "COALESCE(json_extract(e.decision, '$.tags'), '[]')";
  return `SELECT e.handling_unit AS unit, '${clock}' AS family, e.id AS event_id, ${since} AS since, ${due} AS due_at, NULL AS ended_at, 0 AS hit,
      e.category AS category, e.level AS level, e.source AS source, e.township AS township, e.grid AS grid, ${tags} AS tags
    FROM events e
    WHERE e.county_id = :county AND e.closed = ${FALSE(d)} AND e.handling_unit IS NOT NULL${unitFilter.replace(/UNIT/g, 'e.handling_unit')}
      AND ${due} >= :from AND ${due} < :to AND ${due} < :asOf AND ${planNumber(d, ['clocks', clock, 'stoppedAt'])} IS NULL
      AND NOT EXISTS (SELECT 1 FROM assessment_facts x WHERE x.county_id = e.county_id AND x.event_id = e.id AND x.kind = '${clock}' AND x.since = ${since})`;
}

/** The UNION ALL of the item sources `families` need (a family's part only when asked for). */
export function itemsSql(d: Dialect, families: ReadonlySet<FactFamily>, byUnit: boolean): string {
  const unitFilter = byUnit ? ' AND UNIT = :unit' : '';
  const parts: string[] = [];
  const stored = [...families].filter((f) => f !== 'rating');
  if (stored.length > 0) {
    parts.push(`SELECT f.unit AS unit, f.kind AS family, f.event_id AS event_id, f.since AS since, f.due_at AS due_at, f.recorded_at AS ended_at,
        CASE WHEN f.on_time = ${TRUE(d)} THEN 1 ELSE 0 END AS hit, f.category AS category, f.level AS level, f.source AS source, f.township AS township, f.grid AS grid, f.tags AS tags
      FROM assessment_facts f
      WHERE f.county_id = :county AND f.period_at >= :from AND f.period_at < :to AND f.kind IN (${quoted(stored)})${unitFilter.replace(/UNIT/g, 'f.unit')}
        AND (f.recorded_at <= :asOf OR (f.kind IN ('accept', 'resolve') AND f.period_at < :asOf))`);
  }
  for (const clock of ['accept', 'resolve'] as const) if (families.has(clock)) parts.push(runningLate(d, clock, unitFilter));
  if (families.has('rating')) {
    parts.push(`SELECT c.unit AS unit, 'rating' AS family, c.event_id AS event_id, c.since AS since, NULL AS due_at, s.rated_at AS ended_at,
        CASE WHEN s.satisfied = ${TRUE(d)} THEN 1 ELSE 0 END AS hit, c.category AS category, c.level AS level, c.source AS source, c.township AS township, c.grid AS grid, c.tags AS tags
      FROM assessment_facts c JOIN satisfaction_ratings s ON s.county_id = c.county_id AND s.event_id = CAST(c.event_id AS VARCHAR(64))
      WHERE c.county_id = :county AND c.kind = 'closure' AND c.period_at >= :from AND c.period_at < :to AND c.recorded_at <= :asOf AND s.rated_at <= :asOf${unitFilter.replace(/UNIT/g, 'c.unit')}`);
  }
  return parts.length === 0 ? `SELECT NULL AS unit, NULL AS family, NULL AS event_id, NULL AS since, NULL AS due_at, NULL AS ended_at, 0 AS hit, ${DIMENSIONS.split(', ').map((c) => `NULL AS ${c}`).join(', ')} WHERE 1 = 0` : parts.join('\nUNION ALL\n');
}

/** Every family a set of indicator plans reads. */
export function familiesOf(plans: readonly IndicatorPlan[]): Set<FactFamily> {
  return new Set(plans.flatMap((p) => [...p.denominator.families, ...p.numerator.families]));
}

function selectionSql(families: readonly FactFamily[], hit: 0 | 1 | undefined, where: string): string {
  return `i.family IN (${quoted(families)})${hit === undefined ? '' : ` AND i.hit = ${hit}`} AND ${where}`;
}

/** Per unit, each plan's numerator and denominator. */
export async function aggregateItems(db: Database, compiled: CompiledConfig, plans: readonly IndicatorPlan[], window: ItemWindow): Promise<Map<string, Record<string, { numerator: number; denominator: number }>>> {
  const d = db.dialect;
  const replacements: Replacements = { county: window.countyId, from: window.from, to: window.to, asOf: window.asOf };
  const sums = plans.flatMap((plan, k) => {
    const where = conditionSql({ condition: plan.where, dialect: d, compiled, replacements, prefix: `w${k}_` });
    const count = (s: string) => (plan.distinctEvents ? `COUNT(DISTINCT CASE WHEN ${s} THEN i.event_id END)` : `SUM(CASE WHEN ${s} THEN 1 ELSE 0 END)`);
    return [`${count(selectionSql(plan.denominator.families, plan.denominator.hit, where))} AS d${k}`, `${count(selectionSql(plan.numerator.families, plan.numerator.hit, where))} AS n${k}`];
  });
  const result = new Map<string, Record<string, { numerator: number; denominator: number }>>();
  if (plans.length === 0) return result;
  const sql = `SELECT i.unit AS unit, ${sums.join(', ')} FROM (${itemsSql(d, familiesOf(plans), false)}) i GROUP BY i.unit`;
  const rows = await db.sequelize.query<Record<string, unknown>>(sql, { replacements, type: QueryTypes.SELECT });
  for (const row of rows) {
    if (typeof row.unit !== 'string') continue;
    result.set(row.unit, Object.fromEntries(plans.map((plan, k) => [plan.id, { numerator: Number(row[`n${k}`] ?? 0), denominator: Number(row[`d${k}`] ?? 0) }])));
  }
  return result;
}

/** One unit's items of one plan (both sides), in a stable order. */
export async function listItems(db: Database, compiled: CompiledConfig, plan: IndicatorPlan, window: ItemWindow & { unit: string }): Promise<ItemRow[]> {
  const d = db.dialect;
  const replacements: Replacements = { county: window.countyId, from: window.from, to: window.to, asOf: window.asOf, unit: window.unit };
  const where = conditionSql({ condition: plan.where, dialect: d, compiled, replacements, prefix: 'w_' });
  const families = familiesOf([plan]);
  const sql = `SELECT i.unit AS unit, i.family AS family, i.event_id AS event_id, i.since AS since, i.due_at AS due_at, i.ended_at AS ended_at, i.hit AS hit
    FROM (${itemsSql(d, families, true)}) i WHERE i.family IN (${quoted([...families])}) AND ${where} ORDER BY i.since, i.event_id, i.family`;
  const rows = await db.sequelize.query<Record<string, unknown>>(sql, { replacements, type: QueryTypes.SELECT });
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return rows.map((r) => ({ unit: String(r.unit), family: r.family as FactFamily, eventId: String(r.event_id), since: Number(r.since), dueAt: num(r.due_at), endedAt: num(r.ended_at), hit: Number(r.hit) === 1 ? 1 : 0 }));
}
