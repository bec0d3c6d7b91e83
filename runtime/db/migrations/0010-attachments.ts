/**
 * Photos and short videos attached to reports, resolutions and Open311 requests. A row is the
 * file's metadata; the bytes live in the attachment store (the data folder, or S3), addressed by
 * their SHA-256. `event_id` is null until a report or an action names the attachment: until then
 * only its uploader may read it.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

export const name = '0010-attachments';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('attachments', {
    county_id: { type: DataTypes.STRING(64), allowNull: false, primaryKey: true },
    id: { type: DataTypes.STRING(36), allowNull: false, primaryKey: true },
    media_type: { type: DataTypes.STRING(64), allowNull: false },
    size: { type: DataTypes.BIGINT, allowNull: false },
    sha256: { type: DataTypes.STRING(64), allowNull: false },
    width: { type: DataTypes.INTEGER, allowNull: true },
    height: { type: DataTypes.INTEGER, allowNull: true },
    thumbnail_sha256: { type: DataTypes.STRING(64), allowNull: true },
    thumbnail_size: { type: DataTypes.INTEGER, allowNull: true },
    uploaded_by: { type: DataTypes.STRING(64), allowNull: false },
    event_id: { type: DataTypes.STRING(36), allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('attachments', ['county_id', 'event_id'], { name: 'attachments_event' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('attachments');
}
