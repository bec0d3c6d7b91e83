/**
 * The initial schema. Frozen: a later change is a new migration file, never an edit here.
 * Every table carries `county_id` in its primary key and unique indexes (sharding by county).
 * Times are timestamps with time zone (PostgreSQL) / ISO text in UTC (SQLite).
 */
import { DataTypes, type QueryInterface } from 'sequelize';

export const name = '0001-initial';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  const json = qi.sequelize.getDialect() === 'postgres' ? DataTypes.JSONB : DataTypes.JSON;
  const county = () => ({ type: DataTypes.STRING(64), allowNull: false, primaryKey: true });
  const uuidKey = () => ({ type: DataTypes.UUID, allowNull: false, primaryKey: true });
  const str = (n: number, allowNull = false) => ({ type: DataTypes.STRING(n), allowNull });
  const date = (allowNull = false) => ({ type: DataTypes.DATE, allowNull });
  const int = (allowNull = false) => ({ type: DataTypes.INTEGER, allowNull });
  const bool = () => ({ type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false });
  const jsonCol = () => ({ type: json, allowNull: false });
  const text = (allowNull = true) => ({ type: DataTypes.TEXT, allowNull });

  await qi.createTable('counties', {
    id: { type: DataTypes.STRING(64), allowNull: false, primaryKey: true },
    name: str(200),
    active_version: int(true),
    open311_key_hash: str(64, true),
    created_at: date(),
  });

  await qi.createTable('config_versions', {
    county_id: county(),
    version: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
    status: str(16),
    document: jsonCol(),
    hash: str(128),
    created_by: str(128),
    created_at: date(),
    published_at: date(true),
  });
  await qi.addIndex('config_versions', ['county_id', 'status', 'version'], { name: 'config_versions_status' });

  await qi.createTable('events', {
    county_id: county(),
    id: uuidKey(),
    config_version: int(),
    category: str(64),
    level: int(),
    state: str(64),
    closed: bool(),
    handling_unit: str(64, true),
    dispatcher: str(64),
    assist: jsonCol(),
    reporter_id: str(128),
    source: str(32),
    grid: str(64, true),
    township: str(64, true),
    red: bool(),
    data: jsonCol(),
    decision: jsonCol(),
    explanation: jsonCol(),
    sla: jsonCol(),
    version: int(),
    reported_at: date(),
    updated_at: date(),
    idempotency_key: str(200, true),
  });
  await qi.addIndex('events', ['county_id', 'idempotency_key'], { name: 'events_idempotency', unique: true });
  await qi.addIndex('events', ['county_id', 'handling_unit', 'state', 'reported_at', 'id'], { name: 'events_worklist' });
  await qi.addIndex('events', ['county_id', 'state', 'red'], { name: 'events_state_red' });
  await qi.addIndex('events', ['county_id', 'reported_at', 'id'], { name: 'events_reported' });
  await qi.addIndex('events', ['county_id', 'category', 'grid', 'reported_at'], { name: 'events_recent_reports' });
  await qi.addIndex('events', ['county_id', 'closed', 'red'], { name: 'events_open_red' });

  await qi.createTable('event_history', {
    county_id: county(),
    event_id: uuidKey(),
    seq: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
    at: date(),
    actor_id: str(128),
    actor_role: str(32),
    action: str(64),
    from_state: str(64, true),
    to_state: str(64, true),
    rule_id: str(64, true),
    detail: jsonCol(),
  });

  await qi.createTable('timers', {
    county_id: county(),
    id: uuidKey(),
    event_id: { type: DataTypes.UUID, allowNull: false },
    kind: str(16),
    clock: str(16),
    due_at: date(),
    status: str(16),
    channels: jsonCol(),
    claimed_by: str(128, true),
    claimed_at: date(true),
    attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    last_error: text(),
    created_at: date(),
  });
  // The poller's scan is across counties by design (any process claims any county's due timers).
  await qi.addIndex('timers', ['status', 'due_at'], { name: 'timers_due' });
  await qi.addIndex('timers', ['county_id', 'event_id', 'status'], { name: 'timers_event' });

  await qi.createTable('outbox', {
    county_id: county(),
    id: uuidKey(),
    event_id: { type: DataTypes.UUID, allowNull: true },
    channel: str(32),
    target_unit: str(64, true),
    payload: jsonCol(),
    status: str(16),
    attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    next_attempt_at: date(),
    last_error: text(),
    created_at: date(),
    sent_at: date(true),
  });
  await qi.addIndex('outbox', ['status', 'next_attempt_at'], { name: 'outbox_due' });
  await qi.addIndex('outbox', ['county_id', 'event_id'], { name: 'outbox_event' });

  await qi.createTable('supervision_tickets', {
    county_id: county(),
    id: uuidKey(),
    event_id: { type: DataTypes.UUID, allowNull: false },
    unit: str(64),
    issued_at: date(),
    reason: text(false),
    timer_id: { type: DataTypes.UUID, allowNull: true },
  });
  await qi.addIndex('supervision_tickets', ['county_id', 'event_id'], { name: 'supervision_tickets_event' });
  await qi.addIndex('supervision_tickets', ['county_id', 'unit', 'issued_at'], { name: 'supervision_tickets_unit' });

  await qi.createTable('tokens', {
    county_id: county(),
    id: uuidKey(),
    hash: str(64),
    role: str(32),
    unit: str(64, true),
    label: str(200, true),
    created_at: date(),
    revoked: bool(),
  });
  await qi.addIndex('tokens', ['county_id', 'hash'], { name: 'tokens_county_hash', unique: true });
  // Authentication looks a bearer token up by its hash before it knows the county.
  await qi.addIndex('tokens', ['hash'], { name: 'tokens_hash' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  for (const table of ['tokens', 'supervision_tickets', 'outbox', 'timers', 'event_history', 'events', 'config_versions', 'counties']) {
    await qi.dropTable(table);
  }
}
