/**
 * rjsf's validator for draft 2020-12 schemas. It drives rjsf's schema utilities (defaults,
 * conditionals) in the page; what counts as a valid report is decided by the engine's
 * `validateReport`, the same function the runtime's intake calls.
 */
import { customizeValidator } from '@rjsf/validator-ajv8';
import { Ajv2020 } from 'ajv/dist/2020.js';

export const rjsfValidator = customizeValidator({ AjvClass: Ajv2020 as never });
