/**
 * Creating a county: its first config (from a catalog, an overlay on a catalog, or a bundled
 * document), compiled with every problem listed, published and active as version 1; then its
 * first credentials. Problems the caller can fix are {@link CountyError}s naming the field.
 */
import path from 'node:path';
import { compile, mergeOverlay, type Issue } from '../../engine/index';
import { CATALOGS_DIR, loadConfigPath } from '../config-loader';
import type { ConfigRepository } from '../db/config-repository';
import type { Database } from '../db/open-database';
import { issueCountyCredentials, type CountyCredentials } from './county-credentials';

/** A county id: lower-case letters, digits and hyphens, starting with a letter (it appears in URLs). */
export const COUNTY_ID = /^[a-z][a-z0-9-]{1,63}$/;
export const CATALOG_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const MAX_COUNTY_NAME = 200;

export type CountyErrorCode = 'bad-county-id' | 'bad-county-name' | 'bad-county-source' | 'bad-catalog' | 'unknown-catalog' | 'bad-overlay' | 'bad-document' | 'config-invalid' | 'county-exists';

/** A county that cannot be created as asked; `field` names the input at fault. */
export class CountyError extends Error {
  override name = 'CountyError';
  constructor(
    readonly code: CountyErrorCode,
    message: string,
    readonly field: string,
    readonly issues?: Issue[],
  ) {
    super(message);
  }
}

/** Where the first config comes from. */
export type CountySource =
  | { type: 'catalog'; catalog: string; overlay?: Record<string, unknown> }
  /** A bundled document; an `extends` naming a catalog is resolved against it. */
  | { type: 'document'; document: unknown };

export interface CreateCountyOptions {
  id: string;
  /** Default: the config's own county name (Chinese). */
  name?: string;
  source: CountySource;
  /** Who creates it, for the config version's record. */
  createdBy: string;
  now: number;
}

export interface CreatedCounty extends CountyCredentials {
  id: string;
  name: string;
  activeVersion: number;
}

async function catalogDocument(catalog: string, field: string): Promise<Record<string, unknown>> {
  if (!CATALOG_ID.test(catalog)) throw new CountyError('bad-catalog', `"${catalog}" is not a catalog id such as zhejiang-four-platforms`, field);
  const loaded = await loadConfigPath(path.join(CATALOGS_DIR, catalog));
  if (!loaded.ok) {
    if (loaded.issues[0]?.code === 'not-found') throw new CountyError('unknown-catalog', `catalog "${catalog}" does not exist`, field);
    throw new CountyError('config-invalid', `catalog "${catalog}" does not load`, field, loaded.issues);
  }
  return loaded.value.config as Record<string, unknown>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The first config document the source describes (not yet compiled). */
async function documentOf(source: CountySource): Promise<unknown> {
  switch (source.type) {
    case 'catalog': {
      const base = await catalogDocument(source.catalog, 'catalog');
      if (source.overlay === undefined) return base;
      if (!isObject(source.overlay)) throw new CountyError('bad-overlay', '"overlay" must be an object stating the differences from the catalog', 'overlay');
      const { extends: _ignored, ...overlay } = source.overlay;
      return mergeOverlay(base, overlay);
    }
    case 'document': {
      if (!isObject(source.document)) throw new CountyError('bad-document', '"document" must be a JSON object (a bundled county config)', 'document');
      const { extends: base, ...rest } = source.document;
      if (base === undefined) return rest;
      if (typeof base !== 'string') throw new CountyError('bad-catalog', '"document.extends" must name a catalog', 'document.extends');
      return mergeOverlay(await catalogDocument(base, 'document.extends'), rest);
    }
    default: {
      const never: never = source;
      throw new Error(`unknown county source ${JSON.stringify(never)}`);
    }
  }
}

/**
 * Creates a county with version 1 of its config published and active, and its first credentials.
 * @example
 * const county = await createCounty({ db, configs }, { id: 'qingxi', name: '清溪县', source: { type: 'catalog', catalog: 'zhejiang-four-platforms' }, createdBy: 'platform', now: Date.now() });
 * print(county.adminToken, county.open311Key);
 */
export async function createCounty(deps: { db: Database; configs: ConfigRepository }, opts: CreateCountyOptions): Promise<CreatedCounty> {
  if (typeof opts.id !== 'string' || !COUNTY_ID.test(opts.id)) {
    throw new CountyError('bad-county-id', `${JSON.stringify(opts.id)} is not a county id: 2–64 lower-case letters, digits and hyphens, starting with a letter`, 'id');
  }
  if (opts.name !== undefined && (typeof opts.name !== 'string' || opts.name.trim() === '' || opts.name.length > MAX_COUNTY_NAME)) {
    throw new CountyError('bad-county-name', `"name" must be a non-empty text of at most ${MAX_COUNTY_NAME} characters`, 'name');
  }
  if (await deps.db.models.County.findOne({ where: { id: opts.id }, attributes: ['id'] })) throw new CountyError('county-exists', `county "${opts.id}" already exists`, 'id');
  const document = await documentOf(opts.source);
  const compiled = compile(document);
  if (!compiled.ok) throw new CountyError('config-invalid', `the config does not compile (${compiled.issues.length} problem${compiled.issues.length === 1 ? '' : 's'})`, opts.source.type === 'catalog' ? (opts.source.overlay ? 'overlay' : 'catalog') : 'document', compiled.issues);
  const name = opts.name?.trim() ?? compiled.value.config.county.name.zh;
  if (!(await deps.configs.createCounty({ id: opts.id, name, compiled: compiled.value, createdBy: opts.createdBy, now: opts.now }))) {
    throw new CountyError('county-exists', `county "${opts.id}" already exists`, 'id');
  }
  const credentials = await issueCountyCredentials(deps.db, { county: opts.id, now: opts.now });
  return { id: opts.id, name, activeVersion: 1, ...credentials };
}
