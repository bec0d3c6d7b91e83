/** Closed sets of the config format, as `as const` tuples with derived union types. */

export const PLATFORMS = ['governance', 'market', 'enforcement', 'service'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const UNIT_KINDS = [
  'county_government',
  'county_command',
  'county_department',
  'township',
  'township_command',
  'platform',
  'village',
  'grid',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Unit kinds that can be the handling unit of an event (townships act through their command room; grids through their village). */
export const HANDLING_KINDS: readonly UnitKind[] = [
  'county_government',
  'county_command',
  'county_department',
  'township_command',
  'platform',
  'village',
];

export const ROLES = ['county_admin', 'dispatcher', 'handler', 'grid_worker', 'reporter', 'policy_designer', 'system'] as const;
export type Role = (typeof ROLES)[number];

export const DECISION_TYPES = ['grade', 'route', 'sla', 'escalate', 'tag', 'notify'] as const;
export type DecisionType = (typeof DECISION_TYPES)[number];

/** The operators of json-rules-engine's default set; nothing else is accepted. */
export const OPERATORS = [
  'equal',
  'notEqual',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
] as const;
export type Operator = (typeof OPERATORS)[number];

export const SLA_CLOCKS = ['accept', 'resolve'] as const;
export type SlaClockName = (typeof SLA_CLOCKS)[number];

/** What an assessment indicator measures (docs/assessment.md); `custom` narrows one of the others to events matching a condition. */
export const ASSESSMENT_MEASURES = ['onTimeAcceptRate', 'onTimeResolveRate', 'closureRate', 'reopenRate', 'satisfaction', 'overdueCount'] as const;
export type AssessmentMeasure = (typeof ASSESSMENT_MEASURES)[number];

/** The facts of an event a custom indicator's condition may read. */
export const ASSESSMENT_CONDITION_FACTS = ['category', 'majorCategory', 'level', 'source', 'township', 'grid', 'tags'] as const;
export type AssessmentConditionFact = (typeof ASSESSMENT_CONDITION_FACTS)[number];

export type Scalar = string | number | boolean | null;

export type ConditionNode =
  | { all: ConditionNode[]; priority?: number }
  | { any: ConditionNode[]; priority?: number }
  | { not: ConditionNode; priority?: number }
  | FactCondition;

export interface FactCondition {
  fact: string;
  operator: Operator;
  value: Scalar | Scalar[];
  path?: string;
  priority?: number;
}

/**
 * Facts the engine derives for every event, beside the submitted form fields. A form field may
 * not carry one of these names.
 */
export const DERIVED_FACTS = {
  category: 'minor category code',
  majorCategory: 'major category code',
  categoryPath: 'array [major, minor]',
  township: 'id of the township where the event happened',
  village: 'id of the village/community of the grid',
  grid: 'id of the grid',
  source: 'channel of the report: grid_worker, citizen, hotline, video, sensor, open311, ...',
  workingTime: 'true when reported inside working hours on a working day',
  holiday: 'true on a public holiday',
  hourOfDay: 'local hour 0–23',
  dayOfWeek: 'ISO weekday 1–7',
  recentReports: 'number of reports of the same category in the same grid in the recent window (from the caller)',
  level: 'the level decided by the grade rules (only for route, sla, escalate, tag, notify rules)',
} as const;
export type DerivedFact = keyof typeof DERIVED_FACTS;
