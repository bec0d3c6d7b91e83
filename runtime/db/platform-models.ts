/**
 * sequelize models of the platform level (migration 0008): the platform administrator's tokens,
 * and the part of `counties` the platform manages (whether a county is disabled). Bound once per
 * database opened, beside the county models of ./models.ts.
 */
import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes } from 'sequelize';
import type { Database } from './open-database';

export class PlatformTokenRow extends Model<InferAttributes<PlatformTokenRow>, InferCreationAttributes<PlatformTokenRow>> {
  declare id: string;
  declare hash: string;
  declare label: string | null;
  declare createdAt: Date;
  declare revoked: CreationOptional<boolean>;
}

/** A county as the platform sees it: `disabledAt` set while the county is disabled. */
export class CountyStatusRow extends Model<InferAttributes<CountyStatusRow>, InferCreationAttributes<CountyStatusRow>> {
  declare id: string;
  declare disabledAt: Date | null;
}

export interface PlatformModels {
  PlatformToken: typeof PlatformTokenRow;
  CountyStatus: typeof CountyStatusRow;
}

const bound = new WeakMap<Database, PlatformModels>();

/** The platform models bound to `db`'s sequelize instance (bound on first use). */
export function platformModels(db: Database): PlatformModels {
  let models = bound.get(db);
  if (models) return models;
  const common = { sequelize: db.sequelize, underscored: true, timestamps: false, freezeTableName: true } as const;
  const M = { PlatformToken: class extends PlatformTokenRow {}, CountyStatus: class extends CountyStatusRow {} };
  M.PlatformToken.init(
    {
      id: { type: DataTypes.UUID, allowNull: false, primaryKey: true },
      hash: { type: DataTypes.STRING(64), allowNull: false },
      label: { type: DataTypes.STRING(200), allowNull: true },
      createdAt: { type: DataTypes.DATE, allowNull: false },
      revoked: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    },
    { ...common, tableName: 'platform_tokens', modelName: 'PlatformToken' },
  );
  M.CountyStatus.init(
    {
      id: { type: DataTypes.STRING(64), allowNull: false, primaryKey: true },
      disabledAt: { type: DataTypes.DATE, allowNull: true },
    },
    { ...common, tableName: 'counties', modelName: 'CountyStatus' },
  );
  bound.set(db, (models = M));
  return models;
}
