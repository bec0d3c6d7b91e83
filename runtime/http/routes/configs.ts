/**
 * County config versions under `/counties/:county/configs`: drafts (saved even when they do not
 * compile), validation, the config's own tests, publishing (refused with every problem, or every
 * failing test, and nothing changes), activation and roll-back, listing, fetching and diffing;
 * deleting a draft (its number is never given again); the catalogs a draft may start from.
 * Publishing and activating go through runtime/approvals: proposed, not done, while the county
 * requires a second county administrator's approval.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Router } from 'express';
import { compile, countyConfigJsonSchema, mergeOverlay, runConfigTests, type CompiledConfig, type Issue } from '../../../engine/index';
import { actorInCounty, requireRole } from '../../auth/authenticate';
import { actorNames } from '../../auth/actor-names';
import { CATALOGS_DIR, loadConfigPath } from '../../config-loader';
import { summary } from '../../cli/config-commands';
import { jsonDiff } from '../../configs/json-diff';
import { BadRequestError, ConflictError, NotFoundError, UnprocessableError } from '../errors';
import { bodyObject } from '../json-body';
import type { ApiDeps } from './api-router';
import { apiTime, apiTimeOrNull, countyTimeZone } from '../api-time';
import { actOrPropose, commentOf } from '../../approvals/approval-store';
import { approvalActor, approvalView, bodyWith } from './approvals';

const AUTHORS = ['county_admin', 'policy_designer'] as const;
const PUBLISHERS = ['county_admin'] as const;
const CATALOG_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** A config version as the path, the query or a body gives it: decimal digits only (not 0x1, 1e0 or " 1"), or a JSON integer. */
function versionParam(value: unknown, field = 'version'): number {
  const version = typeof value === 'number' ? value : typeof value === 'string' && /^[1-9][0-9]{0,8}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(version) || version < 1) throw new BadRequestError('bad-version', `"${String(value)}" is not a config version number`, { field });
  return version;
}


function check(document: unknown): { compiled: CompiledConfig | null; issues: Issue[] } {
  const result = compile(document);
  return result.ok ? { compiled: result.value, issues: [] } : { compiled: null, issues: result.issues };
}

export interface CatalogSummary {
  id: string;
  name: unknown;
  description: unknown;
}

/** The catalogs shipped beside the runtime: each folder's id, with the name and description its config.json gives. */
export async function listCatalogs(): Promise<CatalogSummary[]> {
  const entries = await readdir(CATALOGS_DIR, { withFileTypes: true });
  const catalogs: CatalogSummary[] = [];
  for (const entry of entries.filter((e) => e.isDirectory() && CATALOG_ID.test(e.name)).sort((a, b) => a.name.localeCompare(b.name))) {
    try {
      const head = JSON.parse(await readFile(path.join(CATALOGS_DIR, entry.name, 'config.json'), 'utf8')) as Record<string, unknown>;
      catalogs.push({ id: entry.name, name: head.name ?? null, description: head.description ?? null });
    } catch {
      // a folder without a readable config.json is not a catalog
    }
  }
  return catalogs;
}

export function configsRouter(deps: ApiDeps): Router {
  const router = Router();
  const { ConfigVersion, County } = deps.db.models;

  async function findVersion(countyId: string, version: number) {
    const row = await ConfigVersion.findOne({ where: { countyId, version } });
    // a deleted draft keeps its row (so its number is not given again) but is gone for every reader
    if (!row || row.status === 'deleted') throw new NotFoundError(`config version ${version} not found`);
    return row;
  }

  async function activeVersion(countyId: string): Promise<number | null> {
    const county = await County.findOne({ where: { id: countyId }, attributes: ['activeVersion'] });
    return county?.activeVersion ?? null;
  }

  async function saveDraft(countyId: string, document: unknown, createdBy: string): Promise<number> {
    return deps.db.transaction(async (transaction) => {
      const last = (await ConfigVersion.max('version', { where: { countyId }, transaction })) as number | null;
      const version = (last ?? 0) + 1;
      await ConfigVersion.create(
        { countyId, version, status: 'draft', document: document as Record<string, unknown>, hash: '', createdBy, createdAt: new Date(deps.now()), publishedAt: null },
        { transaction },
      );
      return version;
    });
  }

  router.get('/schema/county-config.json', (_req, res) => {
    res.json(countyConfigJsonSchema);
  });

  router.get('/counties/:county/configs', async (req, res) => {
    const actor = actorInCounty(req, req.params.county);
    requireRole(actor, [...AUTHORS], 'list config versions');
    const active = await activeVersion(actor.countyId);
    const rows = await ConfigVersion.findAll({ where: { countyId: actor.countyId, status: ['draft', 'published'] }, order: [['version', 'DESC']], attributes: ['version', 'status', 'hash', 'createdBy', 'createdAt', 'publishedAt', 'document'] });
    const timeZone = await countyTimeZone(deps.configs, actor.countyId);
    // who made each version, by name: an account's name or an API token's label
    const names = await actorNames(deps.db, actor.countyId, rows.map((r) => r.createdBy));
    res.json({
      versions: rows.map((row) => {
        const doc = row.document as { id?: string; name?: unknown; rules?: unknown[] };
        return {
          version: row.version,
          status: row.status,
          active: row.version === active,
          hash: row.hash || null,
          createdBy: row.createdBy,
          createdByName: names.get(row.createdBy) ?? null,
          createdAt: apiTime(row.createdAt, timeZone),
          publishedAt: apiTimeOrNull(row.publishedAt, timeZone),
          configId: doc.id ?? null,
          name: doc.name ?? null,
          rules: Array.isArray(doc.rules) ? doc.rules.length : null,
        };
      }),
    });
  });

  router.get('/counties/:county/catalogs', async (req, res) => {
    requireRole(actorInCounty(req, req.params.county), [...AUTHORS], 'list catalogs');
    res.json({ catalogs: await listCatalogs() });
  });

  router.delete('/counties/:county/configs/:version', async (req, res) => {
    const actor = actorInCounty(req, req.params.county);
    requireRole(actor, [...AUTHORS], 'delete config drafts');
    const version = versionParam(req.params.version);
    const row = await findVersion(actor.countyId, version);
    if (row.status !== 'draft') throw new ConflictError('version-immutable', `version ${version} is published and cannot be deleted`);
    const [count] = await ConfigVersion.update({ status: 'deleted' }, { where: { countyId: actor.countyId, version, status: 'draft' } });
    if (count !== 1) throw new ConflictError('version-immutable', `version ${version} was published meanwhile and cannot be deleted`);
    res.json({ version, status: 'deleted' });
  });

  router.post('/counties/:county/configs', async (req, res) => {
    const actor = actorInCounty(req, req.params.county);
    requireRole(actor, [...AUTHORS], 'create config drafts');
    const body = bodyObject(req.body);
    const sources = ['document', 'catalog', 'overlay', 'copyOf'].filter((k) => body[k] !== undefined);
    if (sources.length !== 1) throw new BadRequestError('bad-draft-source', 'give exactly one of "document", "catalog", "overlay" or "copyOf"', { field: 'body' });
    let document: unknown;
    if (body.document !== undefined) {
      document = body.document;
    } else if (body.catalog !== undefined) {
      if (typeof body.catalog !== 'string' || !CATALOG_ID.test(body.catalog)) throw new BadRequestError('bad-catalog', '"catalog" must be a catalog id such as zhejiang-four-platforms', { field: 'catalog' });
      const loaded = await loadConfigPath(path.join(CATALOGS_DIR, body.catalog));
      if (!loaded.ok) {
        if (loaded.issues[0]?.code === 'not-found') throw new NotFoundError(`catalog "${body.catalog}" not found`);
        throw new UnprocessableError('catalog-invalid', `catalog "${body.catalog}" does not load`, { field: 'catalog', issues: loaded.issues });
      }
      document = loaded.value.config;
    } else if (body.overlay !== undefined) {
      if (typeof body.overlay !== 'object' || body.overlay === null || Array.isArray(body.overlay)) throw new BadRequestError('bad-overlay', '"overlay" must be an object stating the differences', { field: 'overlay' });
      const active = await activeVersion(actor.countyId);
      if (active === null) throw new ConflictError('no-active-version', 'the county has no active version to extend');
      const base = await findVersion(actor.countyId, active);
      const { extends: _ignored, ...overlay } = body.overlay as Record<string, unknown>;
      document = mergeOverlay(base.document, overlay);
    } else {
      // a JSON body gives a version as a number; "1" is a string, not a version
      if (typeof body.copyOf !== 'number') throw new BadRequestError('bad-version', `${JSON.stringify(body.copyOf)} is not a config version number`, { field: 'copyOf' });
      const from = await findVersion(actor.countyId, versionParam(body.copyOf, 'copyOf'));
      document = from.document;
    }
    if (typeof document !== 'object' || document === null || Array.isArray(document)) throw new BadRequestError('bad-document', '"document" must be a JSON object', { field: 'document' });
    const version = await saveDraft(actor.countyId, document, actor.id);
    res.status(201).location(`/api/v1/counties/${actor.countyId}/configs/${version}`).json({ version, status: 'draft', issues: check(document).issues });
  });

  router.get('/counties/:county/configs/diff', async (req, res) => {
    const actor = actorInCounty(req, req.params.county);
    requireRole(actor, [...AUTHORS], 'compare config versions');
    const from = await findVersion(actor.countyId, versionParam(req.query.from, 'from'));
    const to = await findVersion(actor.countyId, versionParam(req.query.to, 'to'));
    res.json({ from: from.version, to: to.version, changes: jsonDiff(from.document, to.document) });
  });

  router.get('/counties/:county/config/active', async (req, res) => {
    const actor = actorInCounty(req, req.params.county);
    const active = await activeVersion(actor.countyId);
    if (active === null) throw new NotFoundError('the county has no active config');
    const row = await findVersion(actor.countyId, active);
    res.json({ version: row.version, document: row.document });
  });

  router.get('/counties/:county/configs/:version', async (req, res) => {
    const actor = actorInCounty(req, req.params.county);
    const row = await findVersion(actor.countyId, versionParam(req.params.version));
    const active = await activeVersion(actor.countyId);
    if (row.status === 'draft') requireRole(actor, [...AUTHORS], 'read drafts');
    res.json({ version: row.version, status: row.status, active: row.version === active, document: row.document, issues: row.status === 'draft' ? check(row.document).issues : [] });
  });

  router.put('/counties/:county/configs/:version', async (req, res) => {
    const actor = actorInCounty(req, req.params.county);
    requireRole(actor, [...AUTHORS], 'edit config drafts');
    const body = bodyObject(req.body);
    if (typeof body.document !== 'object' || body.document === null || Array.isArray(body.document)) throw new BadRequestError('bad-document', '"document" must be a JSON object', { field: 'document' });
    const version = versionParam(req.params.version);
    await deps.db.transaction(async (transaction) => {
      const row = await ConfigVersion.findOne({ where: { countyId: actor.countyId, version }, transaction });
      if (!row || row.status === 'deleted') throw new NotFoundError(`config version ${version} not found`);
      if (row.status !== 'draft') throw new ConflictError('version-immutable', `version ${version} is published and cannot change; create a new draft (copyOf ${version})`);
      // status in the guard too: a publish that committed since the read above keeps its document
      const [count] = await ConfigVersion.update({ document: body.document as Record<string, unknown> }, { where: { countyId: actor.countyId, version, status: 'draft' }, transaction });
      if (count !== 1) throw new ConflictError('version-immutable', `version ${version} was published meanwhile and cannot change; create a new draft (copyOf ${version})`);
    });
    res.json({ version, issues: check(body.document).issues });
  });

  router.post('/counties/:county/configs/:version/validate', async (req, res) => {
    const actor = actorInCounty(req, req.params.county);
    requireRole(actor, [...AUTHORS], 'validate configs');
    const row = await findVersion(actor.countyId, versionParam(req.params.version));
    const { compiled, issues } = check(row.document);
    res.json({ ok: issues.length === 0, issues, summary: compiled ? summary(compiled) : null });
  });

  router.post('/counties/:county/configs/:version/test', async (req, res) => {
    const actor = actorInCounty(req, req.params.county);
    requireRole(actor, [...AUTHORS], 'run config tests');
    const row = await findVersion(actor.countyId, versionParam(req.params.version));
    const { compiled, issues } = check(row.document);
    if (!compiled) throw new UnprocessableError('config-invalid', 'the config does not compile; fix its problems first', { issues });
    res.json(runConfigTests(compiled));
  });

  // publish and activate: done at once, or proposed for a second county administrator's approval
  // while the county requires it (runtime/approvals, docs/approvals.md); either way recorded
  for (const type of ['publish', 'activate'] as const) {
    router.post(`/counties/:county/configs/:version/${type}`, async (req, res) => {
      const actor = actorInCounty(req, req.params.county);
      requireRole(actor, [...PUBLISHERS], `${type} configs`);
      const version = versionParam(req.params.version);
      const comment = commentOf(bodyWith(req, ['comment']).comment);
      const outcome = await actOrPropose(deps, { countyId: actor.countyId, action: { type, version }, actor: approvalActor(actor), comment });
      if (outcome.type === 'pending') res.status(202).json({ status: 'pending-approval', approval: approvalView(outcome.request, await countyTimeZone(deps.configs, actor.countyId)) });
      else res.json(outcome.response);
    });
  }

  return router;
}
