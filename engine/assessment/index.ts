/** The assessment's part of the engine API: periods, what indicators count, the facts an event's changes settle, and scoring. */
export { parsePeriod, PERIOD_FORMAT, PERIOD_KINDS, PERIOD_YEARS, type AssessmentPeriod, type PeriodKind } from './assessment-period';
export { eventMatches, FACT_FAMILIES, indicatorKind, indicatorPlan, MEASURE_PLANS, type AssessmentIndicator, type EventFacts, type FactFamily, type IndicatorKind, type IndicatorPlan, type ItemSelection } from './indicator-plan';
export { breachFacts, transitionFacts, type FactSubject, type SettledFact, type TransitionFactsOptions } from './settled-facts';
export { DEFAULT_ZERO_DISTANCE, indicatorScore, rankUnits, score, sourcesFor, SYSTEM_SOURCE, targetOf, zeroAtOf, type Aggregate, type IndicatorScore, type SourceScore, type UnitInput, type UnitScore } from './score';
export { clockRunStart } from '../sla/sla-clock';
