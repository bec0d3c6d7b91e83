/**
 * The county config format, written once as JSON Schema (draft 2020-12) with TypeBox.
 * The TypeScript types below are derived from these very schema objects (`Static<...>`), so the
 * file handed to monaco (`county-config.schema.json`, emitted by `npm run schema`) and the types
 * the engine compiles against cannot drift. Every object is closed (`additionalProperties: false`):
 * a typo in a key is an error, never a silently ignored setting.
 */
import Type, { type Static } from 'typebox';
import {
  DECISION_TYPES,
  OPERATORS,
  PLATFORMS,
  ROLES,
  SLA_CLOCKS,
  UNIT_KINDS,
  ASSESSMENT_MEASURES,
  type ConditionNode,
} from './constants';

const closed = { additionalProperties: false } as const;
const Id = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$', description: 'Identifier: letters, digits, _ . -' });
const literalUnion = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });

export const I18nText = Type.Object(
  { zh: Type.String({ minLength: 1, maxLength: 500 }), en: Type.String({ minLength: 1, maxLength: 500 }) },
  { ...closed, description: 'A label in Chinese and English' },
);
/** Levels a config may declare (its `levels` section); without the section, the baseline four. */
export const MAX_LEVELS = 9;
const Level = Type.Integer({ minimum: 1, maximum: MAX_LEVELS, description: 'Event level, one of the config\'s levels (1 … n; without a levels section 1 一般 … 4 特别重大)' });
const Hours = Type.Number({ exclusiveMinimum: 0, maximum: 8760 });
const Clock = literalUnion(['working', 'calendar'] as const, 'working: counts only working hours on the county calendar; calendar: counts every hour');
const LocalTime = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$' });
const IsoDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });

export const County = Type.Object(
  {
    id: Id,
    name: I18nText,
    timeZone: Type.Optional(Type.String({ minLength: 1, default: 'Asia/Shanghai' })),
    calendar: Id,
    serviceYears: Type.Array(Type.Integer({ minimum: 2000, maximum: 2100 }), { minItems: 1, description: 'Years in which this config runs; the calendar must cover each' }),
    privacy: Type.Optional(
      Type.Object(
        {
          showReporter: Type.Optional(Type.Array(literalUnion(ROLES), { uniqueItems: true, description: "Roles that see the reporter's name and phone (reporterName, reporterPhone) in clear; the others see them masked (张** / 139****0137). Default: county_admin, dispatcher" })),
          revealReporter: Type.Optional(Type.Array(literalUnion(ROLES), { uniqueItems: true, description: 'Roles that see them masked but may reveal them for one event, giving a reason (audited in its history). Default: handler' })),
        },
        { ...closed, description: "Who sees the reporter's name and phone" },
      ),
    ),
  },
  closed,
);

export const Calendar = Type.Object(
  {
    id: Id,
    name: I18nText,
    workingDays: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { uniqueItems: true, description: 'ISO weekdays, 1 = Monday' }),
    workingHours: Type.Array(Type.Object({ from: LocalTime, to: LocalTime }, closed), { minItems: 1 }),
    years: Type.Record(
      Type.String({ pattern: '^[0-9]{4}$' }),
      Type.Object(
        {
          source: Type.String({ minLength: 1 }),
          holidays: Type.Array(Type.Object({ name: I18nText, from: IsoDate, to: IsoDate }, closed)),
          adjustedWorkingDays: Type.Array(Type.Object({ date: IsoDate, for: Type.String() }, closed)),
        },
        closed,
      ),
    ),
  },
  closed,
);

const Staff = Type.Object(
  { name: Type.String({ minLength: 1 }), role: Type.Optional(Type.String()), phone: Type.Optional(Type.String()) },
  closed,
);

const UnitMap = (what: string) => Type.Record(Id, Id, { description: `${what} → the unit the event escalates to` });
/**
 * Where a unit escalates an event, depending on the event. Looked up in this order, the first
 * that answers wins: `byCategory` (the minor category's code), `byMajorCategory`, `byDomain`
 * (the category's department domain), `matchDomain` (the county department whose `domains`
 * include the category's domain), `byLevel` (the event's level), `default`; none answering, the
 * unit's `escalatesTo` or one tier up.
 */
export const EventEscalation = Type.Object(
  {
    byCategory: Type.Optional(UnitMap('Minor category code')),
    byMajorCategory: Type.Optional(UnitMap('Major category code')),
    byDomain: Type.Optional(UnitMap("The category's department domain")),
    matchDomain: Type.Optional(Type.Boolean({ description: "true: escalate to the county department whose domains include the event's category's domain, when there is one" })),
    byLevel: Type.Optional(Type.Record(Type.String({ pattern: `^[1-${MAX_LEVELS}]$` }), Id, { description: 'Event level ("3") → the unit the event escalates to' })),
    default: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$', description: 'Where events go that nothing above matched; absent: escalatesTo, else one tier up' })),
  },
  {
    ...closed,
    description:
      'Event-dependent escalation. Order: byCategory > byMajorCategory > byDomain > matchDomain > byLevel > default > escalatesTo > one tier up. E.g. the county command centre: {"matchDomain": true, "default": "county-gov"}',
  },
);

export const Unit = Type.Object(
  {
    id: Id,
    kind: literalUnion(UNIT_KINDS),
    name: I18nText,
    parent: Type.Optional(Id),
    platform: Type.Optional(literalUnion(PLATFORMS, 'For kind "platform": which of the four platforms')),
    domains: Type.Optional(Type.Array(Id, { description: 'For county departments: the fields of work a route target {type:"department", domain} selects them by' })),
    members: Type.Optional(Type.Array(Type.Object({ id: Id, name: I18nText }, closed), { description: 'Member agencies of a platform' })),
    escalatesTo: Type.Optional(Id),
    escalation: Type.Optional(EventEscalation),
    staffing: Type.Optional(
      Type.Object(
        { leader: Staff, fullTime: Type.Array(Staff, { minItems: 1 }), partTime: Type.Array(Staff) },
        { ...closed, description: 'Grids: the 1+1+X staffing — a grid leader, full-time grid workers, X part-time members' },
      ),
    ),
  },
  closed,
);

export const LevelDefinition = Type.Object(
  { level: Level, name: I18nText },
  { ...closed, description: 'One event level: its number (1 is the least serious) and its name, e.g. {"level": 2, "name": {"zh": "较大", "en": "Serious"}}' },
);
export const Levels = Type.Array(LevelDefinition, {
  minItems: 1,
  maxItems: MAX_LEVELS,
  description: 'The event levels of this county, numbered 1 … n in order without gaps (1 to 9 levels). Omitted: the baseline four, 1 一般 General, 2 较大 Serious, 3 重大 Major, 4 特别重大 Extraordinary',
});

export const MinorCategory = Type.Object(
  {
    code: Id,
    name: I18nText,
    form: Id,
    platform: literalUnion(PLATFORMS),
    level: Level,
    domain: Type.Optional(Id),
    keywords: Type.Optional(Type.Array(Type.String())),
  },
  closed,
);
export const MajorCategory = Type.Object(
  { code: Id, name: I18nText, children: Type.Array(MinorCategory, { minItems: 1 }) },
  closed,
);

export const Form = Type.Object(
  {
    id: Id,
    name: I18nText,
    include: Type.Optional(Type.Array(Id, { description: 'Forms whose fields are composed into this one (e.g. the shared base fields)' })),
    schema: Type.Object(
      {
        type: Type.Literal('object'),
        title: Type.Optional(Type.String()),
        description: Type.Optional(Type.String()),
        properties: Type.Record(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]{0,63}$' }), Type.Record(Type.String(), Type.Unknown())),
        required: Type.Optional(Type.Array(Type.String())),
        allOf: Type.Optional(
          Type.Array(Type.Object({ if: Type.Record(Type.String(), Type.Unknown()), then: Type.Record(Type.String(), Type.Unknown()) }, closed), {
            description: 'Conditional fields: each `then` adds fields (and makes them required) only when its `if` holds, e.g. {"if": {"required": ["a"]}, "then": {"properties": {"b": {"type": "string"}}}}',
          }),
        ),
      },
      { ...closed, description: 'JSON Schema (2020-12) of the fields this form adds' },
    ),
    uiSchema: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'rjsf uiSchema' })),
  },
  closed,
);

const Condition = Type.Unsafe<ConditionNode>({ $ref: '#/$defs/condition' });
export const conditionDefs = {
  condition: {
    description: 'A json-rules-engine condition: all / any / not, or a fact compared by an operator',
    oneOf: [
      { type: 'object', required: ['all'], additionalProperties: false, properties: { all: { type: 'array', items: { $ref: '#/$defs/condition' }, maxItems: 64 }, priority: { type: 'integer' } } },
      { type: 'object', required: ['any'], additionalProperties: false, properties: { any: { type: 'array', items: { $ref: '#/$defs/condition' }, maxItems: 64 }, priority: { type: 'integer' } } },
      { type: 'object', required: ['not'], additionalProperties: false, properties: { not: { $ref: '#/$defs/condition' }, priority: { type: 'integer' } } },
      {
        type: 'object',
        required: ['fact', 'operator', 'value'],
        additionalProperties: false,
        properties: {
          fact: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]{0,63}$' },
          operator: { type: 'string', enum: [...OPERATORS] },
          value: { description: 'A literal: string, number, boolean, null or an array of them', oneOf: [{ type: ['string', 'number', 'boolean', 'null'] }, { type: 'array', maxItems: 500, items: { type: ['string', 'number', 'boolean', 'null'] } }] },
          path: { type: 'string', pattern: '^\\$(\\.[A-Za-z_][A-Za-z0-9_]{0,63}){1,4}$', description: 'A nested field of an object fact, e.g. $.grid' },
          priority: { type: 'integer' },
        },
      },
    ],
  },
} as const;

export const RouteTarget = Type.Union(
  [
    Type.Object({ type: Type.Literal('unit'), unit: Id }, { ...closed, description: 'An absolute unit' }),
    Type.Object({ type: Type.Literal('platform'), platform: literalUnion(PLATFORMS) }, { ...closed, description: 'That platform of the township where the event happened' }),
    Type.Object({ type: Type.Literal('village') }, { ...closed, description: 'The village/community of the grid where it happened' }),
    Type.Object({ type: Type.Literal('township-command') }, { ...closed, description: 'The command room of the township where it happened' }),
    Type.Object({ type: Type.Literal('county-command') }, { ...closed, description: 'The county command centre' }),
    Type.Object({ type: Type.Literal('department'), domain: Id }, { ...closed, description: 'The county department whose domains include this one' }),
  ],
);

/** The targets that name a command room: a route's dispatcher. */
const DispatcherTarget = Type.Union(
  [
    Type.Object({ type: Type.Literal('township-command') }, { ...closed, description: 'The command room of the township where it happened' }),
    Type.Object({ type: Type.Literal('county-command') }, { ...closed, description: 'The county command centre' }),
    Type.Object({ type: Type.Literal('unit'), unit: Id }, { ...closed, description: 'A command room by id (a unit of kind county_command or township_command)' }),
  ],
  {
    description:
      "The command room that watches the event and may reassign it (a whistle route keeps the township's command room and leaves the county command centre out); default: the handling unit's township command room, else the county command centre",
  },
);

const Channel = Type.String({ pattern: '^[a-z][a-z0-9_-]{0,31}$', description: 'Notification channel, e.g. sms, app, log, webhook' });

export const DecisionEvent = Type.Union([
  Type.Object({ type: Type.Literal('grade'), params: Type.Object({ level: Level }, closed) }, closed),
  Type.Object(
    {
      type: Type.Literal('route'),
      params: Type.Object(
        {
          target: RouteTarget,
          assist: Type.Optional(Type.Array(RouteTarget, { maxItems: 10 })),
          dispatcher: Type.Optional(DispatcherTarget),
        },
        closed,
      ),
    },
    closed,
  ),
  Type.Object({ type: Type.Literal('sla'), params: Type.Object({ policy: Id }, closed) }, closed),
  Type.Object({ type: Type.Literal('escalate'), params: Type.Object({ target: RouteTarget, reason: I18nText }, closed) }, closed),
  Type.Object({ type: Type.Literal('tag'), params: Type.Object({ tags: Type.Array(Id, { minItems: 1 }) }, closed) }, closed),
  Type.Object({ type: Type.Literal('notify'), params: Type.Object({ to: RouteTarget, channels: Type.Array(Channel, { minItems: 1 }), message: I18nText }, closed) }, closed),
]);

export const Rule = Type.Object(
  {
    id: Id,
    name: I18nText,
    description: Type.Optional(Type.String()),
    priority: Type.Integer({ minimum: 1, maximum: 1000, description: 'Higher wins when several rules of one decision type fire' }),
    scope: Type.Optional(
      Type.Union([
        Type.Object({ category: Id }, { ...closed, description: 'Only events of this minor category' }),
        Type.Object({ major: Id }, { ...closed, description: 'Only events of this major category' }),
      ], { description: 'Omitted: every event' }),
    ),
    enabled: Type.Optional(Type.Boolean()),
    conditions: Condition,
    event: DecisionEvent,
  },
  closed,
);

const ClockLimit = Type.Object({ hours: Hours, clock: Clock }, closed);
export const SlaPolicy = Type.Object(
  {
    id: Id,
    name: I18nText,
    levels: Type.Array(Level, { minItems: 1, uniqueItems: true }),
    categories: Type.Optional(Type.Array(Id, { description: 'Restricts this policy to these minor categories (more specific than level alone)' })),
    accept: ClockLimit,
    resolve: ClockLimit,
    reminders: Type.Array(
      Type.Object(
        { of: literalUnion(SLA_CLOCKS), beforeHours: Hours, clock: Clock, channels: Type.Array(Channel, { minItems: 1 }) },
        closed,
      ),
    ),
    breach: Type.Object(
      {
        turnRed: Type.Boolean(),
        supervisionTicket: Type.Boolean(),
        autoEscalateAfterHours: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 8760, description: 'Hours after the resolve deadline: if the event is still not resolved, it escalates by itself' })),
        autoEscalateClock: Type.Optional(literalUnion(['working', 'calendar'] as const, 'The kind of time autoEscalateAfterHours counts (calendar by default)')),
        autoEscalateAfterAcceptHours: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 8760, description: 'Hours after the acceptance deadline: if the event is still not accepted, it escalates by itself' })),
        autoEscalateAcceptClock: Type.Optional(literalUnion(['working', 'calendar'] as const, 'The kind of time autoEscalateAfterAcceptHours counts (calendar by default)')),
        channels: Type.Optional(Type.Array(Channel)),
      },
      closed,
    ),
    pauseWhileAwaitingReporter: Type.Boolean(),
  },
  closed,
);

export const Sla = Type.Object({ policies: Type.Array(SlaPolicy, { minItems: 1 }) }, closed);

export const WorkflowState = Type.Object(
  {
    id: Id,
    name: I18nText,
    terminal: Type.Optional(Type.Boolean()),
    open: Type.Boolean({ description: 'Open for Open311 purposes (status open/closed)' }),
  },
  closed,
);
const ClockEffects = Type.Object(
  {
    start: Type.Optional(Type.Array(literalUnion(SLA_CLOCKS))),
    stop: Type.Optional(Type.Array(literalUnion(SLA_CLOCKS))),
    pause: Type.Optional(Type.Array(literalUnion(SLA_CLOCKS))),
    resume: Type.Optional(Type.Array(literalUnion(SLA_CLOCKS))),
  },
  closed,
);
export const WorkflowTransition = Type.Object(
  {
    action: Id,
    name: I18nText,
    from: Type.Array(Id, { minItems: 1 }),
    to: Id,
    roles: Type.Array(literalUnion(ROLES), { minItems: 1 }),
    unitScope: literalUnion(['handling', 'dispatching', 'reporter', 'any'] as const, 'Which unit the actor must belong to: the handling unit, the dispatching command room, the reporter, or any unit'),
    requires: Type.Optional(Type.Array(literalUnion(['reason', 'unit', 'feedback', 'duplicateOf'] as const))),
    handling: Type.Optional(literalUnion(['keep', 'set-from-input', 'back-to-dispatcher', 'escalate', 'clear'] as const, 'What happens to the handling unit')),
    sla: Type.Optional(ClockEffects),
  },
  closed,
);
export const Workflow = Type.Object(
  {
    initial: Id,
    states: Type.Array(WorkflowState, { minItems: 2 }),
    transitions: Type.Array(WorkflowTransition, { minItems: 1 }),
  },
  closed,
);

export const Assessment = Type.Object(
  {
    indicators: Type.Array(
      Type.Object(
        {
          id: Id,
          name: I18nText,
          measure: literalUnion([...ASSESSMENT_MEASURES, 'custom'] as const, 'What it measures (docs/assessment.md); custom: one of the others over the events its condition selects'),
          weight: Type.Number({ minimum: 0, maximum: 1, description: "Share of the system score; the indicators' weights add up to 1" }),
          target: Type.Optional(Type.Number({ minimum: 0, description: 'A rate as a fraction (0.95) or a count. Higher is better: the score is min(1, value / target) × 100 (a rate without a target aims at 1). Lower is better: 100 up to the target (default 0)' })),
          higherIsBetter: Type.Boolean(),
          zeroAt: Type.Optional(Type.Number({ minimum: 0, description: 'Lower is better: the value that scores 0, falling linearly from 100 at the target. Default: target + 10 for a count, target + 0.25 for a rate' })),
          custom: Type.Optional(
            Type.Object(
              {
                of: literalUnion(ASSESSMENT_MEASURES, 'The measure it narrows'),
                kind: Type.Optional(literalUnion(['rate', 'count'] as const, "rate (default; not for overdueCount): the measure's rate over the selected events; count: how many of them it counts (on time, closed, reopened, satisfied, overdue)")),
                where: Type.Unsafe<ConditionNode>({ $ref: '#/$defs/condition', description: 'Which events: a condition on category, majorCategory, level, source, township, grid or tags (contains / doesNotContain)' }),
              },
              { ...closed, description: 'For measure "custom": e.g. {"of": "onTimeResolveRate", "where": {"fact": "level", "operator": "greaterThanInclusive", "value": 3}}' },
            ),
          ),
        },
        closed,
      ),
      { minItems: 1 },
    ),
    sources: Type.Array(
      Type.Object(
        {
          id: Id,
          name: I18nText,
          weight: Type.Number({ minimum: 0, maximum: 1 }),
          appliesTo: Type.Array(literalUnion(UNIT_KINDS), { minItems: 1 }),
        },
        closed,
      ),
      { description: 'Where scores come from: the indicators themselves (id "indicators"; without one, the indicators weigh what the ratings leave of 1) and ratings entered by county administrators, e.g. the township rating posted stations (60%). The weights of the sources that apply to a kind of unit add up to 1' },
    ),
    satisfactionScale: Type.Optional(
      Type.Array(
        Type.Object(
          {
            value: Id,
            name: I18nText,
            satisfied: Type.Boolean({ description: 'Counts as satisfied in 群众满意率 (the satisfaction indicator)' }),
          },
          closed,
        ),
        { minItems: 2, maxItems: 7, description: 'The rating a reporter gives when confirming closure, best first (满意 / 基本满意 / 不满意 in the baseline)' },
      ),
    ),
  },
  closed,
);

const TestTimer = Type.Object(
  { of: literalUnion(SLA_CLOCKS, 'The clock: accept or resolve'), at: Type.String({ format: 'date-time', description: 'ISO 8601 with offset, e.g. 2026-03-02T11:00:00+08:00' }) },
  closed,
);

export const TestCase = Type.Object(
  {
    id: Id,
    description: Type.String({ minLength: 1 }),
    input: Type.Object(
      {
        category: Id,
        at: Type.String({ format: 'date-time' }),
        source: Type.Optional(Type.String()),
        data: Type.Record(Type.String(), Type.Unknown()),
        context: Type.Optional(Type.Object({ recentReports: Type.Optional(Type.Integer({ minimum: 0 })) }, closed)),
      },
      closed,
    ),
    expected: Type.Object(
      {
        level: Type.Optional(Level),
        unit: Type.Optional(Id),
        slaPolicy: Type.Optional(Id),
        tags: Type.Optional(Type.Array(Id)),
        escalatedTo: Type.Optional(Type.Union([Id, Type.Null()])),
        dispatcher: Type.Optional(Id),
        assist: Type.Optional(Type.Array(Id)),
        acceptDue: Type.Optional(Type.String({ format: 'date-time', description: 'When the accept clock runs out (ISO 8601 with offset)' })),
        resolveDue: Type.Optional(Type.String({ format: 'date-time', description: 'When the resolve clock runs out (ISO 8601 with offset)' })),
        reminders: Type.Optional(Type.Array(TestTimer, { description: 'Every reminder the SLA plan sets, in any order' })),
        breaches: Type.Optional(Type.Array(TestTimer, { description: 'Every breach the SLA plan sets (one per clock), in any order' })),
        autoEscalateAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'When the event escalates by itself after a breach; null: never' })),
      },
      closed,
    ),
  },
  closed,
);

/** A GeoJSON position: `[longitude, latitude]` in WGS84 degrees (RFC 7946 order; an altitude is ignored). */
const Position = Type.Array(Type.Number(), { minItems: 2, maxItems: 3, description: '[longitude, latitude] in WGS84 degrees, longitude first (RFC 7946); a third number (altitude) is ignored' });
const LinearRing = Type.Array(Position, { description: 'A closed ring: at least 4 positions, the last repeating the first' });
const PolygonRings = Type.Array(LinearRing, { minItems: 1, description: 'The outer ring first, then any holes' });
export const BoundaryGeometry = Type.Union(
  [
    Type.Object({ type: Type.Literal('Polygon'), coordinates: PolygonRings }, { ...closed, description: 'A GeoJSON Polygon' }),
    Type.Object({ type: Type.Literal('MultiPolygon'), coordinates: Type.Array(PolygonRings, { minItems: 1 }) }, { ...closed, description: 'A GeoJSON MultiPolygon (a unit in several pieces)' }),
  ],
);
export const Boundary = Type.Object(
  {
    type: Type.Literal('Feature'),
    properties: Type.Object({ unit: Id }, { ...closed, description: 'The unit whose boundary this is: a township, a village/community or a grid of the units section' }),
    geometry: BoundaryGeometry,
  },
  { ...closed, description: 'The boundary of one unit, as a GeoJSON Feature' },
);
/** Boundaries may be off by this much (a fraction of an area) before compile calls it a gap, an overlap or a unit outside its parent. */
export const DEFAULT_BOUNDARY_TOLERANCE = 0.01;
export const Geography = Type.Object(
  {
    type: Type.Literal('FeatureCollection'),
    tolerance: Type.Optional(Type.Number({ minimum: 0, maximum: 0.2, description: 'How far boundaries may be off before compile refuses them, as a fraction of an area: a unit outside its parent, two siblings overlapping, a parent not covered by its children. Default 0.01 (1%)' })),
    tileUrl: Type.Optional(Type.String({ pattern: '^https?://[^\\s]+$', maxLength: 500, description: "The county's own map tile server, e.g. https://tiles.example.gov.cn/{z}/{x}/{y}.png (maps draw the boundaries without tiles when absent)" })),
    features: Type.Array(Boundary, { description: 'One feature per unit; every grid of the units section needs one' }),
  },
  { ...closed, description: 'Boundaries of townships, villages/communities and grids as a GeoJSON FeatureCollection in WGS84; reports with coordinates and no grid are placed in the grid whose boundary holds the point' },
);

/** Areas an alert counts reports in: one grid, one village/community or one township. */
export const ALERT_AREAS = ['grid', 'village', 'township'] as const;
const AlertArea = literalUnion(ALERT_AREAS, 'grid, village (village/community) or township: the unit whose reports are counted together');
export const AlertThreshold = Type.Object(
  {
    id: Id,
    name: I18nText,
    categories: Type.Optional(Type.Array(Id, { minItems: 1, uniqueItems: true, description: 'Minor category codes (each counted on its own) or major category codes (their minor categories counted together); absent: every minor category, each on its own' })),
    area: AlertArea,
    count: Type.Integer({ minimum: 2, maximum: 100000, description: 'Alert when this many reports (or more) fall in one area within the window' }),
    windowHours: Type.Integer({ minimum: 1, maximum: 720, description: 'The sliding window, in hours (1 … 720); it must divide 24 or be a multiple of 24' }),
  },
  { ...closed, description: 'A count threshold (e.g. 3 reports of one category in one grid within 24 h), evaluated as each report is taken in' },
);
export const ABERRATION_METHODS = ['poisson', 'c1', 'c2', 'c3'] as const;
export const Aberration = Type.Object(
  {
    enabled: Type.Boolean({ description: 'Run the daily test' }),
    method: Type.Optional(literalUnion(ABERRATION_METHODS, 'poisson (default): P(X ≥ today | baseline mean) < alpha; c1, c2, c3: the CDC EARS statistics over the 7 days before (c2, c3 after a 2-day guard band)')),
    alpha: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 0.5, default: 0.001, description: 'poisson: the tail probability below which a day alarms (default 0.001)' })),
    baselineDays: Type.Optional(Type.Integer({ minimum: 7, maximum: 90, default: 28, description: 'poisson: days of baseline (default 28)' })),
    guardDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 14, default: 2, description: 'poisson: days between the baseline and the day judged (default 2)' })),
    minCount: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 3, description: 'a day with fewer reports never alarms (default 3)' })),
    minRate: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100000, default: 0.5, description: 'poisson: the lowest baseline rate per day assumed (default 0.5)' })),
    threshold: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100, description: 'c1, c2, c3: the statistic above which a day alarms (default 3; 2 for c3)' })),
    area: Type.Optional(literalUnion(['township', 'village', 'grid'] as const, 'the areas whose daily counts are judged (default township)')),
    runAt: Type.Optional(Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', default: '01:00', description: "When the day before is judged, HH:MM in the county's time zone (default 01:00)" })),
  },
  { ...closed, description: "Statistical aberration detection (docs/early-warning.md): once a day, each area's count of each major category on the day before against the area's own recent baseline" },
);
export const Alerts = Type.Object(
  {
    thresholds: Type.Optional(Type.Array(AlertThreshold, { maxItems: 50 })),
    aberration: Type.Optional(Aberration),
  },
  { ...closed, description: 'Early warning (预警): alerts to the command room that covers the area (docs/early-warning.md)' },
);

export const CountyConfig = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    id: Id,
    name: I18nText,
    description: Type.Optional(Type.String()),
    county: County,
    levels: Type.Optional(Levels),
    calendars: Type.Array(Calendar, { minItems: 1 }),
    units: Type.Array(Unit, { minItems: 1 }),
    categories: Type.Array(MajorCategory, { minItems: 1 }),
    forms: Type.Array(Form, { minItems: 1 }),
    rules: Type.Array(Rule),
    sla: Sla,
    workflow: Workflow,
    assessment: Assessment,
    tests: Type.Optional(Type.Array(TestCase)),
    geography: Type.Optional(Geography),
    alerts: Type.Optional(Alerts),
  },
  closed,
);

export type I18nText = Static<typeof I18nText>;
export type CountySection = Static<typeof County>;
export type Calendar = Static<typeof Calendar>;
export type Unit = Static<typeof Unit>;
export type EventEscalation = Static<typeof EventEscalation>;
export type LevelDefinition = Static<typeof LevelDefinition>;
export type MinorCategory = Static<typeof MinorCategory>;
export type MajorCategory = Static<typeof MajorCategory>;
export type Form = Static<typeof Form>;
export type RouteTarget = Static<typeof RouteTarget>;
export type DecisionEvent = Static<typeof DecisionEvent>;
export type Rule = Static<typeof Rule>;
export type SlaPolicy = Static<typeof SlaPolicy>;
export type Workflow = Static<typeof Workflow>;
export type WorkflowTransition = Static<typeof WorkflowTransition>;
export type Assessment = Static<typeof Assessment>;
export type TestCase = Static<typeof TestCase>;
export type Boundary = Static<typeof Boundary>;
export type BoundaryGeometry = Static<typeof BoundaryGeometry>;
export type Geography = Static<typeof Geography>;
export type AlertThreshold = Static<typeof AlertThreshold>;
export type Aberration = Static<typeof Aberration>;
export type Alerts = Static<typeof Alerts>;
export type CountyConfig = Static<typeof CountyConfig>;

/** The whole schema as one JSON document, with the recursive condition definition under $defs. */
export const countyConfigJsonSchema: Record<string, unknown> = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://pingtai.local/schema/county-config.schema.json',
  title: 'pingtai county config',
  ...JSON.parse(JSON.stringify(CountyConfig)),
  $defs: conditionDefs,
};
