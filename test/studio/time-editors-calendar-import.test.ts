/** Importing a year's national calendar: the file in ../shared/data as is, CSV, and errors that name the line and field. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Calendar } from '../../engine/index';
import calendars from '../../catalogs/zhejiang-four-platforms/calendars.json';
import { applyImport, formatOfFile, importNationalCalendar, planImport, splitCsvLine } from '../../studio/src/config/time-editors/calendar-import';

const SHARED = new URL('../../../shared/data/cn-public-holidays-2026.json', import.meta.url);
// the shared folder sits beside the checkout; a copy of the file keeps the test meaningful without it
const nationalJson = (() => {
  try {
    return readFileSync(SHARED, 'utf8');
  } catch {
    const y = calendars[0].years['2026'];
    return JSON.stringify({ year: 2026, source: y.source, holidays: y.holidays, adjustedWorkingDays: y.adjustedWorkingDays, note: 'copy' });
  }
})();
const cal = () => structuredClone(calendars[0]) as Calendar;
const empty = (): Calendar => ({ ...cal(), years: {} });

describe('JSON', () => {
  it('reads the national 2026 file as is: 33 holiday dates and 6 adjusted working days', () => {
    const imported = importNationalCalendar(nationalJson, 'json');
    expect(imported.errors).toEqual([]);
    expect(imported.days.filter((d) => d.kind === 'holiday')).toHaveLength(33);
    expect(imported.days.filter((d) => d.kind === 'working').map((d) => d.date)).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    expect(imported.sources['2026']).toMatch(/^State Council/);
  });

  it('onto a calendar without the year adds every day and builds the year as the catalog has it', () => {
    const imported = importNationalCalendar(nationalJson, 'json');
    const plan = planImport(empty(), imported);
    expect(plan).toMatchObject({ changed: [], unchanged: 0, newYears: ['2026'] });
    expect(plan.added).toHaveLength(39);
    expect(applyImport(empty(), imported).years).toEqual(cal().years);
  });

  it('onto the catalog calendar changes nothing', () => {
    const imported = importNationalCalendar(nationalJson, 'json');
    expect(planImport(cal(), imported)).toMatchObject({ added: [], changed: [], unchanged: 39, newYears: [] });
    expect(applyImport(cal(), imported)).toEqual(cal());
  });

  it.each([
    ['not JSON', '{"year": 2026,\n "holidays": [}', { code: 'not-json', line: 2 }],
    ['not JSON, a missing comma on line 3', '{"year": 2026,\n "source": "x",\n "holidays": [] "adjustedWorkingDays": []}', { code: 'not-json', line: 3 }],
    ['a bad date', '{"year": 2026,\n"holidays": [{"name": {"zh": "元旦", "en": "NY"}, "from": "2026-13-01", "to": "2026-01-03"}],\n"adjustedWorkingDays": []}', { code: 'bad-date', field: 'holidays[0].from', value: '2026-13-01', line: 2 }],
    ['a range ending before it starts', '{"year": 2026, "holidays": [{"name": "元旦", "from": "2026-01-03", "to": "2026-01-01"}], "adjustedWorkingDays": []}', { code: 'bad-range', field: 'holidays[0].to' }],
    ['a holiday without a name', '{"year": 2026, "holidays": [{"from": "2026-01-01"}], "adjustedWorkingDays": []}', { code: 'missing-field', field: 'holidays[0].name' }],
    ['no year', '{"holidays": [], "adjustedWorkingDays": [{"date": "2026-01-04", "for": "元旦"}]}', { code: 'bad-year', field: 'year' }],
    ['no adjusted days list', '{"year": 2026, "holidays": []}', { code: 'missing-field', field: 'adjustedWorkingDays' }],
  ])('%s is an error naming where', (_name, text, error) => {
    expect(importNationalCalendar(text, 'json').errors[0]).toMatchObject(error);
  });
});

describe('CSV', () => {
  const csv = ['date,to,kind,name_zh,name_en', '2026-10-01,2026-10-07,holiday,国庆节,National Day', '2026-09-20,,working,国庆节,', '"2026-10-10",,班,国庆节,'].join('\r\n');

  it('reads ranges and single days, Chinese kind words too', () => {
    const imported = importNationalCalendar(csv, 'csv', 'gov-2026.csv');
    expect(imported.errors).toEqual([]);
    expect(imported.days.map((d) => `${d.date} ${d.kind}`)).toEqual(['2026-09-20 working', ...['01', '02', '03', '04', '05', '06', '07'].map((d) => `2026-10-${d} holiday`), '2026-10-10 working']);
    expect(imported.sources).toEqual({ 2026: 'gov-2026.csv' });
    expect(applyImport(empty(), imported).years['2026'].holidays).toEqual([{ name: { zh: '国庆节', en: 'National Day' }, from: '2026-10-01', to: '2026-10-07' }]);
  });

  it.each([
    ['a missing column', 'date,name_zh\n2026-10-01,国庆节', { code: 'missing-column', line: 1, field: 'kind' }],
    ['a bad kind on line 3', 'date,kind,name_zh\n2026-10-01,holiday,国庆节\n2026-10-02,party,国庆节', { code: 'bad-kind', line: 3, field: 'kind', value: 'party' }],
    ['a bad date on line 2', 'date,kind,name_zh\n2026/10/01,holiday,国庆节', { code: 'bad-date', line: 2, field: 'date', value: '2026/10/01' }],
    ['a bad end of range', 'date,to,kind,name_zh\n2026-10-01,2026-10-32,holiday,国庆节', { code: 'bad-date', line: 2, field: 'to' }],
    ['a holiday without a name', 'date,kind\n2026-10-01,holiday', { code: 'missing-field', line: 2, field: 'name_zh' }],
    ['nothing in it', 'date,kind\n', { code: 'empty' }],
  ])('%s is an error naming the line and field', (_name, text, error) => {
    expect(importNationalCalendar(text, 'csv').errors[0]).toMatchObject(error);
  });

  it('takes a year\'s source from the first line that gives one', () => {
    const imported = importNationalCalendar('date,kind,name_zh,source\n2026-10-01,holiday,国庆节,\n2026-10-02,holiday,国庆节,国办发明电〔2025〕7号', 'csv', 'f.csv');
    expect(imported.sources).toEqual({ 2026: '国办发明电〔2025〕7号' });
  });

  it('splits quoted cells', () => expect(splitCsvLine('a,"b, c","d ""e"""')).toEqual(['a', 'b, c', 'd "e"']));
  it('tells the format by the file name', () => expect([formatOfFile('x.CSV'), formatOfFile('x.json'), formatOfFile('x')]).toEqual(['csv', 'json', 'json']));
});

describe('the plan', () => {
  it('names days that change kind or name', () => {
    const imported = importNationalCalendar('date,kind,name_zh\n2026-10-08,holiday,国庆节\n2026-10-10,holiday,国庆节', 'csv');
    const plan = planImport(cal(), imported);
    expect(plan.added.map((d) => d.date)).toEqual(['2026-10-08']);
    expect(plan.changed.map((c) => `${c.day.date} ${c.before.kind}→${c.day.kind}`)).toEqual(['2026-10-10 working→holiday']);
  });
});
