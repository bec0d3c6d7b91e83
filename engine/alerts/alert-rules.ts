/**
 * The config's `alerts` section as the runtime applies it: which count thresholds a report takes
 * part in (and what it is counted with), the bucket that keeps one threshold alert from being
 * raised twice, and the aberration test's settings with their defaults. Pure: the runtime counts
 * and stores; this module only says what to count.
 */
import type { AberrationMethod, AberrationSettings } from './aberration';
import { aberrationSettings } from './aberration';
import type { AlertThreshold, CountyConfig, MajorCategory } from '../schema/config-schema';

export type AlertAreaKind = 'grid' | 'village' | 'township';

/** One count a report takes part in: its threshold, its area and the categories counted together. */
export interface ThresholdCheck {
  threshold: AlertThreshold;
  areaKind: AlertAreaKind;
  /** The unit id of the area (the report's grid, village or township). */
  area: string;
  /** The alert's category: the report's minor category, or the major category a threshold lists. */
  category: string;
  /** The minor categories counted together (one, or every minor of the listed major). */
  counted: readonly string[];
}

/**
 * The thresholds a report of `minor` (in `major`) at `place` takes part in. A threshold without
 * categories counts every minor category on its own; one that lists the minor counts it on its own;
 * one that lists its major counts the major's minors together. A report without the area is not
 * counted.
 * @example thresholdChecks(config, { major, minor: 'dispute-neighbor', place: { grid: 'g1', village: 'v1', township: 't1' } })
 */
export function thresholdChecks(config: CountyConfig, report: { major: MajorCategory; minor: string; place: { grid: string | null; village: string | null; township: string | null } }): ThresholdCheck[] {
  const checks: ThresholdCheck[] = [];
  for (const threshold of config.alerts?.thresholds ?? []) {
    const area = report.place[threshold.area];
    if (area === null) continue;
    const listed = threshold.categories;
    if (!listed || listed.includes(report.minor)) {
      checks.push({ threshold, areaKind: threshold.area, area, category: report.minor, counted: [report.minor] });
    } else if (listed.includes(report.major.code)) {
      checks.push({ threshold, areaKind: threshold.area, area, category: report.major.code, counted: report.major.children.map((c) => c.code) });
    }
  }
  return checks;
}

/**
 * The start of the fixed window (a multiple of `windowHours` from local midnight) holding `at`:
 * with the rule, area and category it is the key under which a threshold alert is raised once.
 * `offsetMs` is the county's UTC offset at `at`.
 */
export function thresholdBucketStart(at: number, windowHours: number, offsetMs: number): number {
  const size = windowHours * 3_600_000;
  return Math.floor((at + offsetMs) / size) * size - offsetMs;
}

/** The method names of the config, as the detector calls them. */
const METHODS: Record<'poisson' | 'c1' | 'c2' | 'c3', AberrationMethod> = { poisson: 'poisson', c1: 'ears-c1', c2: 'ears-c2', c3: 'ears-c3' };

export interface AberrationPlan {
  areaKind: AlertAreaKind;
  /** Minutes after local midnight at which the day before is judged. */
  runAtMinutes: number;
  settings: AberrationSettings;
}

/** The daily test's settings with judgeDay's defaults filled in, or null when it is off. */
export function aberrationPlan(config: CountyConfig): AberrationPlan | null {
  const a = config.alerts?.aberration;
  if (!a || !a.enabled) return null;
  const settings = aberrationSettings({
    method: METHODS[a.method ?? 'poisson'],
    ...(a.alpha !== undefined ? { alpha: a.alpha } : {}),
    ...(a.baselineDays !== undefined ? { baselineDays: a.baselineDays } : {}),
    ...(a.guardDays !== undefined ? { guardDays: a.guardDays } : {}),
    ...(a.minCount !== undefined ? { minCount: a.minCount } : {}),
    ...(a.minRate !== undefined ? { minRate: a.minRate } : {}),
    ...(a.threshold !== undefined ? { threshold: a.threshold } : {}),
  });
  const [h, m] = (a.runAt ?? '01:00').split(':').map(Number);
  return { areaKind: a.area ?? 'township', runAtMinutes: h * 60 + m, settings };
}
