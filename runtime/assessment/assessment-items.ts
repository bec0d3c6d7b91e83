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
 * them per unit (aggregateItems); the drill-down lists one unit's (listItems).
 */
import { QueryTypes } from 'sequelize';
import { eventMatches, type CompiledConfig, type EventFacts, type FactFamily, type IndicatorPlan, type ItemSelection } from '../../engine/index';
import type { Database, Dialect } from '../db/open-database';

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

const DIMENSIONS = ['category', 'level', 'source', 'township', 'grid', 'tags'] as const;

/** What the item query selects: the event's facts only when a condition reads them (the period index covers the rest). */
export interface ItemShape {
  byUnit: boolean;
  facts: boolean;
}

/** Clocks still running past their deadline at `asOf`, late for the unit holding the event. */
function runningLate(d: Dialect, clock: 'accept' | 'resolve', shape: ItemShape): string {
  const due = planNumber(d, ['clocks', clock, 'dueAt']);
  const since = `COALESCE(${planNumber(d, ['clocks', clock, 'since'])}, ${planNumber(d, ['clocks', clock, 'startedAt'])})`;
  const tags = d === 'postgres' ? "COALESCE(CAST(e.decision -> 'tags' AS TEXT), '[]')" : "COALESCE(json_extract(e.decision, '$.tags'), '[]')";
  const facts = shape.facts ? `, ${DIMENSIONS.map((c) => (c === 'tags' ? `${tags} AS tags` : `e.${c} AS ${c}`)).join(', ')}` : '';
  return `SELECT e.handling_unit AS unit, '${clock}' AS family, e.id AS event_id, ${since} AS since, ${due} AS due_at, NULL AS ended_at, 0 AS hit${facts}
    FROM events e
    WHERE e.county_id = :county AND e.closed = ${FALSE(d)} AND e.handling_unit IS NOT NULL${shape.byUnit ? ' AND e.handling_unit = :unit' : ''}
      AND ${due} >= :from AND ${due} < :to AND ${due} < :asOf AND ${planNumber(d, ['clocks', clock, 'stoppedAt'])} IS NULL
      AND NOT EXISTS (SELECT 1 FROM assessment_facts x WHERE x.county_id = e.county_id AND x.event_id = e.id AND x.kind = '${clock}' AND x.since = ${since})`;
}

/**
 * The UNION ALL of the item sources `families` need (a family's part only when asked for). The
 * aggregate reads only unit, family, event and hit, which the period index holds: no table row
 * is read for a stored fact unless a custom indicator's condition needs the event's facts.
 */
export function itemsSql(d: Dialect, families: ReadonlySet<FactFamily>, shape: ItemShape): string {
  const stored = [...families].filter((f) => f !== 'rating');
  const factsOf = (alias: string) => (shape.facts ? `, ${DIMENSIONS.map((c) => `${alias}.${c} AS ${c}`).join(', ')}` : '');
  // the deadline and the run's start are for the drill-down's items only
  const times = (alias: string, due: string) => (shape.byUnit ? `${alias}.since AS since, ${due} AS due_at` : 'NULL AS since, NULL AS due_at');
  const parts: string[] = [];
  if (stored.length > 0) {
    parts.push(`SELECT f.unit AS unit, f.kind AS family, f.event_id AS event_id, ${times('f', 'f.due_at')}, f.recorded_at AS ended_at,
        CASE WHEN f.on_time = ${TRUE(d)} THEN 1 ELSE 0 END AS hit${factsOf('f')}
      FROM assessment_facts f
      WHERE f.county_id = :county AND f.period_at >= :from AND f.period_at < :to AND f.kind IN (${quoted(stored)})${shape.byUnit ? ' AND f.unit = :unit' : ''}
        AND (f.recorded_at <= :asOf OR (f.kind IN ('accept', 'resolve') AND f.period_at < :asOf))`);
  }
  for (const clock of ['accept', 'resolve'] as const) if (families.has(clock)) parts.push(runningLate(d, clock, shape));
  if (families.has('rating')) {
    parts.push(`SELECT c.unit AS unit, 'rating' AS family, c.event_id AS event_id, ${times('c', 'NULL')}, s.rated_at AS ended_at,
        CASE WHEN s.satisfied = ${TRUE(d)} THEN 1 ELSE 0 END AS hit${factsOf('c')}
      FROM assessment_facts c JOIN satisfaction_ratings s ON s.county_id = c.county_id AND s.event_id = CAST(c.event_id AS VARCHAR(64))
      WHERE c.county_id = :county AND c.kind = 'closure' AND c.period_at >= :from AND c.period_at < :to AND c.recorded_at <= :asOf AND s.rated_at <= :asOf${shape.byUnit ? ' AND c.unit = :unit' : ''}`);
  }
  if (parts.length > 0) return parts.join('\nUNION ALL\n');
  return `SELECT NULL AS unit, NULL AS family, NULL AS event_id, NULL AS since, NULL AS due_at, NULL AS ended_at, 0 AS hit${shape.facts ? `, ${DIMENSIONS.map((c) => `NULL AS ${c}`).join(', ')}` : ''} WHERE 1 = 0`;
}

/** Every family a set of indicator plans reads. */
export function familiesOf(plans: readonly IndicatorPlan[]): Set<FactFamily> {
  return new Set(plans.flatMap((p) => [...p.denominator.families, ...p.numerator.families]));
}

type Counts = Record<string, { numerator: number; denominator: number }>;
type Row = Record<string, unknown>;

/** The event's facts a custom condition reads, from a row that selected them. */
function factsOfRow(compiled: CompiledConfig, row: Row): EventFacts {
  const category = String(row.category);
  const tags = typeof row.tags === 'string' ? (JSON.parse(row.tags) as unknown) : row.tags;
  return {
    category,
    majorCategory: compiled.category(category)?.major.code ?? null,
    level: Number(row.level),
    source: String(row.source),
    township: typeof row.township === 'string' ? row.township : null,
    grid: typeof row.grid === 'string' ? row.grid : null,
    tags: Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [],
  };
}

const selects = (selection: ItemSelection, family: unknown, hit: number) => selection.families.includes(family as FactFamily) && (selection.hit === undefined || selection.hit === hit);

function selectionSql(selection: ItemSelection): string {
  return `i.family IN (${quoted(selection.families)})${selection.hit === undefined ? '' : ` AND i.hit = ${selection.hit}`}`;
}

/**
 * Per unit, each plan's numerator and denominator. The standard indicators are summed in one
 * SQL pass over the items (one sort by unit). A custom indicator's items are grouped with the
 * event's facts (per unit, family and hit; per unit, event and family for counts of events) and
 * its condition applied to each group by the engine's own `eventMatches`.
 */
export async function aggregateItems(db: Database, compiled: CompiledConfig, plans: readonly IndicatorPlan[], window: ItemWindow): Promise<Map<string, Counts>> {
  const d = db.dialect;
  const replacements = { county: window.countyId, from: window.from, to: window.to, asOf: window.asOf };
  const result = new Map<string, Counts>();
  const add = (unit: unknown, plan: IndicatorPlan, side: 'numerator' | 'denominator', n: number) => {
    if (typeof unit !== 'string') return;
    const counts = result.get(unit) ?? {};
    counts[plan.id] ??= { numerator: 0, denominator: 0 };
    counts[plan.id][side] += n;
    result.set(unit, counts);
  };
  const query = (sql: string) => db.sequelize.query<Row>(sql, { replacements, type: QueryTypes.SELECT });

  const standard = plans.filter((p) => p.where === undefined);
  if (standard.length > 0) {
    const sums = standard.flatMap((plan, k) => {
      const count = (s: ItemSelection) => (plan.distinctEvents ? `COUNT(DISTINCT CASE WHEN ${selectionSql(s)} THEN i.event_id END)` : `SUM(CASE WHEN ${selectionSql(s)} THEN 1 ELSE 0 END)`);
      return [`${count(plan.denominator)} AS d${k}`, `${count(plan.numerator)} AS n${k}`];
    });
    const rows = await query(`SELECT i.unit AS unit, ${sums.join(', ')} FROM (${itemsSql(d, familiesOf(standard), { byUnit: false, facts: false })}) i GROUP BY i.unit`);
    for (const row of rows) {
      standard.forEach((plan, k) => {
        add(row.unit, plan, 'denominator', Number(row[`d${k}`] ?? 0));
        add(row.unit, plan, 'numerator', Number(row[`n${k}`] ?? 0));
      });
    }
  }

  const matching = (plan: IndicatorPlan, row: Row) => eventMatches(plan, factsOfRow(compiled, row));
  const groupBy = DIMENSIONS.map((c) => `i.${c}`).join(', ');
  const perItem = plans.filter((p) => p.where !== undefined && !p.distinctEvents);
  if (perItem.length > 0) {
    const rows = await query(`SELECT i.unit AS unit, i.family AS family, i.hit AS hit, COUNT(*) AS n, ${DIMENSIONS.map((c) => `i.${c} AS ${c}`).join(', ')}
      FROM (${itemsSql(d, familiesOf(perItem), { byUnit: false, facts: true })}) i GROUP BY i.unit, i.family, i.hit, ${groupBy}`);
    for (const row of rows) {
      const hit = Number(row.hit);
      for (const plan of perItem) {
        if (!matching(plan, row)) continue;
        if (selects(plan.denominator, row.family, hit)) add(row.unit, plan, 'denominator', Number(row.n));
        if (selects(plan.numerator, row.family, hit)) add(row.unit, plan, 'numerator', Number(row.n));
      }
    }
  }
  const perEvent = plans.filter((p) => p.where !== undefined && p.distinctEvents);
  if (perEvent.length > 0) {
    // one row per unit, event and family, with the lowest and highest hit of its items
    const rows = await query(`SELECT i.unit AS unit, i.event_id AS event_id, i.family AS family, MIN(i.hit) AS lo, MAX(i.hit) AS hi, ${DIMENSIONS.map((c) => `MIN(i.${c}) AS ${c}`).join(', ')}
      FROM (${itemsSql(d, familiesOf(perEvent), { byUnit: false, facts: true })}) i GROUP BY i.unit, i.event_id, i.family`);
    for (const plan of perEvent) {
      const sides = { denominator: new Set<string>(), numerator: new Set<string>() };
      for (const row of rows) {
        if (!matching(plan, row)) continue;
        const has = (s: ItemSelection) => s.families.includes(row.family as FactFamily) && (s.hit === undefined || (s.hit === 0 ? Number(row.lo) === 0 : Number(row.hi) === 1));
        const key = `${String(row.unit)}\u0000${String(row.event_id)}`;
        if (has(plan.denominator)) sides.denominator.add(key);
        if (has(plan.numerator)) sides.numerator.add(key);
      }
      for (const side of ['denominator', 'numerator'] as const) for (const key of sides[side]) add(key.split('\u0000')[0], plan, side, 1);
    }
  }
  return result;
}

/** One unit's items of one plan (both sides), in a stable order; a custom condition applied as the engine means it. */
export async function listItems(db: Database, compiled: CompiledConfig, plan: IndicatorPlan, window: ItemWindow & { unit: string }): Promise<ItemRow[]> {
  const d = db.dialect;
  const replacements = { county: window.countyId, from: window.from, to: window.to, asOf: window.asOf, unit: window.unit };
  const facts = plan.where !== undefined;
  const sql = `SELECT i.* FROM (${itemsSql(d, familiesOf([plan]), { byUnit: true, facts })}) i ORDER BY i.since, i.event_id, i.family`;
  const rows = await db.sequelize.query<Row>(sql, { replacements, type: QueryTypes.SELECT });
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return rows
    .filter((r) => !facts || eventMatches(plan, factsOfRow(compiled, r)))
    .map((r) => ({ unit: String(r.unit), family: r.family as FactFamily, eventId: String(r.event_id), since: Number(r.since), dueAt: num(r.due_at), endedAt: num(r.ended_at), hit: Number(r.hit) === 1 ? 1 : 0 }));
}
