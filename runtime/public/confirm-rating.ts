/**
 * A rating given with a confirmation by staff on the reporter's behalf (a grid worker confirming
 * closure with the reporter, say): `input.satisfaction` of the `confirm` action, one of the
 * county's satisfaction scale, stored like the reporter's own for the assessment.
 */
import { satisfactionLevel, satisfactionScaleOf, type CompiledConfig, type SatisfactionLevel } from '../../engine/index';
import { BadRequestError } from '../http/errors';

/** The scale's level of `value` (undefined when no rating was given); 400 naming `input.satisfaction` otherwise. */
export function ratingOfInput(compiled: CompiledConfig, action: string, value: unknown): SatisfactionLevel | undefined {
  if (value === undefined) return undefined;
  if (action !== 'confirm') throw new BadRequestError('bad-input', '"input.satisfaction" goes with the confirm action only', { field: 'input.satisfaction' });
  const level = typeof value === 'string' ? satisfactionLevel(compiled.config, value) : undefined;
  if (!level) {
    const values = satisfactionScaleOf(compiled.config).map((l) => l.value).join(', ');
    throw new BadRequestError('bad-input', `"input.satisfaction" must be one of the county's ratings (${values})`, { field: 'input.satisfaction' });
  }
  return level;
}

/** Who gave a rating, as the assessment counts it. */
export const ratingSource = (role: string): 'reporter' | 'grid_worker' | 'staff' => (role === 'reporter' ? 'reporter' : role === 'grid_worker' ? 'grid_worker' : 'staff');
