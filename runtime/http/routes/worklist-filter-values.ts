/**
 * The values a worklist filter may take, from the county's active config: its workflow states,
 * its minor categories, its units. A value outside them is refused with 400 naming the field
 * and what it allows, rather than answered with an empty list (a typo would look like "no
 * events").
 */
import type { CompiledConfig } from '../../../engine/index';
import { BadRequestError } from '../errors';

/** Allowed lists longer than this (a county's thousands of grids) are described, not listed. */
const MAX_LISTED = 200;

export type FilterField = 'state' | 'category' | 'unit';

/** The values `field` allows under `compiled`. */
export function allowedValues(compiled: CompiledConfig, field: FilterField): string[] {
  switch (field) {
    case 'state':
      return [...compiled.workflow.states.keys()];
    case 'category':
      return [...compiled.categories.keys()];
    case 'unit':
      return [...compiled.units.byId.keys()];
    default: {
      const never: never = field;
      throw new Error(`unknown filter field ${String(never)}`);
    }
  }
}

/**
 * Throws 400 `bad-query` when one of `values` is not allowed for `field`; the body names the
 * field, the values refused and (up to {@link MAX_LISTED}) the allowed ones.
 */
export function checkFilterValues(compiled: CompiledConfig | undefined, field: FilterField, values: readonly string[]): void {
  // no active config: no event of the county can match anything, and there is nothing to check against
  if (!compiled) return;
  const allowed = allowedValues(compiled, field);
  const known = new Set(allowed);
  const refused = values.filter((v) => !known.has(v));
  if (refused.length === 0) return;
  const shown = refused.slice(0, 5).map((v) => `"${v.slice(0, 60)}"`).join(', ');
  const listed = allowed.length <= MAX_LISTED;
  throw new BadRequestError('bad-query', `"${field}" allows ${listed ? allowed.join(', ') : `the ${field} ids of the county's config`} (or a comma list); not ${shown}`, {
    field,
    details: { allowed: listed ? allowed : null, refused: refused.slice(0, 20).map((v) => v.slice(0, 60)) },
  });
}

/** Throws 400 `bad-query` naming `field` and its allowed values when `value` is not one of them. */
export function checkEnumValue<T extends string>(field: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new BadRequestError('bad-query', `"${field}" must be one of ${allowed.join(', ')}`, { field, details: { allowed: [...allowed], refused: [value.slice(0, 60)] } });
}
