/**
 * `GET /counties/:county/geography`: the boundaries of the county's active config as a GeoJSON
 * FeatureCollection — each feature's properties naming its unit, kind, names and parent — for
 * maps and for the report page, which places the phone's position in its grid with the engine's
 * locator. `?kind=grid` (a comma list of township, village, grid) keeps only those kinds. A
 * county without boundaries answers an empty collection. Answers carry an ETag (the version and
 * the config's content hash), so a page that has the boundaries gets 304 until they change.
 */
import { Router } from 'express';
import type { CompiledConfig } from '../../../engine/index';
import { actorInCounty } from '../../auth/authenticate';
import { NotFoundError } from '../errors';
import type { ApiDeps } from './api-router';
import { checkEnumValue } from './worklist-filter-values';

export const BOUNDARY_KINDS = ['township', 'village', 'grid'] as const;
type BoundaryKind = (typeof BOUNDARY_KINDS)[number];

/** The boundaries of a compiled config, of the given kinds, with each unit's kind, names and parent. */
export function geographyOf(active: { version: number; compiled: CompiledConfig }, kinds: ReadonlySet<BoundaryKind>) {
  const { compiled } = active;
  const geography = compiled.config.geography;
  const features = (geography?.features ?? []).flatMap((feature) => {
    const unit = compiled.unit(feature.properties.unit);
    if (!unit || !kinds.has(unit.kind as BoundaryKind)) return [];
    return [{ type: 'Feature' as const, properties: { unit: unit.id, kind: unit.kind, name: unit.name, parent: unit.parent ?? null }, geometry: feature.geometry }];
  });
  return { type: 'FeatureCollection' as const, version: active.version, ...(geography?.tileUrl ? { tileUrl: geography.tileUrl } : {}), features };
}

/**
 * Whether If-None-Match names this ETag (weakly, or `*`). Judged here rather than by express's
 * `req.fresh`, which answers 200 to any request saying `Cache-Control: no-cache` — as fetch does
 * whenever a page sets If-None-Match itself.
 */
function matchesEtag(header: string | undefined, etag: string): boolean {
  return header !== undefined && header.split(',').some((tag) => tag.trim() === '*' || tag.trim().replace(/^W\//, '') === etag);
}

function kindsOf(query: unknown): Set<BoundaryKind> {
  if (query === undefined || query === '') return new Set(BOUNDARY_KINDS);
  const text = Array.isArray(query) ? query.join(',') : String(query);
  return new Set(text.split(',').map((k) => checkEnumValue('kind', k.trim(), BOUNDARY_KINDS)));
}

export function geographyRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/counties/:county/geography', async (req, res) => {
    const actor = actorInCounty(req, req.params.county);
    const kinds = kindsOf(req.query.kind);
    const active = await deps.configs.active(actor.countyId);
    if (!active) throw new NotFoundError(`county "${actor.countyId}" has no published config`);
    const etag = `"${active.version}-${active.compiled.hash}-${[...kinds].join('.')}"`;
    res.set('Cache-Control', 'private, no-cache').set('ETag', etag);
    if (matchesEtag(req.get('If-None-Match'), etag)) {
      res.status(304).end();
      return;
    }
    res.json(geographyOf(active, kinds));
  });
  return router;
}
