/**
 * What facts and form fields may be called. A fact is read from a facts object by its name, so a
 * name must never reach what objects inherit.
 */

/** What a fact (and a form field) may be called: the config schema's pattern. */
export const FACT_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/**
 * A name every plain object inherits (`constructor`, `toString`, `__proto__`, …) or `prototype`:
 * read from a facts object it would give the inherited member, where json-rules-engine (whose
 * facts live in a Map) gives undefined. Never a fact or a field.
 */
export function isInheritedName(name: string): boolean {
  return name in Object.prototype || name === 'prototype';
}

/** Why `name` cannot name a fact or a form field, or null when it can. */
export function factNameProblem(name: string): string | null {
  if (!FACT_NAME_PATTERN.test(name)) return `"${name}" is not a valid name: a letter, then up to 63 letters, digits or _`;
  if (isInheritedName(name)) return `"${name}" is a name every object inherits (${name === 'prototype' ? 'of functions' : 'Object.prototype'}); choose another name`;
  return null;
}

/** True when `object` has `key` as its own property (never an inherited one). */
export function hasOwnKey(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}
