/**
 * Between stored event rows and what the rest of the world sees: the engine's `EventState`, and
 * the API's JSON view of an event.
 */
import { COMBINATION_RULE, explainFired, type CompiledConfig, type DecisionTrail, type EventState, type SlaPlan } from '../../engine/index';
import type { ConditionNode, FactCondition } from '../../engine/schema/constants';
import type { EventRow } from '../db/models';
import { apiTime, slaView } from '../http/api-time';
import { maskReporterData } from '../../engine/config/privacy';

/** The actor of everything the runtime does by itself: automatic dispatch, timers, escalation. */
export const SYSTEM_ACTOR = { role: 'system', id: 'system' } as const;


/** The plain attributes of an event row. */
export type EventAttributes = Pick<
  EventRow,
  | 'countyId' | 'id' | 'configVersion' | 'category' | 'level' | 'state' | 'closed' | 'handlingUnit' | 'dispatcher' | 'assist'
  | 'reporterId' | 'source' | 'grid' | 'township' | 'red' | 'data' | 'decision' | 'explanation' | 'sla' | 'version'
  | 'reportedAt' | 'updatedAt' | 'idempotencyKey'
>;

export function eventStateOf(row: EventAttributes): EventState {
  return {
    state: row.state,
    handlingUnit: row.handlingUnit,
    dispatcher: row.dispatcher,
    assist: [...row.assist],
    reporterId: row.reporterId,
    grid: row.grid,
    level: row.level,
    red: row.red,
    category: row.category,
  };
}

export function slaPlanOf(row: Pick<EventAttributes, 'sla'>): SlaPlan {
  return row.sla as unknown as SlaPlan;
}

/** True when `state` is terminal in the event's workflow (the event is finished). */
export function isTerminal(compiled: CompiledConfig, state: string): boolean {
  return compiled.workflow.states.get(state)?.terminal === true;
}

/** A fired rule as stored by earlier versions: its id and, per condition leaf in order, `[result]` or `[result, factValue]`. */
interface StoredFiredRule {
  ruleId: string;
  trace: Array<[boolean] | [boolean, unknown]>;
}

/**
 * An explanation as stored with its event: the decision's trail (the facts, the fired rules' ids
 * and the winners) without what can be looked up or worked out again — the report's own fields,
 * which the rules saw as facts (they are in `data`; `dataFields` names them), each fired rule's
 * priority, type, parameters and conditions (they are in the config version the event is pinned
 * to) and each condition's fact value and result (the same conditions over the same facts give
 * them again), and the fixed text of the combination rule. {@link explanationView} puts them back.
 * Tracing the conditions at intake cost every report several percent of the event loop.
 */
export function storedExplanation(trail: DecisionTrail, data: Record<string, unknown>): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  const dataFields: string[] = [];
  for (const key of Object.keys(trail.facts)) {
    const value = trail.facts[key];
    if (Object.prototype.hasOwnProperty.call(data, key) && data[key] === value) dataFields.push(key);
    else facts[key] = value;
  }
  return { facts, dataFields, fired: trail.fired, winners: trail.winners };
}

/** The leaves of a condition tree, in the order the engine traces them. */
function leaves(node: ConditionNode, out: FactCondition[] = []): FactCondition[] {
  if ('all' in node) node.all.forEach((n) => leaves(n, out));
  else if ('any' in node) node.any.forEach((n) => leaves(n, out));
  else if ('not' in node) leaves(node.not, out);
  else out.push(node);
  return out;
}

/** A fired rule stored with its condition results (events stored by earlier versions). */
function tracedView(stored: StoredFiredRule, compiled: CompiledConfig | undefined): unknown {
  const rule = compiled?.ruleById(stored.ruleId);
  const conditions = rule ? leaves(rule.conditions) : [];
  if (!rule || conditions.length !== stored.trace.length) return stored;
  return {
    ruleId: rule.id,
    priority: rule.priority,
    type: rule.event.type,
    params: rule.event.params,
    conditions: conditions.map((c, i) => {
      const [result, ...factValue] = stored.trace[i];
      return { fact: c.fact, ...(c.path ? { path: c.path } : {}), operator: c.operator, value: c.value, ...(factValue.length > 0 ? { factValue: factValue[0] } : {}), result };
    }),
  };
}

/**
 * The whole explanation of a stored event, given the compiled config of the version the event is
 * pinned to. Without it, fired rules come back as their ids; events stored before compaction
 * come back as they are.
 */
export function explanationView(stored: Record<string, unknown>, data: Record<string, unknown>, compiled?: CompiledConfig): Record<string, unknown> {
  if (!Array.isArray(stored.dataFields)) return stored;
  const { dataFields, facts, fired, ...rest } = stored as { dataFields: string[]; facts: Record<string, unknown>; fired: unknown[] } & Record<string, unknown>;
  const all: Record<string, unknown> = { ...facts };
  for (const key of dataFields) if (Object.prototype.hasOwnProperty.call(data, key)) all[key] = data[key];
  const ids = fired.filter((f): f is string => typeof f === 'string');
  const traced = compiled && ids.length > 0 ? explainFired(compiled, ids, all) : [];
  let next = 0;
  const firedRules = fired.map((f) => {
    if (typeof f === 'string') return traced[next++] ?? { ruleId: f };
    return f && typeof f === 'object' && 'trace' in f ? tracedView(f as StoredFiredRule, compiled) : f;
  });
  return { facts: all, fired: firedRules, ...rest, combination: COMBINATION_RULE };
}

/**
 * The API's view of an event: times (its SLA clocks' and timers' too) as ISO 8601 with the
 * offset of `timeZone`, the county's; internal columns left out. `maskReporter`: the reporter's
 * name and phone masked, in the data and in the explanation's facts alike.
 */
export function eventView(row: EventAttributes, opts: { timeZone: string; explanation?: boolean; compiled?: CompiledConfig; maskReporter?: boolean }): Record<string, unknown> {
  const data = opts.maskReporter ? maskReporterData(row.data) : row.data;
  return {
    id: row.id,
    county: row.countyId,
    configVersion: row.configVersion,
    category: row.category,
    level: row.level,
    state: row.state,
    closed: row.closed,
    handlingUnit: row.handlingUnit,
    dispatcher: row.dispatcher,
    assist: row.assist,
    reporterId: row.reporterId,
    source: row.source,
    grid: row.grid,
    township: row.township,
    red: row.red,
    data,
    decision: row.decision,
    sla: slaView(row.sla, opts.timeZone),
    ...(opts.explanation ? { explanation: explanationView(row.explanation, data, opts.compiled) } : {}),
    version: row.version,
    reportedAt: apiTime(row.reportedAt, opts.timeZone),
    updatedAt: apiTime(row.updatedAt, opts.timeZone),
  };
}
