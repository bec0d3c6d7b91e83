/**
 * Versioned schema migrations (umzug, recorded in the `schema_migrations` table). Run on server
 * start and by `pingtai migrate`; running them again is a no-op. On PostgreSQL, processes that
 * start together take turns through an advisory lock, so each migration runs once.
 */
import type { Logger } from 'pino';
import type { Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import { MIGRATIONS } from './migrations/index';

/** Arbitrary constant naming pingtai's migration lock among PostgreSQL advisory locks. */
const PG_MIGRATION_LOCK = 731_540_311;

function createUmzug(sequelize: Sequelize, logger: Logger) {
  const qi = sequelize.getQueryInterface();
  return new Umzug({
    migrations: MIGRATIONS.map((m) => ({ name: m.name, up: () => m.up({ context: qi }), down: () => m.down({ context: qi }) })),
    context: qi,
    storage: new SequelizeStorage({ sequelize, tableName: 'schema_migrations' }),
    logger: {
      info: (msg) => logger.info(msg, 'migration'),
      warn: (msg) => logger.warn(msg, 'migration'),
      error: (msg) => logger.error(msg, 'migration'),
      debug: (msg) => logger.debug(msg, 'migration'),
    },
  });
}

/** Applies every pending migration; returns the names applied (empty when up to date). */
export async function runMigrations(sequelize: Sequelize, logger: Logger): Promise<string[]> {
  const umzug = createUmzug(sequelize, logger);
  if (sequelize.getDialect() !== 'postgres') return (await umzug.up()).map((m) => m.name);
  // The lock is held by this transaction's connection; the migrations run on other pool connections.
  return sequelize.transaction(async (t) => {
    await sequelize.query(`SELECT pg_advisory_xact_lock(${PG_MIGRATION_LOCK})`, { transaction: t });
    return (await umzug.up()).map((m) => m.name);
  });
}

/** Names of the migrations not yet applied. */
export async function pendingMigrations(sequelize: Sequelize, logger: Logger): Promise<string[]> {
  return (await createUmzug(sequelize, logger).pending()).map((m) => m.name);
}
