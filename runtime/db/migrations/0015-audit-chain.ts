/**
 * Tamper evidence (docs/audit.md): three hash chains per county — published config versions,
 * event history, account changes.
 * - `audit_chain_heads`: the last seq and hash of each (county, log);
 * - `event_history` and `config_versions` get `chain_seq` (position in the county's chain) and
 *   `chain_hash`;
 * - `account_changes`: an append-only log of account changes (created, changed, disabled,
 *   password reset…), its `seq` being its chain position; never a password or a hash of one.
 * Rows already there are chained here, in order (history by time, event, seq; versions by
 * number; each existing account as one `recorded` entry), so an older database verifies.
 */
import { DataTypes, QueryTypes, type QueryInterface, type Transaction } from 'sequelize';
import { GENESIS_HASH } from '../../audit/canonical-json';
import { accountCanonical, configCanonical, historyCanonical, linkRecords, type AuditLog, type ChainHead } from '../../audit/audit-records';
import { storedBoolean, storedJson, storedTime } from '../raw-sql';

export const name = '0015-audit-chain';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  const json = qi.sequelize.getDialect() === 'postgres' ? DataTypes.JSONB : DataTypes.JSON;
  await qi.createTable('audit_chain_heads', {
    county_id: { type: DataTypes.STRING(64), allowNull: false, primaryKey: true },
    log: { type: DataTypes.STRING(16), allowNull: false, primaryKey: true },
    seq: { type: DataTypes.BIGINT, allowNull: false },
    hash: { type: DataTypes.STRING(64), allowNull: false },
  });
  for (const table of ['event_history', 'config_versions']) {
    await qi.addColumn(table, 'chain_seq', { type: DataTypes.BIGINT, allowNull: true });
    await qi.addColumn(table, 'chain_hash', { type: DataTypes.STRING(64), allowNull: true });
  }
  // not unique: a copied row must be reported by verify, not refused here
  await qi.addIndex('event_history', ['county_id', 'chain_seq'], { name: 'event_history_chain' });
  await qi.createTable('account_changes', {
    county_id: { type: DataTypes.STRING(64), allowNull: false, primaryKey: true },
    seq: { type: DataTypes.BIGINT, allowNull: false, primaryKey: true },
    account_id: { type: DataTypes.UUID, allowNull: false },
    at: { type: DataTypes.DATE, allowNull: false },
    action: { type: DataTypes.STRING(32), allowNull: false },
    actor_id: { type: DataTypes.STRING(128), allowNull: false },
    actor_role: { type: DataTypes.STRING(32), allowNull: false },
    detail: { type: json, allowNull: false },
    chain_hash: { type: DataTypes.STRING(64), allowNull: false },
  });
  await qi.sequelize.transaction((t) => chainExisting(qi, t));
}

type Row = Record<string, unknown>;

async function chainExisting(qi: QueryInterface, t: Transaction): Promise<void> {
  const q = <R = Row>(sql: string, replacements: unknown[] = []) => qi.sequelize.query(sql, { replacements, transaction: t, type: QueryTypes.SELECT, raw: true }) as Promise<R[]>;
  const run = (sql: string, replacements: unknown[]) => qi.sequelize.query(sql, { replacements, transaction: t, type: QueryTypes.RAW, raw: true });
  const setHead = (county: string, log: AuditLog, head: ChainHead) =>
    run('INSERT INTO audit_chain_heads (county_id, log, seq, hash) VALUES (?, ?, ?, ?)', [county, log, head.seq, head.hash]);
  const time = (v: unknown) => (v === null || v === undefined ? null : storedTime(v));

  for (const { county_id: county } of await q<{ county_id: string }>("SELECT DISTINCT county_id FROM config_versions WHERE status = 'published'")) {
    const rows = await q("SELECT * FROM config_versions WHERE county_id = ? AND status = 'published' ORDER BY version", [county]);
    const records = rows.map((r) => ({
      version: Number(r.version), status: String(r.status), document: storedJson(r.document), hash: String(r.hash), createdBy: String(r.created_by),
      createdAt: storedTime(r.created_at), publishedAt: time(r.published_at),
    }));
    const { links, head } = linkRecords(county, { seq: 0, hash: GENESIS_HASH }, records, configCanonical);
    for (let i = 0; i < links.length; i++) {
      await run('UPDATE config_versions SET chain_seq = ?, chain_hash = ? WHERE county_id = ? AND version = ?', [links[i].chainSeq, links[i].chainHash, county, records[i].version]);
    }
    await setHead(county, 'config', head);
  }

  for (const { county_id: county } of await q<{ county_id: string }>('SELECT DISTINCT county_id FROM event_history')) {
    let head: ChainHead = { seq: 0, hash: GENESIS_HASH };
    let after: [unknown, string, number] | null = null;
    for (;;) {
      const rows: Row[] = after
        ? await q('SELECT * FROM event_history WHERE county_id = ? AND (at > ? OR (at = ? AND (event_id > ? OR (event_id = ? AND seq > ?)))) ORDER BY at, event_id, seq LIMIT 2000', [county, after[0], after[0], after[1], after[1], after[2]])
        : await q('SELECT * FROM event_history WHERE county_id = ? ORDER BY at, event_id, seq LIMIT 2000', [county]);
      if (rows.length === 0) break;
      const records = rows.map((r) => ({
        eventId: String(r.event_id), seq: Number(r.seq), at: storedTime(r.at), actorId: String(r.actor_id), actorRole: String(r.actor_role), action: String(r.action),
        fromState: (r.from_state as string | null) ?? null, toState: (r.to_state as string | null) ?? null, ruleId: (r.rule_id as string | null) ?? null, detail: storedJson(r.detail),
      }));
      const linked = linkRecords(county, head, records, historyCanonical);
      for (let i = 0; i < records.length; i++) {
        await run('UPDATE event_history SET chain_seq = ?, chain_hash = ? WHERE county_id = ? AND event_id = ? AND seq = ?', [linked.links[i].chainSeq, linked.links[i].chainHash, county, records[i].eventId, records[i].seq]);
      }
      head = linked.head;
      const last = rows[rows.length - 1];
      after = [last.at, String(last.event_id), Number(last.seq)];
    }
    await setHead(county, 'event', head);
  }

  for (const { county_id: county } of await q<{ county_id: string }>('SELECT DISTINCT county_id FROM accounts')) {
    const rows = await q('SELECT * FROM accounts WHERE county_id = ? ORDER BY created_at, id', [county]);
    const records = rows.map((r) => ({
      accountId: String(r.id), at: storedTime(r.created_at), action: 'recorded', actorId: 'migration', actorRole: 'system',
      detail: { name: r.name, phone: r.phone ?? null, username: r.username ?? null, role: r.role, unit: r.unit ?? null, disabled: storedBoolean(r.disabled) },
    }));
    const { links, head } = linkRecords(county, { seq: 0, hash: GENESIS_HASH }, records, accountCanonical);
    const dialect = qi.sequelize.getDialect();
    for (let i = 0; i < links.length; i++) {
      const r = records[i];
      await run('INSERT INTO account_changes (county_id, seq, account_id, at, action, actor_id, actor_role, detail, chain_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
        county, links[i].chainSeq, r.accountId, dialect === 'postgres' ? new Date(r.at) : rows[i].created_at, r.action, r.actorId, r.actorRole, JSON.stringify(r.detail), links[i].chainHash,
      ]);
    }
    await setHead(county, 'account', head);
  }
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('account_changes');
  await qi.removeIndex('event_history', 'event_history_chain');
  // ALTER TABLE … DROP COLUMN on both databases: sequelize's SQLite removeColumn rebuilds the
  // table and trips over its composite key
  for (const table of ['config_versions', 'event_history']) {
    await qi.sequelize.query(`ALTER TABLE ${table} DROP COLUMN chain_hash`);
    await qi.sequelize.query(`ALTER TABLE ${table} DROP COLUMN chain_seq`);
  }
  await qi.dropTable('audit_chain_heads');
}
