/**
 * Keys and option values that follow the English label until someone names them: a new field's
 * key ("yesno1") becomes "nearHomes" as "Near homes?" is typed, and a new option's value
 * ("option3") becomes "straw" with "Straw" — as Form.io derives a component's key from its label.
 * Once the key or value is edited by hand (it is neither generated nor the last label's), it stays.
 */
import { PALETTE_KINDS } from './field-types';

/** camelCase of the label's ASCII letters and digits: "Near homes?" → "nearHomes"; '' when none. */
export function keyFromLabel(label: string): string {
  const words = label.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, ' ').trim().split(' ').filter(Boolean);
  const key = words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('');
  return /^[A-Za-z]/.test(key) ? key : '';
}

const GENERATED_FIELD_KEY = new RegExp(`^(?:${[...PALETTE_KINDS, 'time'].join('|')})\\d+$`);
const GENERATED_OPTION_VALUE = /^option\d+$/;

/** Whether a field's key still follows its English title (`previousTitle` is the title before this edit). */
export const fieldKeyFollows = (key: string, previousTitle: string): boolean => GENERATED_FIELD_KEY.test(key) || (key !== '' && key === keyFromLabel(previousTitle));

/** Whether an option's value still follows its English label. */
export const optionValueFollows = (value: string, previousLabel: string): boolean => value === '' || GENERATED_OPTION_VALUE.test(value) || value === keyFromLabel(previousLabel);
