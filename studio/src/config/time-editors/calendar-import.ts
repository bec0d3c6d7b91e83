/**
 * A year's national holiday arrangement read from a file (JSON or CSV, docs/calendar-import.md),
 * parsed in the page: every holiday and adjusted working day as one dated entry, or errors that
 * name the line and the field. Nothing is applied until the person has seen the plan.
 */
import type { Calendar, I18nText } from '../../../../engine/index';
import { addDays, daysOfYear, isIsoDate, setDayKind, setYearSource, type CalendarDay } from './calendar-model';
import { isObject, withKey } from './object-edits';

export type ImportFormat = 'json' | 'csv';

/** A problem in the file: `line` is 1-based (CSV lines; JSON: the line the offending value is on when known). */
export interface ImportError {
  code: 'not-json' | 'bad-shape' | 'missing-field' | 'bad-date' | 'bad-range' | 'bad-kind' | 'missing-column' | 'bad-year' | 'empty';
  line?: number;
  field?: string;
  value?: string;
}

export interface ImportedCalendar {
  days: CalendarDay[];
  /** The source each year came from (the file's `source`, or the file's name). */
  sources: Record<string, string>;
  errors: ImportError[];
}

const KIND_WORDS: Record<string, CalendarDay['kind']> = { holiday: 'holiday', 休: 'holiday', 假: 'holiday', 节假日: 'holiday', working: 'working', workday: 'working', 班: 'working', 调休上班: 'working', 补班: 'working' };
/** At most this many days in one holiday range (the longest real ones are 9). */
const MAX_RANGE_DAYS = 31;

/** The format a file's name says, JSON when it cannot be told. */
export function formatOfFile(fileName: string): ImportFormat {
  return /\.csv$/i.test(fileName) ? 'csv' : 'json';
}

/**
 * Reads a national calendar file.
 * @example
 * importNationalCalendar('date,kind,name_zh,name_en\n2026-10-01,holiday,国庆节,National Day', 'csv')
 * // { days: [{ date: '2026-10-01', kind: 'holiday', name: { zh: '国庆节', en: 'National Day' } }], sources: { 2026: … }, errors: [] }
 */
export function importNationalCalendar(text: string, format: ImportFormat, fileName = 'import'): ImportedCalendar {
  const result = format === 'csv' ? fromCsv(text.replace(/^\uFEFF/, ''), fileName) : fromJson(text.replace(/^\uFEFF/, ''), fileName);
  if (result.errors.length === 0 && result.days.length === 0) result.errors.push({ code: 'empty' });
  result.days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return result;
}

function fromJson(text: string, fileName: string): ImportedCalendar {
  const out: ImportedCalendar = { days: [], sources: {}, errors: [] };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const offset = syntaxErrorOffset(text, (e as Error).message);
    out.errors.push({ code: 'not-json', line: offset === undefined ? undefined : lineOf(text, offset), value: (e as Error).message });
    return out;
  }
  const years = Array.isArray(doc) ? doc : [doc];
  years.forEach((entry, y) => {
    const at = Array.isArray(doc) ? `[${y}].` : '';
    if (!isObject(entry)) return void out.errors.push({ code: 'bad-shape', field: at || '/' });
    const year = String(entry.year ?? '');
    if (!/^\d{4}$/.test(year)) out.errors.push({ code: 'bad-year', field: `${at}year`, value: String(entry.year ?? ''), line: findLine(text, 'year') });
    else out.sources[year] = typeof entry.source === 'string' && entry.source.trim() ? entry.source : fileName;
    if (!Array.isArray(entry.holidays)) out.errors.push({ code: 'missing-field', field: `${at}holidays` });
    else
      entry.holidays.forEach((h: unknown, i: number) => {
        const field = `${at}holidays[${i}]`;
        if (!isObject(h)) return void out.errors.push({ code: 'bad-shape', field });
        const name = nameOf(h.name);
        if (!name) return void out.errors.push({ code: 'missing-field', field: `${field}.name`, line: lineNear(text, h.from) });
        const range = rangeOf(h.from, h.to, out.errors, field, text);
        if (range) for (const date of range) out.days.push({ date, kind: 'holiday', name });
      });
    if (!Array.isArray(entry.adjustedWorkingDays)) out.errors.push({ code: 'missing-field', field: `${at}adjustedWorkingDays` });
    else
      entry.adjustedWorkingDays.forEach((a: unknown, i: number) => {
        const field = `${at}adjustedWorkingDays[${i}]`;
        if (!isObject(a)) return void out.errors.push({ code: 'bad-shape', field });
        if (typeof a.date !== 'string' || !isIsoDate(a.date)) return void out.errors.push({ code: 'bad-date', field: `${field}.date`, value: String(a.date ?? ''), line: lineNear(text, a.date) });
        const forText = typeof a.for === 'string' ? a.for : '';
        out.days.push({ date: a.date, kind: 'working', name: { zh: forText, en: forText } });
      });
  });
  return out;
}

function nameOf(value: unknown): I18nText | null {
  if (typeof value === 'string' && value.trim()) return { zh: value.trim(), en: value.trim() };
  if (isObject(value) && typeof value.zh === 'string' && value.zh.trim()) return { zh: value.zh.trim(), en: typeof value.en === 'string' && value.en.trim() ? value.en.trim() : value.zh.trim() };
  return null;
}

function rangeOf(from: unknown, to: unknown, errors: ImportError[], field: string, text: string, line?: number): string[] | null {
  if (typeof from !== 'string' || !isIsoDate(from)) return void errors.push({ code: 'bad-date', field: `${field}.from`, value: String(from ?? ''), line: line ?? lineNear(text, from) }), null;
  const end = to === undefined || to === '' ? from : to;
  if (typeof end !== 'string' || !isIsoDate(end)) return void errors.push({ code: 'bad-date', field: `${field}.to`, value: String(end ?? ''), line: line ?? lineNear(text, end) }), null;
  const days: string[] = [];
  for (let d = from; d <= end; d = addDays(d, 1)) days.push(d);
  if (days.length === 0 || days.length > MAX_RANGE_DAYS) return void errors.push({ code: 'bad-range', field: `${field}.to`, value: `${from} – ${end}`, line: line ?? lineNear(text, end) }), null;
  return days;
}

/** CSV: a header line naming the columns (date, kind; optional to, name_zh, name_en, source), one holiday range or adjusted day a line. */
function fromCsv(text: string, fileName: string): ImportedCalendar {
  const out: ImportedCalendar = { days: [], sources: {}, errors: [] };
  const lines = text.split(/\r?\n/);
  const headerAt = lines.findIndex((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  if (headerAt < 0) return out;
  const header = splitCsvLine(lines[headerAt]).map((h) => h.trim().toLowerCase());
  for (const column of ['date', 'kind']) if (!header.includes(column)) out.errors.push({ code: 'missing-column', line: headerAt + 1, field: column });
  if (out.errors.length > 0) return out;
  const col = (cells: string[], name: string) => (header.indexOf(name) >= 0 ? (cells[header.indexOf(name)] ?? '').trim() : '');
  for (let i = headerAt + 1; i < lines.length; i++) {
    if (lines[i].trim() === '' || lines[i].trim().startsWith('#')) continue;
    const line = i + 1;
    const cells = splitCsvLine(lines[i]);
    const kind = KIND_WORDS[col(cells, 'kind').toLowerCase()];
    if (!kind) {
      out.errors.push({ code: 'bad-kind', line, field: 'kind', value: col(cells, 'kind') });
      continue;
    }
    const zh = col(cells, 'name_zh') || col(cells, 'for') || col(cells, 'name');
    const name = { zh, en: col(cells, 'name_en') || zh };
    if (kind === 'holiday' && !zh) {
      out.errors.push({ code: 'missing-field', line, field: 'name_zh' });
      continue;
    }
    const range = kind === 'holiday' ? rangeOf(col(cells, 'date'), col(cells, 'to'), out.errors, 'date', text, line) : rangeOf(col(cells, 'date'), undefined, out.errors, 'date', text, line);
    if (!range) continue;
    // a range's errors name the column itself: "date" or "to"
    const source = col(cells, 'source');
    for (const date of range) {
      out.days.push({ date, kind, name });
      const year = date.slice(0, 4);
      // the year's first source given on any of its lines, the file's name otherwise
      if (source && (out.sources[year] === undefined || out.sources[year] === fileName)) out.sources[year] = source;
      else out.sources[year] ??= fileName;
    }
  }
  for (const e of out.errors) if (e.field === 'date.from') e.field = 'date';
  for (const e of out.errors) if (e.field === 'date.to') e.field = 'to';
  return out;
}

/** Cells of one CSV line (RFC 4180 quotes: "a, b" and "" inside quotes). */
export function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') cells.push(cell), (cell = '');
    else cell += ch;
  }
  cells.push(cell);
  return cells;
}

/**
 * Where JSON.parse gave up: the position its message names, else the shortest prefix of the text
 * that fails for a reason other than ending too soon (V8 names no position for "Unexpected token").
 */
function syntaxErrorOffset(text: string, message: string): number | undefined {
  const position = /position (\d+)/.exec(message);
  if (position) return Number(position[1]);
  const failsInside = (k: number) => {
    try {
      JSON.parse(text.slice(0, k));
      return false;
    } catch (e) {
      const m = (e as Error).message;
      const at = /position (\d+)/.exec(m);
      return !(/end of JSON input|Unterminated/.test(m) || (at && Number(at[1]) >= k));
    }
  };
  let lo = 1;
  let hi = text.length;
  if (!failsInside(hi)) return undefined;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (failsInside(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo - 1;
}

const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;
function lineNear(text: string, value: unknown): number | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const at = text.indexOf(`"${value}"`);
  return at >= 0 ? lineOf(text, at) : undefined;
}
function findLine(text: string, key: string): number | undefined {
  const at = text.indexOf(`"${key}"`);
  return at >= 0 ? lineOf(text, at) : undefined;
}

/** What importing would change in a calendar: days added, days whose kind or name changes, days already so. */
export interface ImportPlan {
  added: CalendarDay[];
  changed: Array<{ day: CalendarDay; before: CalendarDay }>;
  unchanged: number;
  /** Years the calendar does not have yet, with the source they will get. */
  newYears: string[];
}

export function planImport(calendar: Calendar, imported: Pick<ImportedCalendar, 'days' | 'sources'>): ImportPlan {
  const existing = new Map<string, CalendarDay>();
  for (const year of Object.keys(calendar.years)) for (const d of daysOfYear(calendar, year)) existing.set(d.date, d);
  const plan: ImportPlan = { added: [], changed: [], unchanged: 0, newYears: Object.keys(imported.sources).filter((y) => !calendar.years[y]).sort() };
  for (const day of imported.days) {
    const before = existing.get(day.date);
    if (!before) plan.added.push(day);
    else if (before.kind !== day.kind || before.name.zh !== day.name.zh || (day.kind === 'holiday' && before.name.en !== day.name.en)) plan.changed.push({ day, before });
    else plan.unchanged++;
  }
  return plan;
}

/** The calendar with the imported days set (added to what it has; a day of another kind takes the file's); a new year gets the file's source. */
export function applyImport(calendar: Calendar, imported: Pick<ImportedCalendar, 'days' | 'sources'>): Calendar {
  let next = calendar;
  for (const day of imported.days) next = setDayKind(next, day.date, day.kind, { name: day.name, for: day.name.zh, source: imported.sources[day.date.slice(0, 4)] });
  for (const [year, source] of Object.entries(imported.sources)) if (next.years[year] && !calendar.years[year]) next = setYearSource(next, year, source);
  return next === calendar ? calendar : withKey(next, 'years', next.years);
}
