/**
 * The `alerts` section's checks beyond its schema: threshold ids are unique, every category a
 * threshold lists is a minor or major category of the config (and not both a major and one of its
 * minors), a window divides the day or is whole days (its dedupe buckets start at local midnight),
 * and the aberration test's guard band is shorter than its baseline.
 */
import type { Issue } from '../types';
import type { CheckContext } from './cross-checks';
import { problem, WORDS } from './messages';

export function checkAlerts(ctx: CheckContext, issues: Issue[]): void {
  const alerts = ctx.config.alerts;
  if (!alerts) return;
  const thresholds = alerts.thresholds ?? [];
  const seen = new Map<string, number>();
  const majors = new Map<string, string>();
  const minors = new Map<string, string>();
  if (ctx.sound('categories')) {
    for (const major of ctx.config.categories) {
      majors.set(major.code, major.code);
      for (const minor of major.children) minors.set(minor.code, major.code);
    }
  }
  thresholds.forEach((threshold, i) => {
    const at = `/alerts/thresholds/${i}`;
    const first = seen.get(threshold.id);
    if (first !== undefined) issues.push(problem('duplicate-id', `${at}/id`, { what: WORDS.alert, key: threshold.id, first: first + 1 }));
    else seen.set(threshold.id, i);
    const h = threshold.windowHours;
    if (!(24 % h === 0 || h % 24 === 0)) issues.push(problem('alert-window', `${at}/windowHours`, { hours: h }));
    if (!ctx.sound('categories')) return;
    const listed = new Set(threshold.categories ?? []);
    (threshold.categories ?? []).forEach((code, j) => {
      const pointer = `${at}/categories/${j}`;
      if (!majors.has(code) && !minors.has(code)) issues.push(problem('unknown-category', pointer, { code }));
      else if (minors.has(code) && listed.has(minors.get(code)!)) issues.push(problem('alert-category-twice', pointer, { code, major: minors.get(code)! }));
    });
  });
  const aberration = alerts.aberration;
  if (aberration && (aberration.guardDays ?? 2) >= (aberration.baselineDays ?? 28)) {
    issues.push(problem('alert-window.guard', '/alerts/aberration/guardDays', { guard: aberration.guardDays ?? 2, baseline: aberration.baselineDays ?? 28 }));
  }
}
