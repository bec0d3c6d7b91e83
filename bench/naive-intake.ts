/**
 * Baseline (b) of bench/intake: the intake a user would write with the same libraries and no
 * pingtai runtime. express 5 + express.json(), ajv (Ajv2020 + formats) on the category's composed
 * form (validators compiled once per form and cached), ONE bare json-rules-engine Engine holding
 * all of the catalog's rules run on the same facts the runtime builds, and one sequelize
 * `Model.create` of the event. No auth, no SLA, no audit, no timers, no idempotency.
 *
 * Run as a child process: `node --import tsx bench/naive-intake.ts`; env NAIVE_DATA (folder of
 * its SQLite file, WAL) or NAIVE_DATABASE_URL (postgres://…), PORT (default 0). Prints
 * `naive listening on http://127.0.0.1:PORT` when ready.
 */
import { loadBaseline } from './catalog-events';
import { join } from 'node:path';
import express from 'express';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { DataTypes, Model, Sequelize, type InferAttributes, type InferCreationAttributes, type CreationOptional } from 'sequelize';
import type { CompiledConfig } from '../engine/index';
import { assembleDecision, buildFacts, levelFrom } from '../engine/rules/decide';
import { createReferenceEngine } from '../engine/rules/reference-engine';

const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;


class NaiveEvent extends Model<InferAttributes<NaiveEvent>, InferCreationAttributes<NaiveEvent>> {
  declare id: CreationOptional<string>;
  declare category: string;
  declare level: number;
  declare unit: string | null;
  declare source: string;
  declare data: Record<string, unknown>;
  declare decision: Record<string, unknown>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export async function startNaiveServer(opts: { port?: number; dataDir?: string; databaseUrl?: string }): Promise<{ url: string; close(): Promise<void> }> {
  const compiled = await loadBaseline();
  const sequelize = opts.databaseUrl
    ? new Sequelize(opts.databaseUrl, { dialect: 'postgres', logging: false, pool: { max: 10 } })
    : new Sequelize({ dialect: 'sqlite', storage: join(opts.dataDir ?? '.', 'naive.sqlite'), logging: false });
  NaiveEvent.init(
    {
      id: { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV4, primaryKey: true },
      category: { type: DataTypes.STRING(64), allowNull: false },
      level: { type: DataTypes.INTEGER, allowNull: false },
      unit: { type: DataTypes.STRING(64), allowNull: true },
      source: { type: DataTypes.STRING(32), allowNull: false },
      data: { type: opts.databaseUrl ? DataTypes.JSONB : DataTypes.JSON, allowNull: false },
      decision: { type: opts.databaseUrl ? DataTypes.JSONB : DataTypes.JSON, allowNull: false },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'naive_events' },
  );
  if (!opts.databaseUrl) {
    // WAL as a user would set it, and synchronous=NORMAL like the runtime, so the write costs the
    // same on both sides (sequelize keeps one connection outside transactions).
    await sequelize.query('PRAGMA journal_mode = WAL');
    await sequelize.query('PRAGMA synchronous = NORMAL');
  }
  await NaiveEvent.sync({ force: true });

  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const validators = new Map<string, ValidateFunction>();
  const engine = createReferenceEngine(compiled.rules);
  const byId = new Map(compiled.rules.map((r) => [r.rule.id, r]));

  const app = express();
  app.use(express.json({ limit: '1mb' }));
  app.post('/api/v1/counties/:county/events', async (req, res) => {
    const { category: given, data, source } = (req.body ?? {}) as { category?: unknown; data?: Record<string, unknown>; source?: string };
    const category = typeof given === 'string' ? given : '';
    const index = compiled.category(category);
    if (!index || typeof data !== 'object' || data === null) {
      res.status(422).json({ error: 'unknown category or no data' });
      return;
    }
    const formId = index.minor.form;
    let validate = validators.get(formId);
    if (!validate) {
      validate = ajv.compile(compiled.forms.get(formId)!.schema);
      validators.set(formId, validate);
    }
    if (!validate(data)) {
      res.status(422).json({ error: 'invalid', issues: validate.errors });
      return;
    }
    const event = { category, data, reportedAt: Date.now(), source: source ?? 'api' };
    const facts = buildFacts(compiled, index, event, { recentReports: 0 });
    facts.level = index.minor.level;
    const { events } = await engine.run({ ...facts });
    // the fired rules, turned into a decision the way the engine's own assembly does it
    const fired = events.map((e) => byId.get((e.params as { ruleId: string }).ruleId)!).sort((a, b) => a.index - b.index);
    const level = levelFrom(index, fired.filter((r) => r.rule.event.type === 'grade'));
    const { decision } = assembleDecision(compiled, index, event, level, fired);
    const row = await NaiveEvent.create({ category, level, unit: decision.unit, source: event.source, data, decision: decision as unknown as Record<string, unknown> });
    res.status(201).json({ event: row.toJSON() });
  });

  const server = app.listen(opts.port ?? 0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  server.keepAliveTimeout = 5_000;
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (opts.databaseUrl) await NaiveEvent.drop();
      await sequelize.close();
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const running = await startNaiveServer({
    port: Number(process.env.PORT ?? 0),
    dataDir: process.env.NAIVE_DATA,
    databaseUrl: process.env.NAIVE_DATABASE_URL || undefined,
  });
  process.stdout.write(`naive listening on ${running.url}\n`);
  const stop = () => running.close().then(() => process.exit(0), () => process.exit(1));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
