/**
 * Between stored event rows and what the rest of the world sees: the engine's `EventState`, and
 * the API's JSON view of an event.
 */
import { COMBINATION_RULE, type CompiledConfig, type EventState, type SlaPlan } from '../../engine/index';
import type { EventRow } from '../db/models';

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
  };
}

export function slaPlanOf(row: Pick<EventAttributes, 'sla'>): SlaPlan {
  return row.sla as unknown as SlaPlan;
}

/** True when `state` is terminal in the event's workflow (the event is finished). */
export function isTerminal(compiled: CompiledConfig, state: string): boolean {
  return compiled.workflow.states.get(state)?.terminal === true;
}

/**
 * An explanation as stored with its event: the report's own fields, which the rules saw as facts,
 * are not stored twice (they are in `data`; `dataFields` names them), nor is the fixed text of
 * the combination rule. {@link explanationView} puts them back.
 */
export function storedExplanation(explanation: { facts: Record<string, unknown>; combination?: string } & Record<string, unknown>, data: Record<string, unknown>): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  const dataFields: string[] = [];
  for (const [key, value] of Object.entries(explanation.facts)) {
    if (Object.prototype.hasOwnProperty.call(data, key) && data[key] === value) dataFields.push(key);
    else facts[key] = value;
  }
  const { combination: _combination, facts: _facts, ...rest } = explanation;
  return { ...rest, facts, dataFields };
}

/** The whole explanation of a stored event (events stored before compaction come back as they are). */
export function explanationView(stored: Record<string, unknown>, data: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(stored.dataFields)) return stored;
  const { dataFields, facts, ...rest } = stored as { dataFields: string[]; facts: Record<string, unknown> } & Record<string, unknown>;
  const all: Record<string, unknown> = { ...facts };
  for (const key of dataFields) if (Object.prototype.hasOwnProperty.call(data, key)) all[key] = data[key];
  return { facts: all, ...rest, combination: COMBINATION_RULE };
}

/** The API's view of an event: times as ISO 8601, internal columns left out. */
export function eventView(row: EventAttributes, opts: { explanation?: boolean } = {}): Record<string, unknown> {
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
    data: row.data,
    decision: row.decision,
    sla: row.sla,
    ...(opts.explanation ? { explanation: explanationView(row.explanation, row.data) } : {}),
    version: row.version,
    reportedAt: new Date(row.reportedAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}
