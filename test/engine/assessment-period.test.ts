import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../engine/index';

const at = (iso: string) => Date.parse(iso);

describe('parsePeriod', () => {
  it.each([
    { text: '2026-11', kind: 'month', from: '2026-11-01T00:00:00+08:00', to: '2026-12-01T00:00:00+08:00' },
    { text: '2026-12', kind: 'month', from: '2026-12-01T00:00:00+08:00', to: '2027-01-01T00:00:00+08:00' },
    { text: '2026-02', kind: 'month', from: '2026-02-01T00:00:00+08:00', to: '2026-03-01T00:00:00+08:00' },
    { text: '2026-Q1', kind: 'quarter', from: '2026-01-01T00:00:00+08:00', to: '2026-04-01T00:00:00+08:00' },
    { text: '2026-Q4', kind: 'quarter', from: '2026-10-01T00:00:00+08:00', to: '2027-01-01T00:00:00+08:00' },
    { text: '2026', kind: 'year', from: '2026-01-01T00:00:00+08:00', to: '2027-01-01T00:00:00+08:00' },
  ])('$text is a $kind from local midnight to local midnight', ({ text, kind, from, to }) => {
    expect(parsePeriod(text, 'Asia/Shanghai')).toEqual({ id: text, kind, year: 2026, from: at(from), to: at(to) });
  });

  it('takes the county time zone', () => {
    expect(parsePeriod('2026-07', 'Europe/Berlin')).toMatchObject({ from: at('2026-07-01T00:00:00+02:00'), to: at('2026-08-01T00:00:00+02:00') });
  });

  it.each(['2026-13', '2026-00', '2026-Q5', '2026-Q0', '26-11', '2026-1', '2026-11-01', '2026Q4', ' 2026', '1999', '2101-01', '', 'now'])('%j is no period', (text) => {
    expect(parsePeriod(text, 'Asia/Shanghai')).toBeNull();
  });
});
