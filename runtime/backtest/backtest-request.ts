/**
 * What a backtest is asked for, checked: the config (a draft, a published version, or a document
 * from a file), and the period (dates in the county's time zone, `from` to `to` inclusive, or
 * ISO 8601 times with an offset, `to` exclusive). Every problem is a 4xx naming the field.
 */
import { compile, wallToEpoch, type Issue } from '../../engine/index';
import type { Database } from '../db/open-database';
import { BadRequestError, NotFoundError, UnprocessableError } from '../http/errors';
import type { BacktestRun } from './backtest-store';

/** The longest period one run may cover. */
export const MAX_PERIOD_DAYS = 400;
const DAY = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export interface PreparedBacktest {
  source: BacktestRun['source'];
  document: unknown;
  from: number;
  to: number;
  timeZone: string;
}

/** A date (start of that day, or of the next for an inclusive end) or a date-time. */
function instant(value: unknown, field: string, timeZone: string, end: boolean): number {
  if (typeof value !== 'string') throw new BadRequestError('bad-date', `"${field}" must be a date (YYYY-MM-DD) or a date-time with an offset`, { field });
  const date = DATE.exec(value);
  if (date) {
    const wall = Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]));
    const check = new Date(wall);
    if (check.getUTCFullYear() !== Number(date[1]) || check.getUTCMonth() !== Number(date[2]) - 1 || check.getUTCDate() !== Number(date[3])) {
      throw new BadRequestError('bad-date', `"${field}": ${value} is not a date`, { field });
    }
    return wallToEpoch(end ? wall + DAY : wall, timeZone);
  }
  const ms = DATE_TIME.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw new BadRequestError('bad-date', `"${field}" must be a date (YYYY-MM-DD) or a date-time with an offset, not "${value}"`, { field });
  return ms;
}

export function parsePeriod(from: unknown, to: unknown, timeZone: string): { from: number; to: number } {
  const start = instant(from, 'from', timeZone, false);
  const end = instant(to, 'to', timeZone, true);
  if (start >= end) throw new BadRequestError('bad-period', '"from" must come before "to"', { field: 'to' });
  if (end - start > MAX_PERIOD_DAYS * DAY) throw new BadRequestError('period-too-long', `the period may cover at most ${MAX_PERIOD_DAYS} days; split it into several runs`, { field: 'to' });
  return { from: start, to: end };
}

function versionNumber(value: unknown, field: string): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^[1-9][0-9]{0,8}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 1) throw new BadRequestError('bad-version', `"${field}" must be a config version number`, { field });
  return n;
}

function compiles(document: unknown, field: string, what: string): void {
  const result = compile(document);
  if (!result.ok) {
    throw new UnprocessableError('config-does-not-compile', `${what} does not compile; fix it before a backtest`, { field, issues: result.issues.slice(0, 50) as Issue[] });
  }
}

/**
 * Checks a request: exactly one of `draft` (a draft's number), `version` (a published version) or
 * `document` (a config given whole, from the CLI's --file), and the period.
 */
export async function prepareBacktest(db: Database, countyId: string, body: { draft?: unknown; version?: unknown; document?: unknown; label?: string; from?: unknown; to?: unknown }): Promise<PreparedBacktest> {
  const given = (['draft', 'version', 'document'] as const).filter((k) => body[k] !== undefined && body[k] !== null);
  if (given.length !== 1) throw new BadRequestError('bad-config-source', 'give exactly one of "draft" (a draft\'s number) or "version" (a published version)', { field: given[1] ?? 'version' });
  let source: BacktestRun['source'];
  let document: unknown;
  if (given[0] === 'document') {
    document = body.document;
    source = { kind: 'file', version: null, label: body.label ?? 'file' };
    compiles(document, 'document', 'the config');
  } else {
    const kind = given[0];
    const version = versionNumber(body[kind], kind);
    const row = await db.models.ConfigVersion.findOne({ where: { countyId, version } });
    const status = kind === 'draft' ? 'draft' : 'published';
    if (!row || row.status !== status) throw new NotFoundError(`${kind === 'draft' ? 'draft' : 'published config version'} ${version} not found`, { field: kind });
    document = row.document;
    source = { kind, version, label: `${kind} ${version}` };
    compiles(document, kind, `${kind} ${version}`);
  }
  const compiled = compile(document);
  const timeZone = compiled.ok ? compiled.value.timeZone : 'Asia/Shanghai';
  if (body.from === undefined) throw new BadRequestError('bad-date', '"from" is required', { field: 'from' });
  if (body.to === undefined) throw new BadRequestError('bad-date', '"to" is required', { field: 'to' });
  return { source, document, ...parsePeriod(body.from, body.to, timeZone), timeZone };
}
