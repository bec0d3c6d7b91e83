import { describe, expect, it } from 'vitest';
import { compile, DEFAULT_SATISFACTION_SCALE, satisfactionLevel, satisfactionScaleOf, type CountyConfig } from '../../engine/index';
import { compiledCatalog } from '../helpers/catalogs';

const loadCatalog = async (): Promise<CountyConfig> => structuredClone((await compiledCatalog('zhejiang-four-platforms')).config) as CountyConfig;

describe('satisfaction scale', () => {
  it('the baseline declares 满意 / 基本满意 / 不满意, the first two counting as satisfied', async () => {
    const config = await loadCatalog();
    expect(satisfactionScaleOf(config).map((l) => `${l.name.zh}:${l.satisfied}`)).toEqual(['满意:true', '基本满意:true', '不满意:false']);
    expect(satisfactionLevel(config, 'unsatisfied')?.satisfied).toBe(false);
    expect(satisfactionLevel(config, '满意')).toBeUndefined();
  });

  it('a config without a scale has the baseline three', () => {
    expect(satisfactionScaleOf({ assessment: { indicators: [], sources: [] } } as never)).toBe(DEFAULT_SATISFACTION_SCALE);
  });

  it('refuses a scale with a rating twice, or with no rating on one side', async () => {
    const config = await loadCatalog();
    const twice = structuredClone(config);
    twice.assessment.satisfactionScale = [
      { value: 'good', name: { zh: '好', en: 'Good' }, satisfied: true },
      { value: 'good', name: { zh: '好', en: 'Good' }, satisfied: false },
    ];
    const a = compile(twice);
    expect(a.ok).toBe(false);
    if (!a.ok) expect(a.issues.map((i) => `${i.code} ${i.pointer}`)).toContain('duplicate-id /assessment/satisfactionScale/1/value');
    const oneSided = structuredClone(config);
    oneSided.assessment.satisfactionScale = [
      { value: 'good', name: { zh: '好', en: 'Good' }, satisfied: true },
      { value: 'fine', name: { zh: '还行', en: 'Fine' }, satisfied: true },
    ];
    const b = compile(oneSided);
    expect(b.ok).toBe(false);
    if (!b.ok) expect(b.issues.find((i) => i.code === 'satisfaction-scale-one-sided')?.messageZh).toContain('至少');
  });
});
