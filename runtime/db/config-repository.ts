/**
 * County configs as stored versions, and their compiled form. Published versions never change,
 * so their compiled configs are cached by (county, version): every event is pinned to the version
 * it was created under and keeps being decided, timed and moved by exactly those rules.
 */
import { UniqueConstraintError } from 'sequelize';
import { compile, type CompiledConfig } from '../../engine/index';
import type { Database } from './open-database';
import { RefreshingCache } from './refreshing-cache';
import { activePilotTownships } from '../pilots/active-pilots';

const CACHE_LIMIT = 256;

export class ConfigNotFoundError extends Error {
  override name = 'ConfigNotFoundError';
  readonly code = 'config-not-found';
}

/** How long a process trusts its knowledge of a county's active version (activation elsewhere shows within this). */
export const ACTIVE_VERSION_CACHE_MS = 2_000;

export class ConfigRepository {
  /** Compiled configs (or their compilation in progress, shared by concurrent callers). */
  private readonly cache = new Map<string, Promise<CompiledConfig>>();
  /** Known counties' active versions (null: the county has none). */
  private readonly activeVersions = new RefreshingCache<{ version: number | null }>(ACTIVE_VERSION_CACHE_MS);
  /** Known counties' active pilots: township → pilot and version (refreshed like the active versions). */
  private readonly pilots = new RefreshingCache<{ townships: Map<string, { pilot: number; version: number }> }>(ACTIVE_VERSION_CACHE_MS);

  constructor(private readonly db: Database) {}

  /** The compiled config of a published version. Throws {@link ConfigNotFoundError} when there is none. */
  compiled(countyId: string, version: number): Promise<CompiledConfig> {
    const key = `${countyId}\u0000${version}`;
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const loading = this.load(countyId, version);
    this.cache.set(key, loading);
    loading.catch(() => this.cache.delete(key));
    if (this.cache.size > CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value as string);
    return loading;
  }

  private async load(countyId: string, version: number): Promise<CompiledConfig> {
    const row = await this.db.models.ConfigVersion.findOne({ where: { countyId, version, status: 'published' } });
    if (!row) throw new ConfigNotFoundError(`county "${countyId}" has no published config version ${version}`);
    const result = compile(row.document);
    if (!result.ok) {
      // A published version compiled when it was published; failing now means the engine changed under it.
      throw new Error(`published config ${countyId} v${version} no longer compiles: ${result.issues.map((i) => `${i.pointer} ${i.message}`).join('; ')}`);
    }
    return result.value;
  }

  /** Forget the cached active version of a county (after activating another one in this process). */
  forgetActive(countyId: string): void {
    this.activeVersions.forget((key) => key === countyId);
  }

  /**
   * The county's active version and its compiled config, or null for an unknown county or one
   * without an active version. Once known, the version is answered from memory and refreshed
   * in the background after {@link ACTIVE_VERSION_CACHE_MS} (see RefreshingCache).
   */
  async active(countyId: string): Promise<{ version: number; compiled: CompiledConfig } | null> {
    const known = await this.activeVersions.get(countyId, async () => {
      const county = await this.db.models.County.findOne({ where: { id: countyId }, attributes: ['id', 'activeVersion'] });
      return county ? { version: county.activeVersion ?? null } : null;
    });
    if (!known || known.version === null) return null;
    return { version: known.version, compiled: await this.compiled(countyId, known.version) };
  }

  /**
   * The pilot covering `township`, with its version's compiled config, or null when the township
   * follows the county's main version (runtime/pilots/pilot-store.ts).
   */
  async pilotFor(countyId: string, township: string): Promise<{ pilot: number; version: number; compiled: CompiledConfig } | null> {
    const known = await this.pilots.get(countyId, async () => ({ townships: await activePilotTownships(this.db, countyId) }));
    const hit = known?.townships.get(township);
    return hit ? { ...hit, compiled: await this.compiled(countyId, hit.version) } : null;
  }

  /** Forget the cached pilots of a county (after changing one in this process). */
  forgetPilots(countyId: string): void {
    this.pilots.forget((key) => key === countyId);
  }

  /**
   * Creates a county with `compiled` as its version 1, published and active, in one transaction.
   * Returns false (and changes nothing) when the county already exists.
   */
  async createCounty(opts: { id: string; name: string; compiled: CompiledConfig; createdBy: string; now: number }): Promise<boolean> {
    const { County, ConfigVersion } = this.db.models;
    const created = this.db.transaction(async (transaction) => {
      if (await County.findOne({ where: { id: opts.id }, transaction })) return false;
      const at = new Date(opts.now);
      await County.create({ id: opts.id, name: opts.name, activeVersion: 1, activatedAt: at, createdAt: at }, { transaction });
      await ConfigVersion.create(
        {
          countyId: opts.id,
          version: 1,
          status: 'published',
          document: opts.compiled.config as unknown as Record<string, unknown>,
          hash: opts.compiled.hash,
          createdBy: opts.createdBy,
          createdAt: at,
          publishedAt: at,
        },
        { transaction },
      );
      return true;
    });
    // Two processes seeding an empty PostgreSQL database at once: the second loses on the key.
    return created.catch((err: unknown) => {
      if (err instanceof UniqueConstraintError) return false;
      throw err;
    });
  }
}
