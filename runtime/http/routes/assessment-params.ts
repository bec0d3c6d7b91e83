/**
 * The assessment routes' inputs, each refused with 400 naming its field: the period, a revision,
 * the file format, filters and paging, and the ratings a county administrator enters.
 */
import { parsePeriod, PERIOD_FORMAT, SYSTEM_SOURCE, UNIT_KINDS, type AssessmentPeriod, type CompiledConfig, type UnitKind } from '../../../engine/index';
import type { RatingChange } from '../../assessment/external-ratings';
import type { SheetFormat } from '../../imports/spreadsheet';
import { BadRequestError } from '../errors';

type Query = Record<string, unknown>;

/** A query value given once, or undefined. */
function single(query: Query, name: string): string | undefined {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new BadRequestError('bad-query', `"${name}" must be given once`, { field: name });
  return value;
}

export function periodParam(text: unknown, timeZone: string): AssessmentPeriod {
  const period = typeof text === 'string' ? parsePeriod(text, timeZone) : null;
  if (!period) throw new BadRequestError('bad-period', `"period" must be ${PERIOD_FORMAT} (years 2000–2100)`, { field: 'period' });
  return period;
}

/** `?period=` of GET /assessment (required). */
export function periodQuery(query: Query, timeZone: string): AssessmentPeriod {
  const text = single(query, 'period');
  if (text === undefined) throw new BadRequestError('bad-period', `"period" is required: ${PERIOD_FORMAT}`, { field: 'period' });
  return periodParam(text, timeZone);
}

export function revisionQuery(query: Query): number | undefined {
  const text = single(query, 'revision');
  if (text === undefined) return undefined;
  if (!/^[1-9]\d{0,5}$/.test(text)) throw new BadRequestError('bad-query', '"revision" must be a revision number (1, 2, …)', { field: 'revision' });
  return Number(text);
}

/** `?format=`: json (default), csv or xlsx. */
export function formatQuery(query: Query): SheetFormat | 'json' {
  const text = single(query, 'format') ?? 'json';
  if (text !== 'json' && text !== 'csv' && text !== 'xlsx') throw new BadRequestError('bad-format', '"format" must be json, csv or xlsx', { field: 'format' });
  return text;
}

export function kindQuery(query: Query): UnitKind | undefined {
  const text = single(query, 'kind');
  if (text === undefined) return undefined;
  if (!(UNIT_KINDS as readonly string[]).includes(text)) throw new BadRequestError('bad-query', `"kind" must be a kind of unit (${UNIT_KINDS.join(', ')})`, { field: 'kind' });
  return text as UnitKind;
}

export function countedQuery(query: Query): boolean | undefined {
  const text = single(query, 'counted');
  if (text === undefined) return undefined;
  if (text !== 'true' && text !== 'false') throw new BadRequestError('bad-query', '"counted" must be true or false', { field: 'counted' });
  return text === 'true';
}

export function pageQuery(query: Query): { limit: number; offset: number } {
  const int = (name: string, fallback: number, min: number, max: number) => {
    const text = single(query, name);
    if (text === undefined) return fallback;
    if (!/^\d{1,9}$/.test(text) || Number(text) < min || Number(text) > max) throw new BadRequestError('bad-query', `"${name}" must be an integer from ${min} to ${max}`, { field: name });
    return Number(text);
  };
  return { limit: int('limit', 200, 1, 1000), offset: int('offset', 0, 0, 1e9) };
}

const RATING_KEYS = ['unit', 'source', 'score', 'comment'];
export const MAX_RATINGS = 2000;

/**
 * The body of PUT …/ratings: `{ ratings: [{ unit, source, score, comment? }] }`, each a unit of
 * the active config, a rating source that applies to its kind, and a score from 0 to 100 (null
 * takes a rating back).
 */
export function ratingChanges(body: Record<string, unknown>, compiled: CompiledConfig): RatingChange[] {
  for (const key of Object.keys(body)) if (key !== 'ratings') throw new BadRequestError('bad-body', `"${key}" is not a field here (ratings)`, { field: key });
  const list = body.ratings;
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_RATINGS) throw new BadRequestError('bad-rating', `"ratings" must be a list of 1 to ${MAX_RATINGS} ratings`, { field: 'ratings' });
  const seen = new Set<string>();
  return list.map((item, i) => {
    const at = `ratings[${i}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new BadRequestError('bad-rating', `${at} must be an object { unit, source, score }`, { field: at });
    const r = item as Record<string, unknown>;
    for (const key of Object.keys(r)) if (!RATING_KEYS.includes(key)) throw new BadRequestError('bad-rating', `"${key}" is not a field of a rating (${RATING_KEYS.join(', ')})`, { field: `${at}.${key}` });
    const unit = typeof r.unit === 'string' ? compiled.unit(r.unit) : undefined;
    if (!unit) throw new BadRequestError('bad-rating', `${at}.unit must be a unit of the county's active config`, { field: `${at}.unit` });
    const source = compiled.config.assessment.sources.find((s) => s.id === r.source && s.id !== SYSTEM_SOURCE);
    if (!source) {
      const ids = compiled.config.assessment.sources.filter((s) => s.id !== SYSTEM_SOURCE).map((s) => s.id).join(', ');
      throw new BadRequestError('bad-rating', `${at}.source must be one of the rating sources (${ids})`, { field: `${at}.source` });
    }
    if (!source.appliesTo.includes(unit.kind)) throw new BadRequestError('bad-rating', `source "${source.id}" does not rate a ${unit.kind} (it rates ${source.appliesTo.join(', ')})`, { field: `${at}.source` });
    if (r.score !== null && (typeof r.score !== 'number' || !Number.isFinite(r.score) || r.score < 0 || r.score > 100)) throw new BadRequestError('bad-rating', `${at}.score must be a number from 0 to 100, or null to take the rating back`, { field: `${at}.score` });
    if (r.comment !== undefined && (typeof r.comment !== 'string' || r.comment.length > 500)) throw new BadRequestError('bad-rating', `${at}.comment must be a text of at most 500 characters`, { field: `${at}.comment` });
    const key = `${unit.id}\u0000${source.id}`;
    if (seen.has(key)) throw new BadRequestError('bad-rating', `${at} rates ${unit.id} by ${source.id} a second time`, { field: at });
    seen.add(key);
    return { unit: unit.id, source: source.id, score: r.score as number | null, ...(typeof r.comment === 'string' && r.comment !== '' ? { comment: r.comment } : {}) };
  });
}

/** The body of POST …/revisions: `{ note? }`. */
export function revisionNote(body: unknown): string | undefined {
  if (body === undefined) return undefined;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new BadRequestError('bad-body', 'the request body must be a JSON object', { field: 'body' });
  const record = body as Record<string, unknown>;
  for (const key of Object.keys(record)) if (key !== 'note') throw new BadRequestError('bad-body', `"${key}" is not a field here (note)`, { field: key });
  if (record.note === undefined) return undefined;
  if (typeof record.note !== 'string' || record.note.length > 500) throw new BadRequestError('bad-body', '"note" must be a text of at most 500 characters', { field: 'note' });
  return record.note;
}
