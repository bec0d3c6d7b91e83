/**
 * sequelize models of the runtime's tables. They stay in runtime/db: the rest of the runtime
 * works with plain rows (`.get({ plain: true })`) and engine types. The tables themselves are
 * created by the versioned migrations in ./migrations; these definitions must match them.
 *
 * Every table carries `county_id`, part of its primary key and of every unique index, so the
 * schema can be sharded by county later without a rewrite.
 */
import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

type Json = Record<string, unknown>;

export class County extends Model<InferAttributes<County>, InferCreationAttributes<County>> {
  declare id: string;
  declare name: string;
  declare activeVersion: number | null;
  /** When the active version was made active (null before migration 0007 filled it). */
  declare activatedAt: CreationOptional<Date | null>;
  declare open311KeyHash: CreationOptional<string | null>;
  declare createdAt: Date;
}

export class ConfigVersion extends Model<InferAttributes<ConfigVersion>, InferCreationAttributes<ConfigVersion>> {
  declare countyId: string;
  declare version: number;
  declare status: 'draft' | 'published' | 'deleted';
  declare document: Json;
  declare hash: string;
  declare createdBy: string;
  declare createdAt: Date;
  declare publishedAt: CreationOptional<Date | null>;
}

export class EventRow extends Model<InferAttributes<EventRow>, InferCreationAttributes<EventRow>> {
  declare countyId: string;
  declare id: string;
  declare configVersion: number;
  declare category: string;
  declare level: number;
  declare state: string;
  /** True once the event is in a terminal state of its workflow. */
  declare closed: boolean;
  declare handlingUnit: string | null;
  declare dispatcher: string;
  declare assist: string[];
  declare reporterId: string;
  declare source: string;
  declare grid: string | null;
  declare township: string | null;
  declare red: boolean;
  declare data: Json;
  declare decision: Json;
  declare explanation: Json;
  declare sla: Json;
  declare version: number;
  declare reportedAt: Date;
  declare updatedAt: Date;
  declare idempotencyKey: string | null;
}

export class EventHistory extends Model<InferAttributes<EventHistory>, InferCreationAttributes<EventHistory>> {
  declare countyId: string;
  declare eventId: string;
  declare seq: number;
  declare at: Date;
  declare actorId: string;
  declare actorRole: string;
  declare action: string;
  declare fromState: string | null;
  declare toState: string | null;
  /** The rule that decided (dispatch by rules), or null for a person's action. */
  declare ruleId: string | null;
  declare detail: Json;
  /** Position in the county's event-history hash chain and the chain hash (runtime/audit). */
  declare chainSeq: CreationOptional<number | null>;
  declare chainHash: CreationOptional<string | null>;
}

export type TimerKind = 'reminder' | 'breach' | 'auto-escalate';
export type TimerStatus = 'pending' | 'fired' | 'cancelled' | 'failed';

export class TimerRow extends Model<InferAttributes<TimerRow>, InferCreationAttributes<TimerRow>> {
  declare countyId: string;
  declare id: string;
  declare eventId: string;
  declare kind: TimerKind;
  declare clock: string;
  declare dueAt: Date;
  declare status: TimerStatus;
  declare channels: string[];
  declare claimedBy: CreationOptional<string | null>;
  declare claimedAt: CreationOptional<Date | null>;
  declare attempts: CreationOptional<number>;
  declare lastError: CreationOptional<string | null>;
  declare createdAt: Date;
}

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';

export class OutboxMessage extends Model<InferAttributes<OutboxMessage>, InferCreationAttributes<OutboxMessage>> {
  declare countyId: string;
  declare id: string;
  declare eventId: string | null;
  declare channel: string;
  declare targetUnit: string | null;
  declare payload: Json;
  declare status: OutboxStatus;
  declare attempts: CreationOptional<number>;
  declare nextAttemptAt: Date;
  declare lastError: CreationOptional<string | null>;
  declare createdAt: Date;
  declare sentAt: CreationOptional<Date | null>;
}

export class SupervisionTicket extends Model<InferAttributes<SupervisionTicket>, InferCreationAttributes<SupervisionTicket>> {
  declare countyId: string;
  declare id: string;
  declare eventId: string;
  declare unit: string;
  declare issuedAt: Date;
  declare reason: string;
  declare timerId: string | null;
}

export class TokenRow extends Model<InferAttributes<TokenRow>, InferCreationAttributes<TokenRow>> {
  declare countyId: string;
  declare id: string;
  declare hash: string;
  declare role: string;
  declare unit: string | null;
  declare label: string | null;
  declare createdAt: Date;
  declare revoked: CreationOptional<boolean>;
  /** The account a session token belongs to (migration 0009); null for an API token. */
  declare accountId: CreationOptional<string | null>;
  declare expiresAt: CreationOptional<Date | null>;
  declare lastUsedAt: CreationOptional<Date | null>;
}

/** A named person of a county (migration 0009). */
export class AccountRow extends Model<InferAttributes<AccountRow>, InferCreationAttributes<AccountRow>> {
  declare countyId: string;
  declare id: string;
  declare name: string;
  declare phone: string | null;
  declare username: string | null;
  declare role: string;
  declare unit: string | null;
  declare disabled: CreationOptional<boolean>;
  declare passwordHash: string;
  declare passwordChangeRequired: boolean;
  declare failedAttempts: CreationOptional<number>;
  declare lockedUntil: CreationOptional<Date | null>;
  declare lastSignInAt: CreationOptional<Date | null>;
  declare createdAt: Date;
  declare updatedAt: Date;
}

export interface Models {
  County: typeof County;
  ConfigVersion: typeof ConfigVersion;
  Event: typeof EventRow;
  EventHistory: typeof EventHistory;
  Timer: typeof TimerRow;
  Outbox: typeof OutboxMessage;
  SupervisionTicket: typeof SupervisionTicket;
  Token: typeof TokenRow;
  Account: typeof AccountRow;
}

/** Binds the model classes to one sequelize instance (one per database opened). */
export function defineModels(sequelize: Sequelize): Models {
  const json = sequelize.getDialect() === 'postgres' ? DataTypes.JSONB : DataTypes.JSON;
  const county = () => ({ type: DataTypes.STRING(64), allowNull: false, primaryKey: true, field: 'county_id' });
  const uuidKey = () => ({ type: DataTypes.UUID, allowNull: false, primaryKey: true });
  const common = { sequelize, underscored: true, timestamps: false, freezeTableName: true } as const;
  const str = (n: number, allowNull = false) => ({ type: DataTypes.STRING(n), allowNull });
  const date = (allowNull = false) => ({ type: DataTypes.DATE, allowNull });
  const int = (allowNull = false) => ({ type: DataTypes.INTEGER, allowNull });
  const bool = () => ({ type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false });
  const jsonCol = () => ({ type: json, allowNull: false });

  // Each Model class can be bound to one sequelize instance only; tests open several databases in
  // one process, so bind fresh subclasses each time.
  const M = {
    County: class extends County {},
    ConfigVersion: class extends ConfigVersion {},
    Event: class extends EventRow {},
    EventHistory: class extends EventHistory {},
    Timer: class extends TimerRow {},
    Outbox: class extends OutboxMessage {},
    SupervisionTicket: class extends SupervisionTicket {},
    Token: class extends TokenRow {},
    Account: class extends AccountRow {},
  };

  M.County.init(
    {
      id: { type: DataTypes.STRING(64), allowNull: false, primaryKey: true },
      name: str(200),
      activeVersion: int(true),
      activatedAt: date(true),
      open311KeyHash: { type: DataTypes.STRING(64), allowNull: true, field: 'open311_key_hash' },
      createdAt: date(),
    },
    { ...common, tableName: 'counties', modelName: 'County' },
  );
  M.ConfigVersion.init(
    {
      countyId: county(),
      version: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
      status: str(16),
      document: jsonCol(),
      hash: str(128),
      createdBy: str(128),
      createdAt: date(),
      publishedAt: date(true),
    },
    { ...common, tableName: 'config_versions', modelName: 'ConfigVersion' },
  );
  M.Event.init(
    {
      countyId: county(),
      id: uuidKey(),
      configVersion: int(),
      category: str(64),
      level: int(),
      state: str(64),
      closed: bool(),
      handlingUnit: str(64, true),
      dispatcher: str(64),
      assist: jsonCol(),
      reporterId: str(128),
      source: str(32),
      grid: str(64, true),
      township: str(64, true),
      red: bool(),
      data: jsonCol(),
      decision: jsonCol(),
      explanation: jsonCol(),
      sla: jsonCol(),
      version: int(),
      reportedAt: date(),
      updatedAt: date(),
      idempotencyKey: str(200, true),
    },
    { ...common, tableName: 'events', modelName: 'Event' },
  );
  M.EventHistory.init(
    {
      countyId: county(),
      eventId: uuidKey(),
      seq: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
      at: date(),
      actorId: str(128),
      actorRole: str(32),
      action: str(64),
      fromState: str(64, true),
      toState: str(64, true),
      ruleId: str(64, true),
      detail: jsonCol(),
      chainSeq: { type: DataTypes.BIGINT, allowNull: true },
      chainHash: str(64, true),
    },
    { ...common, tableName: 'event_history', modelName: 'EventHistory' },
  );
  M.Timer.init(
    {
      countyId: county(),
      id: uuidKey(),
      eventId: { type: DataTypes.UUID, allowNull: false },
      kind: str(16),
      clock: str(16),
      dueAt: date(),
      status: str(16),
      channels: jsonCol(),
      claimedBy: str(128, true),
      claimedAt: date(true),
      attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      lastError: { type: DataTypes.TEXT, allowNull: true },
      createdAt: date(),
    },
    { ...common, tableName: 'timers', modelName: 'Timer' },
  );
  M.Outbox.init(
    {
      countyId: county(),
      id: uuidKey(),
      eventId: { type: DataTypes.UUID, allowNull: true },
      channel: str(32),
      targetUnit: str(64, true),
      payload: jsonCol(),
      status: str(16),
      attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      nextAttemptAt: date(),
      lastError: { type: DataTypes.TEXT, allowNull: true },
      createdAt: date(),
      sentAt: date(true),
    },
    { ...common, tableName: 'outbox', modelName: 'Outbox' },
  );
  M.SupervisionTicket.init(
    {
      countyId: county(),
      id: uuidKey(),
      eventId: { type: DataTypes.UUID, allowNull: false },
      unit: str(64),
      issuedAt: date(),
      reason: { type: DataTypes.TEXT, allowNull: false },
      timerId: { type: DataTypes.UUID, allowNull: true },
    },
    { ...common, tableName: 'supervision_tickets', modelName: 'SupervisionTicket' },
  );
  M.Token.init(
    {
      countyId: county(),
      id: uuidKey(),
      hash: str(64),
      role: str(32),
      unit: str(64, true),
      label: str(200, true),
      createdAt: date(),
      revoked: bool(),
      accountId: { type: DataTypes.UUID, allowNull: true },
      expiresAt: date(true),
      lastUsedAt: date(true),
    },
    { ...common, tableName: 'tokens', modelName: 'Token' },
  );
  M.Account.init(
    {
      countyId: county(),
      id: uuidKey(),
      name: str(100),
      phone: str(32, true),
      username: str(64, true),
      role: str(32),
      unit: str(64, true),
      disabled: bool(),
      passwordHash: str(255),
      passwordChangeRequired: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      failedAttempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      lockedUntil: date(true),
      lastSignInAt: date(true),
      createdAt: date(),
      updatedAt: date(),
    },
    { ...common, tableName: 'accounts', modelName: 'Account' },
  );
  return M;
}
