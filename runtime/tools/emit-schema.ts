/** Writes the config JSON Schema file (`npm run schema`); a test checks the committed file is current. */
import { writeFileSync } from 'node:fs';
import { countyConfigJsonSchema } from '../../engine/schema/config-schema';

const target = new URL('../../engine/schema/county-config.schema.json', import.meta.url);
writeFileSync(target, JSON.stringify(countyConfigJsonSchema, null, 2) + '\n');
console.log(`wrote ${target.pathname}`);
