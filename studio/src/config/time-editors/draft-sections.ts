/**
 * Reading and writing the sections the time editors edit through the one draft. `levels` is a
 * section of its own once the studio's section list has it; until then it lives among the
 * top-level fields (`general`), where the draft keeps any key it does not know.
 */
import { SECTIONS, type SectionKey } from '../sections';
import type { Draft } from '../use-draft';
import { isObject, withKey } from './object-edits';

const hasLevelsSection = (SECTIONS as readonly string[]).includes('levels');

export function levelsValue(draft: Pick<Draft, 'values'>): unknown {
  const values = draft.values as Record<string, unknown>;
  if (hasLevelsSection) return values.levels ?? undefined;
  return isObject(values.general) ? values.general.levels : undefined;
}

export function writeLevels(draft: Pick<Draft, 'values' | 'setValue'>, levels: unknown): void {
  if (hasLevelsSection) return draft.setValue('levels' as SectionKey, levels);
  const general = isObject(draft.values.general) ? draft.values.general : {};
  draft.setValue('general', withKey(general, 'levels', levels));
}

/** The county's calendar id (general → county.calendar). */
export function countyCalendarId(draft: Pick<Draft, 'values'>): string | undefined {
  const general = draft.values.general;
  return isObject(general) && isObject(general.county) && typeof general.county.calendar === 'string' ? general.county.calendar : undefined;
}

export function setCountyCalendar(draft: Pick<Draft, 'values' | 'setValue'>, id: string): void {
  const general = draft.values.general;
  if (!isObject(general) || !isObject(general.county)) return;
  draft.setValue('general', withKey(general, 'county', withKey(general.county, 'calendar', id)));
}
