import { describe, expect, it } from 'vitest';
import { DEFAULT_PRIVACY, maskName, maskPhone, maskReporterData, privacyOf } from '../../engine/config/privacy';

describe('reporter privacy', () => {
  it.each([
    { name: 'a two-character name', input: '张三', expected: '张**' },
    { name: 'a three-character name (its length not told)', input: '张三丰', expected: '张**' },
    { name: 'a compound surname', input: '欧阳修', expected: '欧**' },
    { name: 'a Latin name', input: 'Li Wei', expected: 'L**' },
    { name: 'a character outside the BMP kept whole', input: '𠮷野家', expected: '𠮷**' },
    { name: 'blank', input: '  ', expected: '' },
  ])('maskName: $name', ({ input, expected }) => {
    expect(maskName(input)).toBe(expected);
  });

  it.each([
    { name: 'a mobile number', input: '13957100137', expected: '139****0137' },
    { name: 'with a country code', input: '+8613957100137', expected: '+86****0137' },
    { name: 'a landline', input: '5712345', expected: '*****45' },
    { name: 'very short', input: '110', expected: '***' },
  ])('maskPhone: $name', ({ input, expected }) => {
    expect(maskPhone(input)).toBe(expected);
  });

  it('maskReporterData masks only the reporter fields, in a copy; a non-string becomes null', () => {
    const data = { reporterName: '张三', reporterPhone: '13957100137', description: '13957100137 在现场' };
    expect(maskReporterData(data)).toEqual({ reporterName: '张**', reporterPhone: '139****0137', description: '13957100137 在现场' });
    expect(data.reporterName).toBe('张三');
    expect(maskReporterData({ reporterName: 42 })).toEqual({ reporterName: null });
    expect(maskReporterData({ description: 'x' })).toEqual({ description: 'x' });
  });

  it('privacyOf: the baseline without a setting, each list on its own, an empty list meaning nobody', () => {
    const county = { id: 'c', name: { zh: '县', en: 'C' }, calendar: 'cal', serviceYears: [2026] };
    expect(privacyOf({ county })).toEqual(DEFAULT_PRIVACY);
    expect(privacyOf({ county: { ...county, privacy: { showReporter: ['county_admin'] } } })).toEqual({ showReporter: ['county_admin'], revealReporter: ['handler'] });
    expect(privacyOf({ county: { ...county, privacy: { revealReporter: [] } } })).toEqual({ showReporter: ['county_admin', 'dispatcher'], revealReporter: [] });
  });
});
