/**
 * Named people: accounts of a county (name, phone or username, role, unit) that sign in with a
 * password, and session tokens bound to them. A token row with an `account_id` is a session of
 * that account with an `expires_at`; one without is an API token for a machine. `last_used_at`
 * is written at most once a minute per token.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

export const name = '0009-accounts';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('accounts', {
    county_id: { type: DataTypes.STRING(64), allowNull: false, primaryKey: true },
    id: { type: DataTypes.UUID, allowNull: false, primaryKey: true },
    name: { type: DataTypes.STRING(100), allowNull: false },
    phone: { type: DataTypes.STRING(32), allowNull: true },
    username: { type: DataTypes.STRING(64), allowNull: true },
    role: { type: DataTypes.STRING(32), allowNull: false },
    unit: { type: DataTypes.STRING(64), allowNull: true },
    disabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    password_hash: { type: DataTypes.STRING(255), allowNull: false },
    password_change_required: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    failed_attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    locked_until: { type: DataTypes.DATE, allowNull: true },
    last_sign_in_at: { type: DataTypes.DATE, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('accounts', ['county_id', 'phone'], { name: 'accounts_phone', unique: true });
  await qi.addIndex('accounts', ['county_id', 'username'], { name: 'accounts_username', unique: true });
  await qi.addColumn('tokens', 'account_id', { type: DataTypes.UUID, allowNull: true });
  await qi.addColumn('tokens', 'expires_at', { type: DataTypes.DATE, allowNull: true });
  await qi.addColumn('tokens', 'last_used_at', { type: DataTypes.DATE, allowNull: true });
  await qi.addIndex('tokens', ['county_id', 'account_id'], { name: 'tokens_account' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeIndex('tokens', 'tokens_account');
  await qi.removeColumn('tokens', 'last_used_at');
  await qi.removeColumn('tokens', 'expires_at');
  await qi.removeColumn('tokens', 'account_id');
  await qi.dropTable('accounts');
}
