/**
 * The one ajv setup of pingtai: draft 2020-12, all errors, formats, and a linear-time regex
 * engine (re2js) for `pattern` and `patternProperties`, so a form author's pattern such as
 * `^(a+)+$` cannot hang the process on a crafted input.
 */
import { renderMessage, type MessageKey, type MessageParams } from '../config/messages';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { RE2JS } from 're2js';

/** Upper bound on pattern length accepted in a form. */
export const MAX_PATTERN_LENGTH = 500;

interface RegExpLike {
  test(input: string): boolean;
  toString(): string;
}

/** ajv's `code.regExp` engine backed by RE2: linear time in the input, no backtracking. */
export function re2RegExp(pattern: string, _flags: string): RegExpLike {
  const compiled = RE2JS.compile(pattern);
  // ajv keys compiled patterns by toString(): it must be unique per pattern
  return { test: (input: string) => compiled.matcher(input).find(), toString: () => `/${pattern}/${_flags}` };
}
re2RegExp.code = 're2RegExp';

/** Whether a pattern is acceptable for a form: bounded and valid RE2 syntax. Returns a message or null. */
export function checkPattern(pattern: string): string | null {
  const found = patternProblem(pattern);
  return found && renderMessage(found.key, found.params, 'en');
}

/** Why a pattern is not acceptable for a form (a message key and its parameters), or null. */
export function patternProblem(pattern: string): { key: MessageKey; params: MessageParams } | null {
  if (pattern.length > MAX_PATTERN_LENGTH) return { key: 'bad-pattern.length', params: { length: pattern.length, max: MAX_PATTERN_LENGTH } };
  try {
    RE2JS.compile(pattern);
    return null;
  } catch (error) {
    return { key: 'bad-pattern.syntax', params: { detail: (error as Error).message } };
  }
}

const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (
  ajv: Ajv2020,
) => Ajv2020;

export function createAjv(options: Options = {}): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
    code: { regExp: re2RegExp as never },
    ...options,
  });
  addFormats(ajv);
  return ajv;
}
