/**
 * An Open311 `POST requests` body as a pingtai report: standard parameters fill the base fields
 * (lat/long/address_string → location, address_id or attribute[grid] → location.grid — or, in a
 * county with boundaries, the grid lat/long lie in,
 * description, first_name/last_name → reporterName, phone → reporterPhone, media_url →
 * attachments), and `attribute[CODE]` / `attribute[CODE][]` fill the category's own fields,
 * converted to the form's types. Problems come back all at once, each naming its parameter;
 * the form itself is checked by the engine's one validator, not here.
 */
import { validateReport, type CompiledConfig, type Issue } from '../../engine/index';
import { Open311Error, type Open311ErrorItem } from './open311-error';
import { GRID_ATTRIBUTE, type AttributeSpec, type ListValue } from './service-attributes';
import { formatW3c, parseW3c } from './w3c-datetime';

const ATTRIBUTE_PARAM = /^attribute\[([^\][]+)\](\[\])?$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const HTML = /<\/?[A-Za-z][^>]*>/;
const MAX_DESCRIPTION = 4000;

export interface ReportFromRequest {
  data: Record<string, unknown>;
  reporterId: string;
  accountId: string | null;
}

type Body = Record<string, unknown>;

const badRequest = (description: string): Open311ErrorItem => ({ code: 400, description });

/** Digit groups as people write them: `0571-8888 8888`, `(0571) 88888888`, `0571.8888.8888`. */
const PHONE_SEPARATORS = /[\s().-]+/;
const COUNTRY_CODE = /^(\+|00)86(?=[\s().-]|\d)/;

/**
 * A Chinese phone number as the base form wants it. A mobile: its 11 digits, without +86, spaces
 * or dashes. A landline: area code, dash, local number, then `-extension` if any
 * (`0571 8888 8888` → `0571-88888888`, `+86 571 8888 8888-12` → `0571-88888888-12`). The area code
 * is 3 digits for 010 and 02x, 4 for the others, so the digits alone say where it ends; the local
 * number is 7 or 8 digits, and a group written after it is the extension. Anything else comes back
 * with its separators removed, for the form's pattern to refuse in its own words.
 */
export function normalizePhone(phone: string): string {
  const text = phone.trim();
  const compact = text.replace(/[\s().-]/g, '');
  const mobile = /^(\+86|0086|86)?(1\d{10})$/.exec(compact);
  if (mobile) return mobile[2];
  const international = COUNTRY_CODE.test(text);
  const groups = text.replace(COUNTRY_CODE, '').split(PHONE_SEPARATORS).filter((g) => g !== '');
  if (!groups.every((g) => /^\d+$/.test(g))) return compact;
  // +86 drops the trunk 0 of the area code (+86 571 …); put it back (also from +86 (0)571 …).
  if (international && !groups[0].startsWith('0')) groups[0] = `0${groups[0]}`;
  const digits = groups.join('');
  if (!/^0[1-9]/.test(digits)) return compact;
  const areaLength = /^0[12]/.test(digits) ? 3 : 4;
  let taken = 0;
  for (let i = 0; i < groups.length; i++) {
    taken += groups[i].length;
    const local = taken - areaLength;
    if (local === 7 || local === 8) {
      const extension = groups.slice(i + 1).join('');
      const number = digits.slice(0, taken);
      return `${number.slice(0, areaLength)}-${number.slice(areaLength)}${extension ? `-${extension}` : ''}`;
    }
    if (local > 8) break;
  }
  return compact;
}

const CJK = /[\u3400-\u9fff]/;

/** Chinese names are written family name first, without a space. */
export function reporterName(first: string | undefined, last: string | undefined): string | undefined {
  if (first === undefined || last === undefined) return first ?? last;
  return CJK.test(first) || CJK.test(last) ? `${last}${first}` : `${first} ${last}`;
}

function listKey(values: readonly ListValue[], key: string): ListValue | undefined {
  return values.find((v) => v.key === key);
}

const keysOf = (values: readonly ListValue[]) => values.map((v) => v.key).join(', ');

type Converted = { ok: true; value: unknown } | { ok: false; message: string };

/** One attribute's text as the form's value. */
export function convertAttribute(spec: AttributeSpec, raw: string | string[], timeZone: string): Converted {
  const { kind } = spec;
  if (kind.type === 'multi') {
    const keys = (Array.isArray(raw) ? raw : [raw]).map((k) => k.trim()).filter((k) => k !== '');
    const unknown = keys.filter((k) => !listKey(kind.values, k));
    if (unknown.length > 0) return { ok: false, message: `"${unknown.join('", "')}" ${unknown.length > 1 ? 'are' : 'is'} not among the keys (${keysOf(kind.values)})` };
    return { ok: true, value: keys.map((k) => listKey(kind.values, k)!.value) };
  }
  if (Array.isArray(raw)) return { ok: false, message: 'takes one value' };
  const text = raw.trim();
  switch (kind.type) {
    case 'grid':
    case 'single':
    case 'boolean': {
      const hit = listKey(kind.values, kind.type === 'boolean' ? text.toLowerCase() : text);
      return hit ? { ok: true, value: hit.value } : { ok: false, message: `"${text}" is not one of the keys (${keysOf(kind.values)})` };
    }
    case 'number': {
      const n = NUMBER.test(text) ? Number(text) : NaN;
      if (!Number.isFinite(n)) return { ok: false, message: `"${text}" is not a number` };
      if (kind.integer && !Number.isInteger(n)) return { ok: false, message: `"${text}" is not a whole number` };
      return { ok: true, value: n };
    }
    case 'datetime': {
      const at = parseW3c(text, timeZone);
      return at === null ? { ok: false, message: `"${text}" is not a W3C datetime with a zone offset, e.g. 2026-06-18T10:00:00+08:00` } : { ok: true, value: formatW3c(at, timeZone) };
    }
    case 'string':
    case 'text':
      return { ok: true, value: raw };
    default: {
      const never: never = kind;
      throw new Error(`unknown attribute kind ${JSON.stringify(never)}`);
    }
  }
}

/** The Open311 parameter that carries the form value at `pointer`. */
export function parameterOf(pointer: string): string {
  const [first, second] = pointer.split('/').slice(1);
  switch (first) {
    case undefined:
    case '':
      return 'request';
    case 'location':
      return second === 'lat' ? 'lat' : second === 'lng' ? 'long' : second === 'address' ? 'address_string' : `attribute[${GRID_ATTRIBUTE}]`;
    case 'description':
      return 'description';
    case 'reporterPhone':
      return 'phone';
    case 'reporterName':
      return 'first_name/last_name';
    case 'attachments':
      return 'media_url';
    default:
      return `attribute[${first.replace(/~1/g, '/').replace(/~0/g, '~')}]`;
  }
}

/** The parameter an engine issue is about: a point outside every grid is about lat/long. */
const parameterOfIssue = (issue: Issue): string => (issue.code === 'outside-grids' ? 'lat' : parameterOf(issue.pointer));

/** Form issues as Open311 errors: one per parameter, naming it, with the allowed keys for lists. */
export function formIssueErrors(issues: readonly Issue[], specs: readonly AttributeSpec[]): Open311ErrorItem[] {
  const byParam = new Map<string, Issue>();
  for (const issue of issues) {
    const param = parameterOfIssue(issue);
    const seen = byParam.get(param);
    if (!seen || (issue.code === 'required' && seen.code !== 'required')) byParam.set(param, issue);
  }
  return [...byParam].map(([param, issue]) => {
    if (issue.code === 'required') return badRequest(`${param} is required`);
    if (issue.code === 'outside-grids') return badRequest(`lat/long: ${issue.message}`);
    const code = /^attribute\[(.+)\]$/.exec(param)?.[1];
    const kind = specs.find((s) => s.code === code)?.kind;
    if (kind && (kind.type === 'single' || kind.type === 'multi' || kind.type === 'grid')) return badRequest(`${param}: must be ${kind.type === 'multi' ? 'keys' : 'one of the keys'} (${keysOf(kind.values)})`);
    return badRequest(`${param}: ${issue.message.replace(/^"[^"]*" /, '')}`);
  });
}

/**
 * The description of a request sent without one. Open311 makes `description` optional, while the
 * county's base form requires it (staff triage by it); the service's name says at least what was
 * reported, and the note tells staff that the citizen wrote nothing. Chinese, as staff read it.
 */
export function missingDescription(compiled: CompiledConfig, serviceCode: string): string {
  const name = compiled.category(serviceCode)?.minor.name.zh ?? serviceCode;
  return `${name}（Open311 上报，未附描述）`;
}

export interface ReportFromRequestOptions {
  compiled: CompiledConfig;
  serviceCode: string;
  specs: readonly AttributeSpec[];
  body: Body;
  timeZone: string;
}

/** A problem with one parameter. */
interface Problem {
  param: string;
  description: string;
}

/**
 * The report data of a `POST requests` body, the reporter's id (`open311:` + account, email or
 * device, else anonymous) and the account id to echo. Throws {@link Open311Error} (400) listing
 * every problem found, the form's own included.
 */
export function reportFromRequest(opts: ReportFromRequestOptions): ReportFromRequest {
  const { body, specs } = opts;
  const problems: Problem[] = [];
  const problem = (param: string, description: string) => problems.push({ param, description });
  const param = (name: string): string | undefined => {
    const value = body[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      problem(name, `${name} must be given once`);
      return undefined;
    }
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed; // Open311: an empty optional parameter is an absent one
  };
  const coordinate = (name: 'lat' | 'long', limit: number): number | undefined => {
    const text = param(name);
    if (text === undefined) return undefined;
    const n = NUMBER.test(text) ? Number(text) : NaN;
    if (Number.isFinite(n) && Math.abs(n) <= limit) return n;
    problem(name, `${name} must be a WGS84 ${name === 'lat' ? 'latitude' : 'longitude'} between -${limit} and ${limit}`);
    return undefined;
  };

  const lat = coordinate('lat', 90);
  const lng = coordinate('long', 180);
  const address = param('address_string');
  const addressId = param('address_id');
  const description = param('description');
  const name = reporterName(param('first_name'), param('last_name'));
  const phone = param('phone');
  const email = param('email');
  const deviceId = param('device_id');
  const accountId = param('account_id');
  const mediaUrl = param('media_url');
  const sent = (p: string) => typeof body[p] === 'string' && (body[p] as string).trim() !== '';

  if (sent('lat') !== sent('long')) problem('lat', 'lat and long must be sent together');
  if (!sent('lat') && !sent('long') && address === undefined && addressId === undefined) problem('location', 'a location is required: lat and long, address_string or address_id');
  if (description !== undefined && description.length > MAX_DESCRIPTION) problem('description', `description must be at most ${MAX_DESCRIPTION} characters`);
  else if (description !== undefined && HTML.test(description)) problem('description', 'description must be plain text, without HTML');

  const data: Record<string, unknown> = {};
  let grid: string | undefined;
  for (const [key, raw] of Object.entries(body)) {
    const match = ATTRIBUTE_PARAM.exec(key);
    if (!match) continue; // standard parameters are read above; other parameters are ignored, as clients add their own
    const [, code, multiple] = match;
    const attribute = `attribute[${code}]`;
    const spec = specs.find((s) => s.code === code);
    if (!spec) {
      problem(attribute, `${attribute} is not an attribute of service ${opts.serviceCode}`);
      continue;
    }
    if (multiple && spec.kind.type !== 'multi') {
      problem(attribute, `${attribute} takes one value: send ${attribute}=value`);
      continue;
    }
    const values = Array.isArray(raw) ? raw : [raw];
    if (!values.every((v): v is string => typeof v === 'string') || values.every((v) => v.trim() === '')) continue; // empty = absent
    const converted = convertAttribute(spec, Array.isArray(raw) ? values : values[0], opts.timeZone);
    if (!converted.ok) problem(attribute, `${attribute}: ${converted.message}`);
    else if (code === GRID_ATTRIBUTE) grid = converted.value as string;
    else data[code] = converted.value;
  }

  for (const spec of specs) {
    if (spec.default !== undefined && data[spec.code] === undefined && !problems.some((p) => p.param === `attribute[${spec.code}]`)) data[spec.code] = structuredClone(spec.default);
  }

  const gridSpec = specs.find((s) => s.code === GRID_ATTRIBUTE);
  const grids = gridSpec?.kind.type === 'grid' ? gridSpec.kind.values : [];
  const gridParam = `attribute[${GRID_ATTRIBUTE}]`;
  if (addressId !== undefined) {
    if (!listKey(grids, addressId)) problem('address_id', `address_id "${addressId}" is not a grid of this county; send a grid id as address_id or ${gridParam}`);
    else if (grid !== undefined && grid !== addressId) problem('address_id', `address_id "${addressId}" and ${gridParam} "${grid}" name different grids`);
    else grid = addressId;
  }
  const locator = opts.compiled.gridLocator;
  if (grid === undefined && locator && lat !== undefined && lng !== undefined && !problems.some((p) => p.param === gridParam || p.param === 'address_id')) {
    // the county has boundaries: the point says which grid
    const placed = locator.locate(lng, lat);
    if (placed === null) problem('lat', `lat ${lat}, long ${lng} lies outside every grid of this county: check the location, or send the grid as ${gridParam} or address_id`);
    else grid = placed;
  } else if (grid === undefined && !problems.some((p) => p.param === gridParam || p.param === 'address_id' || p.param === 'lat' || p.param === 'long')) {
    problem(gridParam, locator
      ? `${gridParam} is required when lat and long are not sent: the grid where it happened (see the service definition), or send the grid id as address_id`
      : `${gridParam} is required: the grid where it happened (see the service definition), or send the grid id as address_id`);
  }
  data.location = {
    ...(grid !== undefined ? { grid } : {}),
    ...(address !== undefined ? { address } : {}),
    ...(lat !== undefined && lng !== undefined ? { lat, lng } : {}),
  };
  // a form without a description field gets none (its schema may refuse unknown fields)
  const category = opts.compiled.category(opts.serviceCode);
  const formFields = (category ? opts.compiled.forms.get(category.minor.form)?.schema.properties : undefined) as Record<string, unknown> | undefined;
  if (description !== undefined) data.description = description;
  else if (formFields && 'description' in formFields) data.description = missingDescription(opts.compiled, opts.serviceCode);
  if (name !== undefined) data.reporterName = name;
  if (phone !== undefined) data.reporterPhone = normalizePhone(phone);
  if (mediaUrl !== undefined) data.attachments = [mediaUrl];

  if (problems.length > 0) {
    // Say at once what the form thinks of everything else, too.
    const said = new Set(problems.map((p) => p.param));
    const valid = validateReport(opts.compiled, opts.serviceCode, data);
    const formProblems = valid.ok ? [] : formIssueErrors(valid.issues.filter((i) => !said.has(parameterOfIssue(i))), specs);
    throw Open311Error.invalid([...problems.map((p) => badRequest(p.description)), ...formProblems]);
  }

  const who = accountId !== undefined ? `account:${accountId}` : email !== undefined ? `email:${email.toLowerCase()}` : deviceId !== undefined ? `device:${deviceId}` : 'anonymous';
  return { data, reporterId: `open311:${who}`.slice(0, 128), accountId: accountId ?? null };
}
