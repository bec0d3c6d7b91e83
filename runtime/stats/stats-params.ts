/**
 * The dashboards' query parameters, each refused with 400 naming its field: given once, numbers
 * in their range, ISO date-times, true/false, the breakdown's dimension, the file format, and the
 * map's filters (the worklist's syntax: comma lists checked against the active config).
 */
import { DEFAULT_LEVELS, type CompiledConfig } from '../../engine/index';
import { BadRequestError } from '../http/errors';
import { checkEnumValue, checkFilterValues } from '../http/routes/worklist-filter-values';

type Query = Record<string, unknown>;

/** A query value given once, or undefined when absent or empty. */
export function single(query: Query, name: string): string | undefined {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new BadRequestError('bad-query', `"${name}" must be given once`, { field: name });
  return value;
}

export function intParam(query: Query, name: string, opts: { min: number; max: number; fallback: number }): number {
  const text = single(query, name);
  if (text === undefined) return opts.fallback;
  if (!/^\d{1,6}$/.test(text) || Number(text) < opts.min || Number(text) > opts.max) throw new BadRequestError('bad-query', `"${name}" must be an integer from ${opts.min} to ${opts.max}`, { field: name });
  return Number(text);
}

export function timeParam(query: Query, name: string): number | undefined {
  const text = single(query, name);
  if (text === undefined) return undefined;
  // a date-time (a date alone would be midnight UTC, not the county's)
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : NaN;
  if (!Number.isFinite(ms)) throw new BadRequestError('bad-query', `"${name}" must be an ISO 8601 date-time, e.g. 2026-11-01T00:00:00+08:00`, { field: name });
  return ms;
}

export function boolParam(query: Query, name: string): boolean | undefined {
  const text = single(query, name);
  if (text === undefined) return undefined;
  if (text !== 'true' && text !== 'false') throw new BadRequestError('bad-query', `"${name}" must be true or false`, { field: name });
  return text === 'true';
}

export function enumParam<T extends string>(query: Query, name: string, allowed: readonly T[], fallback?: T): T {
  const text = single(query, name);
  if (text === undefined) {
    if (fallback !== undefined) return fallback;
    throw new BadRequestError('bad-query', `"${name}" is required: one of ${allowed.join(', ')}`, { field: name, details: { allowed: [...allowed] } });
  }
  return checkEnumValue(name, text, allowed);
}

/** `?format=`: json (default), csv or xlsx; another value is 400 naming `format`. */
export function formatParam(query: Query): 'json' | 'csv' | 'xlsx' {
  const text = single(query, 'format') ?? 'json';
  if (text !== 'json' && text !== 'csv' && text !== 'xlsx') throw new BadRequestError('bad-format', '"format" must be json, csv or xlsx', { field: 'format' });
  return text;
}

/** A comma list of values `field` allows under the active config. */
export function listParam(query: Query, name: 'state' | 'category' | 'unit', compiled: CompiledConfig | undefined, max = 50): string[] | undefined {
  const text = single(query, name);
  if (text === undefined) return undefined;
  const values = [...new Set(text.split(',').slice(0, max))];
  checkFilterValues(compiled, name, values);
  return values;
}

/** A comma list of the county's levels. */
export function levelParam(query: Query, compiled: CompiledConfig | undefined): number[] | undefined {
  const text = single(query, 'level');
  if (text === undefined) return undefined;
  const declared = (compiled?.levels ?? DEFAULT_LEVELS).map((l) => l.level);
  const levels = text.split(',').slice(0, 20).map((l) => (/^\d{1,2}$/.test(l.trim()) ? Number(l) : NaN));
  if (levels.some((l) => !declared.includes(l))) throw new BadRequestError('bad-query', `"level" must be one of the county's levels, ${declared.join(', ')} (or a comma list)`, { field: 'level', details: { allowed: declared.map(String) } });
  return [...new Set(levels)];
}
