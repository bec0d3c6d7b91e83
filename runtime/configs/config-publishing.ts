/**
 * Publishing a draft and activating a published version, split into a check that may take its
 * time (compile, the config's own tests) and an apply step that runs inside a caller's
 * transaction. The configs routes apply at once; an approval (runtime/approvals) checks when it is
 * proposed, checks again when it is approved, and applies in the transaction that records the
 * approval — so an approved action and its record commit together or not at all.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Transaction } from 'sequelize';
import { compile, runConfigTests } from '../../engine/index';
import type { ConfigRepository } from '../db/config-repository';
import type { Database } from '../db/open-database';
import { ConflictError, NotFoundError, UnprocessableError } from '../http/errors';

export interface PublishingDeps {
  db: Database;
  configs: ConfigRepository;
  now: () => number;
}

/** A checked action, ready to apply. */
export interface PreparedConfigAction {
  /** What the action was checked against (a draft's content hash), or null when nothing can drift. */
  fingerprint: string | null;
  /** The response body of the route once applied. */
  response: Record<string, unknown>;
  /** Applies the action inside `t`; throws (and so rolls back) when the state moved on meanwhile. */
  apply(t: Transaction): Promise<void>;
  /** Runs after the transaction committed (cache invalidation). */
  afterCommit(): void;
}

async function liveVersion(db: Database, countyId: string, version: number) {
  const row = await db.models.ConfigVersion.findOne({ where: { countyId, version } });
  if (!row || row.status === 'deleted') throw new NotFoundError(`config version ${version} not found`);
  return row;
}

/** Checks that draft `version` compiles and passes its tests (409 / 422 otherwise). */
export async function preparePublish(deps: PublishingDeps, countyId: string, version: number): Promise<PreparedConfigAction> {
  const { ConfigVersion } = deps.db.models;
  const row = await liveVersion(deps.db, countyId, version);
  if (row.status !== 'draft') throw new ConflictError('already-published', `version ${version} is already published`, { field: 'version' });
  const result = compile(row.document);
  if (!result.ok) throw new UnprocessableError('config-invalid', `version ${version} has ${result.issues.length} problem(s); nothing was published`, { issues: result.issues });
  const compiled = result.value;
  const tests = runConfigTests(compiled);
  if (tests.failed > 0) throw new UnprocessableError('tests-failed', `${tests.failed} of ${tests.results.length} config test(s) fail; nothing was published`, { details: { results: tests.results.filter((r) => !r.pass) } });
  return {
    fingerprint: compiled.hash,
    response: { version, status: 'published', hash: compiled.hash, tests: { passed: tests.passed, failed: 0 } },
    async apply(transaction) {
      // what is published must be what was just compiled and tested: a draft replaced meanwhile is refused
      const current = await ConfigVersion.findOne({ where: { countyId, version }, transaction, ...(deps.db.dialect === 'postgres' ? { lock: transaction.LOCK.UPDATE } : {}) });
      if (current && current.status === 'draft' && !isDeepStrictEqual(current.document, row.document)) {
        throw new ConflictError('draft-changed', `version ${version} was changed while it was being checked; nothing was published — publish it again`);
      }
      const [count] = await ConfigVersion.update({ status: 'published', hash: compiled.hash, publishedAt: new Date(deps.now()) }, { where: { countyId, version, status: 'draft' }, transaction });
      if (count !== 1) throw new ConflictError('already-published', `version ${version} was published meanwhile`);
    },
    afterCommit() {},
  };
}

/** Checks that `version` is published, compiles, and is not the active version already (409 otherwise). */
export async function prepareActivate(deps: PublishingDeps, countyId: string, version: number, opts: { refuseActive: boolean }): Promise<PreparedConfigAction> {
  const row = await liveVersion(deps.db, countyId, version);
  if (row.status !== 'published') throw new ConflictError('not-published', `version ${version} is a draft; publish it first`, { field: 'version' });
  await deps.configs.compiled(countyId, version);
  const county = await deps.db.models.County.findOne({ where: { id: countyId }, attributes: ['activeVersion'] });
  if (opts.refuseActive && county?.activeVersion === version) throw new ConflictError('already-active', `version ${version} is the active version already`, { field: 'version' });
  return {
    fingerprint: null,
    response: { active: version },
    async apply(transaction) {
      if (opts.refuseActive) {
        const now = await deps.db.models.County.findOne({ where: { id: countyId }, attributes: ['activeVersion'], transaction, ...(deps.db.dialect === 'postgres' ? { lock: transaction.LOCK.UPDATE } : {}) });
        if (now?.activeVersion === version) throw new ConflictError('already-active', `version ${version} was made the active version meanwhile`, { field: 'version' });
      }
      await deps.db.models.County.update({ activeVersion: version, activatedAt: new Date(deps.now()) }, { where: { id: countyId }, transaction });
    },
    afterCommit() {
      deps.configs.forgetActive(countyId);
    },
  };
}
