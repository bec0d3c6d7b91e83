import { describe, expect, it } from 'vitest';
import { fieldKeyFollows, keyFromLabel, optionValueFollows } from '../../studio/src/config/form-builder/key-from-label';

describe('keys from English labels', () => {
  it('camel-cases the letters and digits of a label', () => {
    expect(keyFromLabel('Near homes?')).toBe('nearHomes');
    expect(keyFromLabel('Material burned')).toBe('materialBurned');
    expect(keyFromLabel('Straw')).toBe('straw');
    expect(keyFromLabel('  CO2 level (ppm) ')).toBe('cO2LevelPpm');
    expect(keyFromLabel('Café owner')).toBe('cafeOwner');
  });

  it('gives nothing for a label without a leading ASCII letter', () => {
    expect(keyFromLabel('')).toBe('');
    expect(keyFromLabel('是否靠近民房')).toBe('');
    expect(keyFromLabel('3 floors')).toBe('');
  });

  it('a generated key or the previous label’s key follows; a key named by hand does not', () => {
    expect(fieldKeyFollows('yesno1', '')).toBe(true);
    expect(fieldKeyFollows('time2', 'x')).toBe(true);
    expect(fieldKeyFollows('nearHome', 'Near home')).toBe(true);
    expect(fieldKeyFollows('material', 'Material burned')).toBe(false);
    expect(fieldKeyFollows('floor2', '')).toBe(false);
  });

  it('an empty, generated or label-derived option value follows; a typed one does not', () => {
    expect(optionValueFollows('', '')).toBe(true);
    expect(optionValueFollows('option3', '')).toBe(true);
    expect(optionValueFollows('stra', 'Stra')).toBe(true);
    expect(optionValueFollows('straw', '')).toBe(false);
  });
});
