/** Reading and writing the sections the time editors edit through the one draft. */
import type { Draft } from '../use-draft';
import { isObject, withKey } from './object-edits';

export function levelsValue(draft: Pick<Draft, 'values'>): unknown {
  return (draft.values as Record<string, unknown>).levels ?? undefined;
}

export function writeLevels(draft: Pick<Draft, 'values' | 'setValue'>, levels: unknown): void {
  draft.setValue('levels', levels);
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
