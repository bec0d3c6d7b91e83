import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countyConfigJsonSchema } from '../../engine/index';
import { createAjv } from '../../engine/forms/ajv-factory';
import { miniCounty } from '../fixtures/mini-county';

describe('the config JSON Schema file', () => {
  it('is current with the TypeBox source (run `npm run schema` after changing it)', () => {
    const file = JSON.parse(readFileSync(new URL('../../engine/schema/county-config.schema.json', import.meta.url), 'utf8'));
    expect(file).toEqual(countyConfigJsonSchema);
  });

  it('is a valid draft 2020-12 schema that accepts a config and rejects a typo, also inside conditions', () => {
    const validate = createAjv().compile(countyConfigJsonSchema);
    expect(validate(miniCounty())).toBe(true);
    const typo = miniCounty() as unknown as { rules: Array<{ conditions: { all: Array<Record<string, unknown>> } }> };
    typo.rules[0].conditions.all[0].opertor = 'equal';
    expect(validate(typo)).toBe(false);
  });
});
