import { describe, expect, it } from 'vitest';
import { compiledCatalog } from '../helpers/catalogs';
import { EVENTS_PER_FORM, runDifferential } from '../helpers/differential';

// The catalog's minor categories are split over two files so the two halves run in parallel.
describe('differential: compiled decide ≡ json-rules-engine (first half of the baseline forms)', () => {
  it(`${EVENTS_PER_FORM} generated events per form give identical decisions`, async () => {
    const compiled = await compiledCatalog('zhejiang-four-platforms');
    const codes = [...compiled.categories.keys()];
    const half = codes.slice(0, Math.ceil(codes.length / 2));
    const { events, firedRules } = await runDifferential(compiled, half, 7);
    expect(events).toBe(half.length * EVENTS_PER_FORM);
    expect(firedRules.size).toBeGreaterThan(10);
  }, 600_000);
});
