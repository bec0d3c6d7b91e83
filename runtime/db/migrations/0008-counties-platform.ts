/**
 * Counties run by a platform administrator (the city or province level): a county may be
 * disabled (`counties.disabled_at`; its tokens stop working, its data stays) and enabled again;
 * the platform administrator's bearer tokens live in `platform_tokens`, bound to no county.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

export const name = '0008-counties-platform';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('counties', 'disabled_at', { type: DataTypes.DATE, allowNull: true });
  await qi.createTable('platform_tokens', {
    id: { type: DataTypes.UUID, allowNull: false, primaryKey: true },
    hash: { type: DataTypes.STRING(64), allowNull: false },
    label: { type: DataTypes.STRING(200), allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
    revoked: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
  });
  await qi.addIndex('platform_tokens', ['hash'], { name: 'platform_tokens_hash', unique: true });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('platform_tokens');
  await qi.removeColumn('counties', 'disabled_at');
}
