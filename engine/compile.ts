/**
 * `compile(config)`: validates a county config (schema, then every cross-reference) and builds
 * the indexed form the engine runs on. All problems are returned at once: the cross-checks run on
 * every section that passed the schema, so a typo in one file hides no problem in another.
 */
import { checkConfigSchema } from './config/schema-check';
import { checkShadowedRules } from './config/rule-checks';
import { checkCalendars, checkCategories, checkRules, checkSla, checkTests, checkUnits, type CheckContext } from './config/cross-checks';
import { withItemName } from './config/item-names';
import { checkLevels, DEFAULT_LEVELS, levelsOf } from './config/levels';
import { checkSatisfactionScale } from './config/satisfaction';
import { checkAssessment } from './assessment/assessment-checks';
import { checkGeography, warnMissingBoundaries } from './config/geography-checks';
import { checkAlerts } from './config/alerts-checks';
import { GridLocator } from './geography/grid-locator';
import { problem } from './config/messages';
import { sourceOf, type SourceMap } from './config/bundle';
import { UnitTree } from './config/unit-tree';
import { FormRegistry } from './forms/form-registry';
import { compileRules, indexRules, type CategoryIndex, type CompiledRule } from './rules/rule-index';
import type { DecisionHost, Place, TimeFacts } from './rules/decision-host';
import { BusinessCalendar } from './sla/business-calendar';
import { DAY_MS, HOUR_MS, dateOfDayNumber, offsetAt, weekdayOfDayNumber } from './sla/zoned-time';
import { checkWorkflow, compileWorkflow, type CompiledWorkflow } from './workflow/transition';
import type { CountyConfig, LevelDefinition, Rule, SlaPolicy } from './schema/config-schema';
import type { Issue, Result } from './types';

export interface CompileOptions {
  /** Where each part came from when the config was authored as a folder. */
  sources?: SourceMap;
  /**
   * The document is known to compile (it did, in this process): the JSON Schema check is skipped
   * and the forms' validators are not built, so the config decides but cannot validate reports
   * (a backtest's worker threads, each compiling the run's config again).
   */
  trusted?: boolean;
}

/** A config that passed every check, indexed for deciding. Immutable; share it freely. */
export class CompiledConfig implements DecisionHost {
  readonly rules: CompiledRule[];
  readonly categories: Map<string, CategoryIndex>;
  readonly calendar: BusinessCalendar;
  readonly timeZone: string;
  readonly workflow: CompiledWorkflow;
  readonly policies: Map<string, SlaPolicy>;
  /** The config's levels in order (its `levels` section, or the baseline four). */
  readonly levels: readonly LevelDefinition[];
  readonly hash: string;

  constructor(
    readonly config: CountyConfig,
    readonly units: UnitTree,
    readonly forms: FormRegistry,
    /** What compiles but may not mean what the author thinks (a rule that never decides, ...). */
    readonly warnings: readonly Issue[] = [],
  ) {
    this.rules = compileRules(config.rules);
    this.categories = indexRules(config.categories, this.rules, (formId) => [...(forms.get(formId)?.fields ?? [])]);
    this.timeZone = config.county.timeZone ?? 'Asia/Shanghai';
    this.calendar = new BusinessCalendar(config.calendars.find((c) => c.id === config.county.calendar)!, this.timeZone);
    this.workflow = compileWorkflow(config.workflow);
    this.policies = new Map(config.sla.policies.map((p) => [p.id, p]));
    this.levels = levelsOf(config);
    this.hash = contentHash(JSON.stringify(config));
  }

  category(code: string): CategoryIndex | undefined {
    return this.categories.get(code);
  }

  private rulesById: Map<string, Rule> | undefined;

  /** A rule of the config by its id. */
  ruleById(id: string): Rule | undefined {
    this.rulesById ??= new Map(this.rules.map((r) => [r.rule.id, r.rule]));
    return this.rulesById.get(id);
  }

  unit(id: string) {
    return this.units.get(id);
  }

  private locator: GridLocator | null | undefined;

  /** Places points in grids by their boundaries; null for a config without a geography section. */
  get gridLocator(): GridLocator | null {
    if (this.locator === undefined) {
      const grids = (this.config.geography?.features ?? []).filter((f) => this.units.get(f.properties.unit)?.kind === 'grid');
      this.locator = this.config.geography ? new GridLocator(grids) : null;
    }
    return this.locator;
  }

  private static readonly NOWHERE: Place = Object.freeze({ grid: null, village: null, township: null });
  private readonly places = new Map<string, Place>();

  placeOf(data: Record<string, unknown>): Place {
    const location = data.location !== null && typeof data.location === 'object' ? (data.location as Record<string, unknown>) : undefined;
    // a report that only has coordinates is where its point is (validateReport fills the grid in)
    const gridId = location && location.grid === undefined && typeof location.lat === 'number' && typeof location.lng === 'number' ? this.gridLocator?.locate(location.lng, location.lat) : location?.grid;
    if (typeof gridId !== 'string') return CompiledConfig.NOWHERE;
    let place = this.places.get(gridId);
    if (!place) {
      const grid = this.units.get(gridId);
      place = grid
        ? Object.freeze({
            grid: grid.kind === 'grid' ? grid.id : null,
            village: this.units.ancestorOfKind(grid.id, 'village')?.id ?? null,
            township: this.units.townshipOf(grid.id)?.id ?? null,
          })
        : CompiledConfig.NOWHERE;
      if (grid) this.places.set(gridId, place);
    }
    return place;
  }

  /** Zone offsets by quarter hour (offsets only change on quarter-hour boundaries): Intl is slow. */
  private readonly offsets = new Map<number, number>();

  timeFacts(epochMs: number): TimeFacts {
    const bucket = Math.floor(epochMs / 900_000);
    let offset = this.offsets.get(bucket);
    if (offset === undefined) {
      offset = offsetAt(epochMs, this.timeZone);
      if (this.offsets.size > 50_000) this.offsets.clear();
      this.offsets.set(bucket, offset);
    }
    const wall = epochMs + offset;
    const day = Math.floor(wall / DAY_MS);
    return {
      workingTime: this.calendar.isWorkingTime(epochMs),
      holiday: this.calendar.isHoliday(dateOfDayNumber(day)),
      hourOfDay: Math.floor((wall - day * DAY_MS) / HOUR_MS),
      dayOfWeek: weekdayOfDayNumber(day),
    };
  }

  defaultUnit(index: CategoryIndex, place: Place): string {
    const platform = place.township ? this.units.platformOfTownship(place.township, index.minor.platform) : undefined;
    return platform?.id ?? this.units.countyCommandUnit()!.id;
  }

  private readonly defaultPolicies = new Map<string, Map<number, string>>();

  defaultPolicy(category: string, level: number): string {
    // by category, then by level (no key string built per call)
    let byLevel = this.defaultPolicies.get(category);
    if (!byLevel) this.defaultPolicies.set(category, (byLevel = new Map()));
    let id = byLevel.get(level);
    if (id === undefined) {
      id = this.findDefaultPolicy(category, level);
      byLevel.set(level, id);
    }
    return id;
  }

  private findDefaultPolicy(category: string, level: number): string {
    const policies = this.config.sla.policies;
    const specific = policies.find((p) => p.categories?.includes(category) && p.levels.includes(level));
    return (specific ?? policies.find((p) => !p.categories && p.levels.includes(level)) ?? policies[0]).id;
  }
}

/** FNV-1a over the text, as hex: a cheap content id (not a security hash). */
function contentHash(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The top-level sections the schema problems leave unusable: a section with any problem but an
 * unknown key (which changes nothing the checks read), or one that is missing.
 */
function unsoundSections(schemaIssues: readonly Issue[]): Set<string> {
  const unsound = new Set<string>();
  for (const issue of schemaIssues) {
    if (issue.code === 'unknown-key') continue;
    const section = issue.pointer === '' ? (issue.code === 'required' ? String(issue.params?.key) : '*') : issue.pointer.split('/')[1];
    unsound.add(section);
  }
  return unsound;
}

/**
 * Compiles a county config, or returns every problem with its JSON Pointer (and source file),
 * each message opening on the item it is in, in English (`message`) and Chinese (`messageZh`).
 * @example
 * const result = compile(config);
 * if (!result.ok) for (const i of result.issues) console.log(`${i.file}:${i.pointer}: ${i.message}`);
 */
export function compile(document: unknown, options: CompileOptions = {}): Result<CompiledConfig> {
  const located = (issues: Issue[]): Issue[] =>
    issues.map((issue) => ({ ...withItemName(document, issue), ...(options.sources ? { file: sourceOf(options.sources, issue.pointer) } : {}) }));
  const withFiles = (issues: Issue[]): Result<CompiledConfig> => ({ ok: false, issues: located(issues) });
  const issues: Issue[] = options.trusted ? [] : checkConfigSchema(document);
  const unsound = unsoundSections(issues);
  if (!isRecord(document) || unsound.has('*')) return withFiles(issues);
  const sound = (section: keyof CountyConfig) => !unsound.has(section);
  const config = document as CountyConfig;
  const units = new UnitTree(sound('units') ? config.units : []);
  const forms = new FormRegistry(sound('forms') ? config.forms : [], issues, { validators: !options.trusted });
  const ctx: CheckContext = { config, sound, units, forms, levels: sound('levels') ? levelsOf(config) : DEFAULT_LEVELS };
  if (sound('levels')) checkLevels(config, issues);
  if (sound('units')) checkUnits(ctx, issues);
  if (sound('categories')) checkCategories(ctx, issues);
  if (sound('rules')) checkRules(ctx, issues);
  if (sound('sla')) checkSla(ctx, issues);
  if (sound('calendars')) checkCalendars(ctx, issues);
  if (sound('workflow')) for (const issue of checkWorkflow(config.workflow)) issues.push(issue);
  if (sound('assessment')) checkSatisfactionScale(config, issues);
  if (sound('assessment')) checkAssessment({ config, units: sound('units') ? units : null, categoriesSound: sound('categories'), levels: ctx.levels }, issues);
  if (sound('tests')) checkTests(ctx, issues);
  if (sound('geography')) checkGeography(ctx, issues);
  if (sound('alerts')) checkAlerts(ctx, issues);
  if (issues.length > 0) return withFiles(issues);
  // warnings once the config is sound (every condition well-formed)
  const warnings: Issue[] = [];
  checkShadowedRules(config, warnings);
  warnMissingBoundaries(config, warnings);
  try {
    return { ok: true, value: new CompiledConfig(config, units, forms, located(warnings)) };
  } catch (error) {
    return withFiles([problem('invalid-config', '', { detail: (error as Error).message })]);
  }
}
