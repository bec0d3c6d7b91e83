/**
 * The pure parts of the Open311 layer, table-driven: JSON Schema → attribute datatypes, attribute
 * text → form values, W3C datetimes, the XML serializer and the GET requests filter.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertAttribute, normalizePhone, parameterOf, reporterName } from '../../runtime/open311/report-from-request';
import { parseRequestFilter } from '../../runtime/open311/request-filter';
import { attributeKindOf, attributeViews, fieldTitle, type AttributeKind, type AttributeSpec } from '../../runtime/open311/service-attributes';
import { formatW3c, parseW3c, parseW3cSpan } from '../../runtime/open311/w3c-datetime';
import { toXml } from '../../runtime/open311/xml-serializer';

const TZ = 'Asia/Shanghai';
const BASE_FORM = JSON.parse(readFileSync(new URL('../../catalogs/zhejiang-four-platforms/forms/base.json', import.meta.url), 'utf8')) as {
  schema: { properties: { reporterPhone: { pattern: string } } };
};
const PHONE_PATTERN = new RegExp(BASE_FORM.schema.properties.reporterPhone.pattern, 'u');
const oneOf = (...keys: string[]) => keys.map((k) => ({ const: k, title: k.toUpperCase() }));

describe('attributeKindOf: form field → Open311 datatype', () => {
  it.each<{ name: string; schema: Record<string, unknown>; ui?: Record<string, unknown>; datatype: string | null }>([
    { name: 'string enum', schema: { type: 'string', enum: ['a', 'b'] }, datatype: 'singlevaluelist' },
    { name: 'oneOf of consts', schema: { type: 'string', oneOf: oneOf('x', 'y') }, datatype: 'singlevaluelist' },
    { name: 'boolean', schema: { type: 'boolean' }, datatype: 'singlevaluelist' },
    { name: 'array of enum', schema: { type: 'array', items: { type: 'string', enum: ['a', 'b'] } }, datatype: 'multivaluelist' },
    { name: 'array of oneOf consts', schema: { type: 'array', items: { type: 'string', oneOf: oneOf('a', 'b') } }, datatype: 'multivaluelist' },
    { name: 'integer', schema: { type: 'integer', minimum: 0 }, datatype: 'number' },
    { name: 'number', schema: { type: 'number' }, datatype: 'number' },
    { name: 'date-time string', schema: { type: 'string', format: 'date-time' }, datatype: 'datetime' },
    { name: 'short string', schema: { type: 'string', maxLength: 200 }, datatype: 'string' },
    { name: 'long string', schema: { type: 'string', maxLength: 201 }, datatype: 'text' },
    { name: 'textarea widget', schema: { type: 'string', maxLength: 50 }, ui: { 'ui:widget': 'textarea' }, datatype: 'text' },
    { name: 'date string', schema: { type: 'string', format: 'date' }, datatype: 'string' },
    { name: 'object (not representable)', schema: { type: 'object', properties: {} }, datatype: null },
    { name: 'free array (not representable)', schema: { type: 'array', items: { type: 'string' } }, datatype: null },
  ])('$name → $datatype', ({ schema, ui, datatype }) => {
    const kind = attributeKindOf(schema, ui, 'zh');
    if (datatype === null) {
      expect(kind).toBeNull();
      return;
    }
    const [view] = attributeViews([{ code: 'f', kind: kind!, required: false, title: 'F' }], 'zh');
    expect(view.datatype).toBe(datatype);
    expect(view.order).toBe(1);
  });

  it.each<{ name: string; schema: Record<string, unknown>; ui?: Record<string, unknown>; locale: 'zh' | 'en'; title: string }>([
    { name: 'bilingual ui:title, English', schema: { title: '噪声来源' }, ui: { 'ui:title': { zh: '噪声来源', en: 'Noise source' } }, locale: 'en', title: 'Noise source' },
    { name: 'bilingual ui:title, Chinese', schema: { title: '来源' }, ui: { 'ui:title': { zh: '噪声来源', en: 'Noise source' } }, locale: 'zh', title: '噪声来源' },
    { name: 'plain ui:title', schema: { title: '来源' }, ui: { 'ui:title': 'Source' }, locale: 'en', title: 'Source' },
    { name: 'no ui:title: the schema title', schema: { title: '来源' }, locale: 'en', title: '来源' },
    { name: 'no title at all: the code', schema: {}, ui: {}, locale: 'en', title: 'f' },
  ])('fieldTitle: $name', ({ schema, ui, locale, title }) => {
    expect(fieldTitle({ schema, ui, locale, fallback: 'f' })).toBe(title);
  });

  it('takes value names from ui:enumNames and oneOf titles', () => {
    expect(attributeKindOf({ type: 'string', enum: ['a', 'b'] }, { 'ui:enumNames': ['甲', '乙'] }, 'zh')).toEqual({
      type: 'single', values: [{ key: 'a', name: '甲', value: 'a' }, { key: 'b', name: '乙', value: 'b' }],
    });
    expect(attributeKindOf({ type: 'string', oneOf: oneOf('x') }, undefined, 'en')).toEqual({ type: 'single', values: [{ key: 'x', name: 'X', value: 'x' }] });
  });
});

describe('convertAttribute: text → form value', () => {
  const spec = (kind: AttributeKind): AttributeSpec => ({ code: 'f', kind, required: false, title: 'F' });
  const list = (...keys: Array<string | number>) => keys.map((k) => ({ key: String(k), name: String(k), value: k }));
  it.each<{ name: string; kind: AttributeKind; raw: string | string[]; value?: unknown; error?: RegExp }>([
    { name: 'integer', kind: { type: 'number', integer: true }, raw: '42', value: 42 },
    { name: 'integer refuses a fraction', kind: { type: 'number', integer: true }, raw: '4.2', error: /whole number/ },
    { name: 'number', kind: { type: 'number', integer: false }, raw: ' -3.5e1 ', value: -35 },
    { name: 'number refuses text', kind: { type: 'number', integer: false }, raw: '12abc', error: /not a number/ },
    { name: 'number refuses hex', kind: { type: 'number', integer: false }, raw: '0x10', error: /not a number/ },
    { name: 'boolean true', kind: { type: 'boolean', values: [{ key: 'true', name: 'Y', value: true }, { key: 'false', name: 'N', value: false }] }, raw: 'TRUE', value: true },
    { name: 'boolean refuses yes', kind: { type: 'boolean', values: [{ key: 'true', name: 'Y', value: true }, { key: 'false', name: 'N', value: false }] }, raw: 'yes', error: /true, false/ },
    { name: 'single list key', kind: { type: 'single', values: list('a', 'b') }, raw: 'b', value: 'b' },
    { name: 'numeric enum keeps its type', kind: { type: 'single', values: list(1, 2) }, raw: '2', value: 2 },
    { name: 'single list refuses an unknown key', kind: { type: 'single', values: list('a', 'b') }, raw: 'c', error: /\(a, b\)/ },
    { name: 'single list refuses several values', kind: { type: 'single', values: list('a', 'b') }, raw: ['a', 'b'], error: /one value/ },
    { name: 'multi list', kind: { type: 'multi', values: list('a', 'b', 'c') }, raw: ['c', 'a'], value: ['c', 'a'] },
    { name: 'multi list from one value', kind: { type: 'multi', values: list('a', 'b') }, raw: 'a', value: ['a'] },
    { name: 'multi list refuses unknown keys', kind: { type: 'multi', values: list('a') }, raw: ['a', 'x', 'y'], error: /"x", "y" are not/ },
    { name: 'datetime in UTC → county zone', kind: { type: 'datetime' }, raw: '2026-06-18T02:00:00Z', value: '2026-06-18T10:00:00+08:00' },
    { name: 'datetime refuses a missing zone', kind: { type: 'datetime' }, raw: '2026-06-18T10:00:00', error: /zone offset/ },
    { name: 'string kept as sent', kind: { type: 'string' }, raw: 'a b', value: 'a b' },
  ])('$name', ({ kind, raw, value, error }) => {
    const result = convertAttribute(spec(kind), raw, TZ);
    if (error) expect(result).toEqual({ ok: false, message: expect.stringMatching(error) });
    else expect(result).toEqual({ ok: true, value });
  });
});

describe('standard parameters', () => {
  it.each([
    { phone: '+86 138-0013-8000', expected: '13800138000' },
    { phone: '0086 13800138000', expected: '13800138000' },
    { phone: '(138) 0013 8000', expected: '13800138000' },
    { phone: '0571-8888888', expected: '0571-8888888' },
    { phone: '0571-88888888', expected: '0571-88888888' },
    { phone: '0571 8888 8888', expected: '0571-88888888' },
    { phone: '057188888888', expected: '0571-88888888' },
    { phone: '(0571) 8888-8888', expected: '0571-88888888' },
    { phone: '+86 571 8888 8888', expected: '0571-88888888' },
    { phone: '+86 (0)571 88888888', expected: '0571-88888888' },
    { phone: '010-1234 5678', expected: '010-12345678' },
    { phone: '021 1234 5678-801', expected: '021-12345678-801' },
  ])('normalizePhone($phone) = $expected, which the base form accepts', ({ phone, expected }) => {
    expect(normalizePhone(phone)).toBe(expected);
    expect(PHONE_PATTERN.test(expected)).toBe(true);
  });

  it.each([
    { phone: '12345', why: 'too short' },
    { phone: '0571-123', why: 'a local number under 7 digits' },
    { phone: '0571-88888888 转 12', why: 'an extension in words' },
    { phone: '+1 415 555 0100', why: 'not a Chinese number' },
  ])('normalizePhone($phone) gives what the base form refuses: $why', ({ phone }) => {
    expect(PHONE_PATTERN.test(normalizePhone(phone))).toBe(false);
  });

  it.each([
    { first: '小明', last: '王', expected: '王小明' },
    { first: 'John', last: 'Smith', expected: 'John Smith' },
    { first: 'Ann', last: undefined, expected: 'Ann' },
    { first: undefined, last: undefined, expected: undefined },
  ])('reporterName($first, $last) = $expected', ({ first, last, expected }) => {
    expect(reporterName(first, last)).toBe(expected);
  });

  it.each([
    { pointer: '/location/grid', param: 'attribute[grid]' },
    { pointer: '/location/lat', param: 'lat' },
    { pointer: '/location/lng', param: 'long' },
    { pointer: '/location/address', param: 'address_string' },
    { pointer: '/reporterPhone', param: 'phone' },
    { pointer: '/attachments/0', param: 'media_url' },
    { pointer: '/noiseSource', param: 'attribute[noiseSource]' },
    { pointer: '/phenomenon/1', param: 'attribute[phenomenon]' },
  ])('form pointer $pointer is parameter $param', ({ pointer, param }) => {
    expect(parameterOf(pointer)).toBe(param);
  });
});

describe('W3C datetimes', () => {
  it.each([
    { text: '2026-06-18T10:00:00+08:00', iso: '2026-06-18T02:00:00.000Z' },
    { text: '2026-06-18T02:00:00Z', iso: '2026-06-18T02:00:00.000Z' },
    { text: '2026-06-18T02:00Z', iso: '2026-06-18T02:00:00.000Z' },
    { text: '2026-06-18T02:00:00.5-05:00', iso: '2026-06-18T07:00:00.500Z' },
    { text: '2026-06-18', iso: '2026-06-17T16:00:00.000Z' },
    { text: '2026-02-30', iso: null },
    { text: '2026-06-18T25:00:00Z', iso: null },
    { text: '2026-06-18T10:00:00', iso: null },
    { text: 'yesterday', iso: null },
  ])('parseW3c($text)', ({ text, iso }) => {
    const at = parseW3c(text, TZ);
    expect(at === null ? null : new Date(at).toISOString()).toBe(iso);
  });

  it.each([
    { name: 'a bare date: its day in the zone', text: '2026-12-05', start: '2026-12-05T00:00:00+08:00', end: '2026-12-06T00:00:00+08:00', wholeDay: true },
    { name: 'the last day of a year', text: '2026-12-31', start: '2026-12-31T00:00:00+08:00', end: '2027-01-01T00:00:00+08:00', wholeDay: true },
    { name: 'a datetime: one instant', text: '2026-12-05T10:00:00Z', start: '2026-12-05T10:00:00Z', end: '2026-12-05T10:00:00Z', wholeDay: false },
  ])('parseW3cSpan: $name', ({ text, start, end, wholeDay }) => {
    expect(parseW3cSpan(text, TZ)).toEqual({ start: Date.parse(start), end: Date.parse(end), wholeDay });
  });

  it('parseW3cSpan: a day where the clocks change is not 24 hours', () => {
    const span = parseW3cSpan('2026-03-29', 'Europe/Berlin')!;
    expect(span.end - span.start).toBe(23 * 3_600_000);
  });

  it('formats in the county zone, to the second', () => {
    expect(formatW3c(Date.parse('2026-06-18T02:00:00.789Z'), TZ)).toBe('2026-06-18T10:00:00+08:00');
  });
});

describe('toXml', () => {
  it('names list items by the singular of the list, writes null as an empty element and leaves undefined out', () => {
    expect(toXml('services', [{ service_code: 'a', keywords: null, group: undefined, metadata: true }])).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<services><service><service_code>a</service_code><keywords/><metadata>true</metadata></service></services>',
    );
  });

  it('escapes markup and drops characters XML cannot carry', () => {
    expect(toXml('errors', [{ code: 400, description: `<b>&"'\u0000\u0007ok` }])).toContain('<description>&lt;b&gt;&amp;&quot;&apos;ok</description>');
  });

  it('refuses element names that are not XML names', () => {
    expect(() => toXml('x', { 'bad name': 1 })).toThrow(/not a valid XML element name/);
  });
});

describe('parseRequestFilter', () => {
  const now = Date.parse('2026-03-10T10:00:00+08:00');
  const parse = (query: Record<string, unknown>) => parseRequestFilter(query, { now, timeZone: TZ });

  it('defaults to the last 90 days, all codes and statuses, 1,000 a page', () => {
    expect(parse({})).toEqual({ type: 'search', codes: null, statuses: null, from: now - 90 * 86_400_000, to: now, toExclusive: false, page: 1, pageSize: 1000 });
  });

  it('service_request_id overrides the rest and drops ids that cannot exist', () => {
    expect(parse({ service_request_id: '0190A000-0000-7000-8000-000000000001,x', status: 'bogus' })).toEqual({ type: 'ids', ids: ['0190a000-0000-7000-8000-000000000001'] });
  });

  it('start_date alone spans 90 days forward', () => {
    const filter = parse({ start_date: '2026-01-01T00:00:00+08:00' });
    expect(filter).toMatchObject({ from: Date.parse('2026-01-01T00:00:00+08:00'), to: Date.parse('2026-01-01T00:00:00+08:00') + 90 * 86_400_000 });
  });

  it.each<{ name: string; query: Record<string, string>; from: string; to: string; toExclusive: boolean }>([
    { name: 'a bare end_date: up to the next midnight, exclusive', query: { end_date: '2026-12-05' }, from: '2026-09-07T00:00:00+08:00', to: '2026-12-06T00:00:00+08:00', toExclusive: true },
    { name: 'bare dates: start at its midnight, end the whole day', query: { start_date: '2026-12-05', end_date: '2026-12-05' }, from: '2026-12-05T00:00:00+08:00', to: '2026-12-06T00:00:00+08:00', toExclusive: true },
    { name: 'bare dates spanning exactly 90 whole days', query: { start_date: '2026-01-01', end_date: '2026-03-31' }, from: '2026-01-01T00:00:00+08:00', to: '2026-04-01T00:00:00+08:00', toExclusive: true },
    { name: 'bare dates 90 days apart (accepted before end_date covered its day, still accepted)', query: { start_date: '2026-01-01', end_date: '2026-04-01' }, from: '2026-01-01T00:00:00+08:00', to: '2026-04-02T00:00:00+08:00', toExclusive: true },
    { name: 'a datetime end_date: that instant, inclusive', query: { start_date: '2026-12-05', end_date: '2026-12-05T00:00:00+08:00' }, from: '2026-12-05T00:00:00+08:00', to: '2026-12-05T00:00:00+08:00', toExclusive: false },
    { name: 'a bare start_date alone: its midnight, 90 days forward', query: { start_date: '2026-12-05' }, from: '2026-12-05T00:00:00+08:00', to: '2027-03-05T00:00:00+08:00', toExclusive: false },
  ])('$name', ({ query, from, to, toExclusive }) => {
    expect(parse(query)).toMatchObject({ from: Date.parse(from), to: Date.parse(to), toExclusive });
  });

  it.each([
    { name: 'span over 90 days', query: { start_date: '2026-01-01T00:00:00Z', end_date: '2026-04-01T00:00:01Z' } },
    { name: 'bare dates 91 days apart', query: { start_date: '2026-01-01', end_date: '2026-04-02' } },
    { name: 'start_date after a bare end_date', query: { start_date: '2026-12-06T00:00:00+08:00', end_date: '2026-12-05' } },
    { name: 'bad status', query: { status: 'open,done' } },
    { name: 'bad page', query: { page: '0' } },
    { name: 'repeated start_date', query: { start_date: ['2026-01-01', '2026-01-02'] } },
    { name: 'bad service code', query: { service_code: 'a b' } },
  ])('400 for $name', ({ query }) => {
    expect(() => parse(query)).toThrow(expect.objectContaining({ name: 'Open311Error', status: 400 }));
  });
});
