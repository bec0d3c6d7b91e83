/**
 * The baseline catalog's boundaries: current with their drawing script, one for every township,
 * village and grid, each grid finding itself by a point inside it, the catalog's example point
 * (the Open311 tests' lat/long) in qs-fx-v01-g1, and the pilot overlay keeping them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOG_GEOGRAPHY, drawCatalogBoundaries } from '../../runtime/tools/draw-catalog-boundaries';
import { compiledCatalog } from '../helpers/catalogs';

describe('the baseline catalog geography', async () => {
  const compiled = await compiledCatalog('zhejiang-four-platforms');
  const { units, geography } = compiled.config;

  it('is the output of runtime/tools/draw-catalog-boundaries.ts for the catalog units (rerun it after changing them)', () => {
    expect(readFileSync(CATALOG_GEOGRAPHY, 'utf8')).toBe(drawCatalogBoundaries(units));
  });

  it('draws every township, village and grid once', () => {
    const places = units.filter((u) => u.kind === 'township' || u.kind === 'village' || u.kind === 'grid').map((u) => u.id);
    expect(geography!.features.map((f) => f.properties.unit).sort()).toEqual(places.sort());
  });

  it('places a point inside each grid in that grid, and the example point in qs-fx-v01-g1', () => {
    for (const feature of geography!.features) {
      if (compiled.unit(feature.properties.unit)?.kind !== 'grid') continue;
      const ring = (feature.geometry.coordinates as number[][][])[0].slice(0, -1);
      const [lng, lat] = [0, 1].map((k) => ring.reduce((sum, p) => sum + p[k], 0) / ring.length);
      expect(compiled.gridLocator!.locate(lng, lat), feature.properties.unit).toBe(feature.properties.unit);
    }
    expect(compiled.gridLocator!.locate(118.9182, 28.6951)).toBe('qs-fx-v01-g1');
    expect(compiled.gridLocator!.locate(118.5, 28.6951)).toBeNull();
  });

  it('lies in WGS84 near longitude 118.9, latitude 28.7, and the pilot overlay keeps it', async () => {
    const positions = geography!.features.flatMap((f) => (f.geometry.coordinates as number[][][]).flat());
    const lngs = positions.map((p) => p[0]);
    const lats = positions.map((p) => p[1]);
    expect(Math.min(...lngs)).toBeGreaterThan(118.6);
    expect(Math.max(...lngs)).toBeLessThan(119.1);
    expect(Math.min(...lats)).toBeGreaterThan(28.5);
    expect(Math.max(...lats)).toBeLessThan(28.8);
    expect((await compiledCatalog('pilot-whistle')).config.geography).toEqual(geography);
  });
});
