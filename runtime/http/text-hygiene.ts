/**
 * Text that cannot be stored as it was sent is refused at the edge, before anything is written:
 * a NUL character (PostgreSQL's text and jsonb refuse it, SQLite's SQL text ends at it) and a
 * lone UTF-16 surrogate (`\ud800` without its pair: not a character at all; PostgreSQL's jsonb
 * refuses it, and UTF-8 would store U+FFFD in its place — a silent change). Everything else is
 * stored byte for byte. The check runs on JSON bodies (keys and values), query parameters and
 * Open311's form parameters; the caller turns a problem into a 400 naming the field.
 */

/** What is wrong with `text`, or null when it can be stored as it is. */
export function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'contains a NUL character (U+0000), which cannot be stored';
  if (!isWellFormed(text)) return 'contains a lone UTF-16 surrogate (half of a character, e.g. \\ud800 without its pair), which is not text';
  return null;
}

declare global {
  interface String {
    /** ES2024: true when the string has no lone surrogates (Node 20 has it). */
    isWellFormed(): boolean;
  }
}

const isWellFormed = (text: string): boolean => text.isWellFormed();

/** A problem found in a value: the JSON Pointer (or parameter name) and what is wrong. */
export interface TextProblem {
  field: string;
  problem: string;
}

/**
 * The first string (value or key) of a flat parameter object that cannot be stored: a query or
 * an urlencoded body, whose values are strings or lists of strings.
 */
export function parameterTextProblem(params: Record<string, unknown>): TextProblem | null {
  for (const [name, value] of Object.entries(params)) {
    const nameProblem = textProblem(name);
    if (nameProblem) return { field: JSON.stringify(name).slice(1, -1), problem: `the parameter name ${nameProblem}` };
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item !== 'string') continue;
      const problem = textProblem(item);
      if (problem) return { field: name, problem };
    }
  }
  return null;
}
