/**
 * Open311 in a county with boundaries (the baseline catalog's) and without: lat/long place a
 * request in its grid, so `grid` is optional in the service definition; a point outside every
 * grid is a 400 naming lat. Pure: a compiled config and a POST body in, report data or the error out.
 */
import { describe, expect, it } from 'vitest';
import { compile, type CompiledConfig } from '../../engine/index';
import { Open311Error } from '../../runtime/open311/open311-error';
import { reportFromRequest } from '../../runtime/open311/report-from-request';
import { attributeViews, serviceAttributes } from '../../runtime/open311/service-attributes';
import { compiledCatalog } from '../helpers/catalogs';

const withBoundaries = await compiledCatalog('zhejiang-four-platforms');
const withoutBoundaries: CompiledConfig = (() => {
  const { geography: _drawn, ...config } = withBoundaries.config;
  const result = compile(config);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
})();

const noise = (extra: Record<string, string>) => ({
  service_code: 'env-noise',
  description: '工地夜间施工',
  'attribute[noiseSource]': 'construction',
  'attribute[durationDays]': '3',
  ...extra,
});

function post(compiled: CompiledConfig, body: Record<string, string>) {
  const specs = serviceAttributes(compiled, 'env-noise', 'zh')!;
  return reportFromRequest({ compiled, serviceCode: 'env-noise', specs, body, timeZone: 'Asia/Shanghai' });
}

function refusal(compiled: CompiledConfig, body: Record<string, string>): string[] {
  try {
    post(compiled, body);
  } catch (err) {
    expect(err).toBeInstanceOf(Open311Error);
    expect((err as Open311Error).status).toBe(400);
    return (err as Open311Error).errors.map((e) => e.description);
  }
  throw new Error('the request was not refused');
}

describe('Open311 lat/long and the grid', () => {
  it('places a request without a grid in the grid its lat/long lie in', () => {
    expect(post(withBoundaries, noise({ lat: '28.6951', long: '118.9182' })).data.location).toEqual({ grid: 'qs-fx-v01-g1', lat: 28.6951, lng: 118.9182 });
    expect(post(withBoundaries, noise({ lat: '28.6958', long: '118.8695', address_string: '南门社区' })).data.location).toEqual({ grid: 'qs-cn-v01-g1', address: '南门社区', lat: 28.6958, lng: 118.8695 });
  });

  it('keeps the grid a client sends, wherever its lat/long are', () => {
    expect(post(withBoundaries, noise({ lat: '28.6951', long: '118.9182', 'attribute[grid]': 'qs-ht-v02-g1' })).data.location).toMatchObject({ grid: 'qs-ht-v02-g1' });
    expect(post(withBoundaries, noise({ lat: '28.6951', long: '118.9182', address_id: 'qs-cn-v04-g1' })).data.location).toMatchObject({ grid: 'qs-cn-v04-g1' });
  });

  it('refuses a point outside every grid, naming lat and long, and nothing about a missing grid', () => {
    const said = refusal(withBoundaries, noise({ lat: '31.2304', long: '121.4737' }));
    expect(said).toEqual(['lat 31.2304, long 121.4737 lies outside every grid of this county: check the location, or send the grid as attribute[grid] or address_id']);
  });

  it('asks for the grid when neither it nor lat/long is sent', () => {
    expect(refusal(withBoundaries, noise({ address_string: '凤溪村下街 12 号' }))).toEqual(['attribute[grid] is required when lat and long are not sent: the grid where it happened (see the service definition), or send the grid id as address_id']);
  });

  it('still requires the grid in a county without boundaries, lat/long or not', () => {
    expect(withoutBoundaries.gridLocator).toBeNull();
    expect(refusal(withoutBoundaries, noise({ lat: '28.6951', long: '118.9182' }))).toEqual([expect.stringMatching(/^attribute\[grid\] is required: /)]);
  });

  it.each([
    { name: 'with boundaries', compiled: () => withBoundaries, required: false, description: /lat 和 long 时可不填/ },
    { name: 'without boundaries', compiled: () => withoutBoundaries, required: true, description: /^事发地所在网格的编号（从取值中选一个 key）；也可改用 address_id/ },
  ])('the service definition $name lists grid as required: $required', ({ compiled: config, required, description }) => {
    const compiled = config();
    const [grid] = attributeViews(serviceAttributes(compiled, 'env-noise', 'zh')!, 'zh');
    expect(grid).toMatchObject({ code: 'grid', required });
    expect(grid.datatype_description).toMatch(description);
    const [english] = attributeViews(serviceAttributes(compiled, 'env-noise', 'en')!, 'en');
    if (!required) expect(english.datatype_description).toContain('not needed with lat and long');
  });
});
