/**
 * The dashboard's drill-down addresses: the calendar spans its figures count in, in the county's
 * zone whatever the machine's, and the worklist address a number opens.
 */
import { describe, expect, it } from 'vitest';
import { queryString } from '../../studio/src/api/command-client';
import { daySpan, periodSpans, worklistHref } from '../../studio/src/ops/drill-links';

const ZONE = 'Asia/Shanghai';

describe('periodSpans', () => {
  it('gives today, the week from Monday and the month, in the county zone', () => {
    // Sunday 6 December 2026, 01:30 in Shanghai (still Saturday in UTC)
    const spans = periodSpans(Date.parse('2026-12-06T01:30:00+08:00'), ZONE);
    expect(spans.today).toEqual({ from: '2026-12-06T00:00:00+08:00', to: '2026-12-07T00:00:00+08:00' });
    expect(spans.week).toEqual({ from: '2026-11-30T00:00:00+08:00', to: '2026-12-07T00:00:00+08:00' });
    expect(spans.month).toEqual({ from: '2026-12-01T00:00:00+08:00', to: '2027-01-01T00:00:00+08:00' });
  });

  it('crosses a month and a year boundary', () => {
    const spans = periodSpans(Date.parse('2027-01-01T08:00:00+08:00'), ZONE);
    expect(spans.week).toEqual({ from: '2026-12-28T00:00:00+08:00', to: '2027-01-04T00:00:00+08:00' });
    expect(spans.month).toEqual({ from: '2027-01-01T00:00:00+08:00', to: '2027-02-01T00:00:00+08:00' });
  });

  it('follows another zone', () => {
    expect(periodSpans(Date.parse('2026-12-06T01:30:00+08:00'), 'UTC').today).toEqual({ from: '2026-12-05T00:00:00+00:00', to: '2026-12-06T00:00:00+00:00' });
  });
});

describe('drill-down addresses', () => {
  it('a day of the trend is one local day', () => {
    expect(daySpan('2026-02-28', ZONE)).toEqual({ from: '2026-02-28T00:00:00+08:00', to: '2026-03-01T00:00:00+08:00' });
  });

  it('a worklist address keeps the values given and leaves out the empty ones', () => {
    expect(worklistHref({ township: 'qs-fx', red: 'true', unit: '', closed: undefined })).toBe('/worklist?township=qs-fx&red=true');
    expect(worklistHref({})).toBe('/worklist');
    expect(queryString({ from: '2026-12-01T00:00:00+08:00' })).toBe('?from=2026-12-01T00%3A00%3A00%2B08%3A00');
  });
});
