/**
 * The satisfaction scale: the ratings a reporter (or the grid worker confirming for them) gives
 * when an event is closed, best first, each counting as satisfied or not for 群众满意率. A config
 * without `assessment.satisfactionScale` has the baseline three.
 */
import type { CountyConfig, I18nText } from '../schema/config-schema';
import type { Issue } from '../types';
import { problem } from './messages';

export interface SatisfactionLevel {
  value: string;
  name: I18nText;
  satisfied: boolean;
}

export const DEFAULT_SATISFACTION_SCALE: readonly SatisfactionLevel[] = Object.freeze([
  { value: 'satisfied', name: { zh: '满意', en: 'Satisfied' }, satisfied: true },
  { value: 'basically-satisfied', name: { zh: '基本满意', en: 'Basically satisfied' }, satisfied: true },
  { value: 'unsatisfied', name: { zh: '不满意', en: 'Unsatisfied' }, satisfied: false },
]);

export function satisfactionScaleOf(config: Pick<CountyConfig, 'assessment'>): readonly SatisfactionLevel[] {
  const scale = config.assessment?.satisfactionScale;
  return scale && scale.length > 0 ? scale : DEFAULT_SATISFACTION_SCALE;
}

/** The scale's level of `value`, or undefined when the scale has no such rating. */
export function satisfactionLevel(config: Pick<CountyConfig, 'assessment'>, value: string): SatisfactionLevel | undefined {
  return satisfactionScaleOf(config).find((l) => l.value === value);
}

/** A scale's values are unique, and at least one rating counts as satisfied and one does not. */
export function checkSatisfactionScale(config: CountyConfig, issues: Issue[]): void {
  const scale = config.assessment?.satisfactionScale;
  if (!scale) return;
  const seen = new Map<string, number>();
  scale.forEach((level, i) => {
    const first = seen.get(level.value);
    if (first !== undefined) issues.push(problem('duplicate-id', `/assessment/satisfactionScale/${i}/value`, { what: 'rating', key: level.value, first: first + 1 }));
    else seen.set(level.value, i);
  });
  if (!scale.some((l) => l.satisfied) || scale.every((l) => l.satisfied)) {
    issues.push(problem('satisfaction-scale-one-sided', '/assessment/satisfactionScale', {}));
  }
}
