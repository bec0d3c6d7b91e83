/**
 * The config log: every published config version is linked into its county's `config` chain in
 * the transaction that publishes it (or creates it published, as a new county's version 1).
 * Drafts change freely and are not part of the log until published; a published version never
 * changes, so its row's hash covers its document, hash, author and times.
 *
 * Linked by model hooks, so every way of publishing (the API, approvals, the command line) is
 * covered without each one remembering to.
 */
import type { Sequelize, Transaction } from 'sequelize';
import type { Dialect } from '../db/open-database';
import type { ConfigVersion } from '../db/models';
import { storedJson, storedTime } from '../db/raw-sql';
import { configCanonical, linkRecords, type ConfigRecord } from './audit-records';
import { advanceHead, lockHead, transactionSql } from './chain-heads';

/** Links the county's published versions not yet in its chain, in version order. */
export async function linkPublishedConfigs(sequelize: Sequelize, dialect: Dialect, county: string, t: Transaction): Promise<void> {
  const sql = transactionSql({ sequelize }, t);
  const from = await lockHead(sql, dialect, county, 'config');
  const rows = await sql.all<Record<string, unknown>>(
    "SELECT version, status, document, hash, created_by, created_at, published_at FROM config_versions WHERE county_id = ? AND status = 'published' AND chain_seq IS NULL ORDER BY version",
    [county],
  );
  if (rows.length === 0) return;
  const records: ConfigRecord[] = rows.map(configRecordOf);
  const { links, head } = linkRecords(county, from, records, configCanonical);
  for (let i = 0; i < links.length; i++) {
    await sql.run('UPDATE config_versions SET chain_seq = ?, chain_hash = ? WHERE county_id = ? AND version = ?', [links[i].chainSeq, links[i].chainHash, county, records[i].version]);
  }
  await advanceHead(sql, county, 'config', from, head);
}

/** A raw `config_versions` row (either database) as the log hashes it. */
export function configRecordOf(r: Record<string, unknown>): ConfigRecord {
  return {
    version: Number(r.version), status: String(r.status), document: storedJson(r.document), hash: String(r.hash), createdBy: String(r.created_by),
    createdAt: storedTime(r.created_at), publishedAt: r.published_at === null || r.published_at === undefined ? null : storedTime(r.published_at),
  };
}

/** Hooks on the ConfigVersion model that link versions as they are published. */
export function installConfigChain(model: typeof ConfigVersion, sequelize: Sequelize, dialect: Dialect): void {
  const link = async (county: unknown, t: Transaction | null | undefined) => {
    if (typeof county !== 'string') return;
    if (t) await linkPublishedConfigs(sequelize, dialect, county, t);
    else await sequelize.transaction((own) => linkPublishedConfigs(sequelize, dialect, county, own));
  };
  model.addHook('afterCreate', async (instance: ConfigVersion, options: { transaction?: Transaction | null }) => {
    if (instance.status === 'published') await link(instance.countyId, options.transaction);
  });
  model.addHook('afterBulkUpdate', async (options: { attributes?: Record<string, unknown>; where?: unknown; transaction?: Transaction | null }) => {
    if (options.attributes?.status !== 'published') return;
    // sequelize has renamed the where's attributes to columns by now
    const where = options.where as { countyId?: unknown; county_id?: unknown } | undefined;
    await link(where?.county_id ?? where?.countyId, options.transaction);
  });
}
