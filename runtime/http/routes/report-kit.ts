/**
 * `GET /counties/:county/report-kit`: what the report page needs from the active config and no
 * more — the categories by name, each minor category's composed form (schema and uiSchema, base
 * fields included, as intake validates them), the units by name (the grid picker's townships,
 * villages and grids; the handling units, to name where a report went) and the levels by name. A phone then never downloads the county's rules or compiles its config; intake checks
 * the report (422 with every issue, each at its field).
 */
import { Router } from 'express';
import { levelsOf, type CompiledConfig, type Unit } from '../../../engine/index';
import { actorInCounty } from '../../auth/authenticate';
import { NotFoundError } from '../errors';
import type { ApiDeps } from './api-router';

const PLACE_KINDS = new Set(['township', 'village', 'grid']);

/** The kit of a county's active version (`placesOnly`: units of the grid picker only, for the public page). */
export function reportKitOf(active: { version: number; compiled: CompiledConfig }, opts: { placesOnly?: boolean } = {}) {
  const { config, forms } = active.compiled;
  const categories = config.categories.map((major) => ({
    code: major.code,
    name: major.name,
    children: major.children.map((minor) => ({ code: minor.code, name: minor.name, form: minor.form, platform: minor.platform })),
  }));
  const used = new Set(categories.flatMap((m) => m.children.map((c) => c.form)));
  const composed: Record<string, { schema: Record<string, unknown>; uiSchema: Record<string, unknown> }> = {};
  for (const id of used) {
    const form = forms.get(id);
    if (form) composed[id] = { schema: form.schema, uiSchema: form.uiSchema };
  }
  const units = config.units
    .filter((u: Unit) => !opts.placesOnly || PLACE_KINDS.has(u.kind))
    .map((u: Unit) => ({ id: u.id, kind: u.kind, name: u.name, ...(u.parent ? { parent: u.parent } : {}) }));
  return { version: active.version, categories, forms: composed, units, levels: levelsOf(config) };
}

export function reportKitRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/counties/:county/report-kit', async (req, res) => {
    const actor = actorInCounty(req, req.params.county);
    const active = await deps.configs.active(actor.countyId);
    if (!active) throw new NotFoundError(`county "${actor.countyId}" has no published config`);
    res.set('Cache-Control', 'private, no-cache').json(reportKitOf(active));
  });
  return router;
}
