/**
 * The checks of a config beyond its schema: every cross-reference resolves, ids are unique,
 * escalation chains reach the top without a cycle, every level named is declared and every level
 * in use has an SLA policy, every fact a rule reads exists where the rule applies, calendars
 * cover the years in service. Each check reads only sections that passed the schema.
 */
import { DERIVED_FACTS, HANDLING_KINDS, PLATFORMS } from '../schema/constants';
import type { CountyConfig, DecisionEvent, RouteTarget } from '../schema/config-schema';
import type { Issue } from '../types';
import type { FormRegistry } from '../forms/form-registry';
import { checkCondition } from '../rules/condition';
import { checkConditionTypes, factTypes, scopeForms } from './rule-checks';
import { UnitTree } from './unit-tree';
import { escapePointer } from './schema-check';
import { hasOwnKey } from '../schema/names';
import { problem, word, WORDS, type MessageParam } from './messages';
import { checkLevelDeclared } from './levels';
import { checkEscalation } from './escalation-checks';
import type { LevelDefinition } from '../schema/config-schema';

/**
 * What the checks may read: the config, whether each section passed the schema (a section that
 * did not is skipped by every check that needs it, so one bad file hides nothing else), and what
 * was built from the sound ones.
 */
export interface CheckContext {
  config: CountyConfig;
  sound: (section: keyof CountyConfig) => boolean;
  units: UnitTree;
  forms: FormRegistry;
  levels: readonly LevelDefinition[];
}

function duplicates<T>(items: readonly T[], keyOf: (item: T) => string, pointerOf: (i: number) => string, what: MessageParam, issues: Issue[]): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const key = keyOf(item);
    if (seen.has(key)) issues.push(problem('duplicate-id', pointerOf(i), { what, key, first: (seen.get(key) ?? 0) + 1 }));
    else seen.set(key, i);
  });
}

/** Units: unique ids, parents, kinds in their place, every township complete, escalation chains that reach the top. */
export function checkUnits(ctx: CheckContext, issues: Issue[]): void {
  const { config, units: tree } = ctx;
  const { units } = config;
  duplicates(units, (u) => u.id, (i) => `/units/${i}/id`, WORDS.unit, issues);
  const governments = units.filter((u) => u.kind === 'county_government');
  const commands = units.filter((u) => u.kind === 'county_command');
  if (governments.length !== 1) issues.push(problem('county-government', '/units', { count: governments.length }));
  if (commands.length !== 1) issues.push(problem('county-command', '/units', { count: commands.length }));
  const domainOwner = new Map<string, string>();
  units.forEach((unit, i) => {
    const at = `/units/${i}`;
    if (unit.parent !== undefined && !tree.get(unit.parent)) issues.push(problem('unknown-unit.parent', `${at}/parent`, { id: unit.parent }));
    if (unit.parent === undefined && unit.kind !== 'county_government' && unit.kind !== 'county_command' && unit.kind !== 'county_department') {
      issues.push(problem('missing-parent', at, { kind: word(unit.kind) }));
    }
    if (unit.kind === 'platform' && !unit.platform) issues.push(problem('required.platform', at, { platforms: PLATFORMS.join(', ') }));
    if (unit.kind !== 'platform' && unit.platform) issues.push(problem('misplaced-key.platform', `${at}/platform`));
    if (unit.kind === 'grid' && !unit.staffing) issues.push(problem('required.staffing', at));
    if (unit.kind === 'grid' && !tree.ancestorOfKind(unit.id, 'village')) issues.push(problem('grid-outside-village', at));
    if ((unit.kind === 'platform' || unit.kind === 'township_command' || unit.kind === 'village') && !tree.townshipOf(unit.id)) {
      issues.push(problem('outside-township', at, { kind: word(unit.kind) }));
    }
    (unit.domains ?? []).forEach((domain, d) => {
      if (unit.kind !== 'county_department') issues.push(problem('misplaced-key.domains', `${at}/domains`));
      else if (domainOwner.has(domain)) issues.push(problem('duplicate-domain', `${at}/domains/${d}`, { domain, owner: domainOwner.get(domain)! }));
      else domainOwner.set(domain, unit.id);
    });
  });
  for (const township of tree.townships()) {
    const at = `/units/${units.indexOf(township)}`;
    if (!tree.commandOfTownship(township.id)) issues.push(problem('township-command', at));
    for (const platform of PLATFORMS) {
      if (!tree.platformOfTownship(township.id, platform)) issues.push(problem('township-platform', at, { platform: word(platform) }));
    }
  }
  // every target resolves; every escalation chain ends at the top, without a cycle (for every category × level when it depends on the event)
  checkEscalation({ config, tree, categories: ctx.sound('categories') ? config.categories : null, levels: ctx.sound('levels') ? ctx.levels : null }, issues);
}

/** Checks a route target can be resolved and names a unit that handles events. */
function checkTarget(target: RouteTarget, pointer: string, tree: UnitTree, issues: Issue[]): void {
  switch (target.type) {
    case 'unit': {
      const unit = tree.get(target.unit);
      if (!unit) issues.push(problem('unknown-unit', `${pointer}/unit`, { id: target.unit }));
      else if (!HANDLING_KINDS.includes(unit.kind)) issues.push(problem('cannot-handle', `${pointer}/unit`, { id: unit.id, kind: word(unit.kind) }));
      return;
    }
    case 'department':
      if (!tree.departmentFor(target.domain)) issues.push(problem('unknown-domain', `${pointer}/domain`, { domain: target.domain }));
      return;
    case 'county-command':
      if (!tree.countyCommandUnit()) issues.push(problem('unknown-unit.county-command', pointer));
      return;
    case 'platform':
    case 'village':
    case 'township-command':
      return; // every township is checked to have its command room and four platforms; every grid a village
    default: {
      const never: never = target;
      throw new Error(`unknown route target ${JSON.stringify(never)}`);
    }
  }
}

/** A route's dispatcher: a command room that exists. */
function checkDispatcher(target: NonNullable<Extract<DecisionEvent, { type: 'route' }>['params']['dispatcher']>, pointer: string, tree: UnitTree, issues: Issue[]): void {
  if (target.type === 'unit') {
    const unit = tree.get(target.unit);
    if (!unit) issues.push(problem('unknown-unit', `${pointer}/unit`, { id: target.unit }));
    else if (unit.kind !== 'county_command' && unit.kind !== 'township_command') issues.push(problem('dispatcher-not-command', `${pointer}/unit`, { id: unit.id, kind: word(unit.kind) }));
  } else if (target.type === 'county-command' && !tree.countyCommandUnit()) issues.push(problem('unknown-unit.county-command', pointer));
}

/** Categories: unique codes, forms that exist, domains a department has, levels the config declares. */
export function checkCategories(ctx: CheckContext, issues: Issue[]): void {
  const { config, sound, units: tree, forms, levels } = ctx;
  const minors = config.categories.flatMap((major, m) => major.children.map((minor, c) => ({ major, minor, pointer: `/categories/${m}/children/${c}` })));
  const codes = [...config.categories.map((c, m) => ({ code: c.code, pointer: `/categories/${m}/code` })), ...minors.map((x) => ({ code: x.minor.code, pointer: `${x.pointer}/code` }))];
  duplicates(codes, (c) => c.code, (i) => codes[i].pointer, WORDS.category, issues);
  for (const { minor, pointer } of minors) {
    if (sound('forms') && !forms.get(minor.form) && !config.forms.some((f) => f.id === minor.form)) issues.push(problem('unknown-form', `${pointer}/form`, { id: minor.form }));
    if (sound('units') && minor.domain && !tree.departmentFor(minor.domain)) issues.push(problem('unknown-domain', `${pointer}/domain`, { domain: minor.domain }));
    if (sound('levels')) checkLevelDeclared(levels, minor.level, `${pointer}/level`, issues);
  }
}

/** Rules: unique ids, scopes that exist, facts their scope's forms have, values that fit, targets and policies that resolve. */
export function checkRules(ctx: CheckContext, issues: Issue[]): void {
  const { config, sound, units: tree, forms, levels } = ctx;
  duplicates(config.rules, (r) => r.id, (i) => `/rules/${i}/id`, WORDS.rule, issues);
  const categories = sound('categories');
  const factsKnown = categories && sound('forms') && sound('units');
  const majorCodes = new Set(categories ? config.categories.map((c) => c.code) : []);
  const minorCodes = new Set(categories ? config.categories.flatMap((major) => major.children.map((minor) => minor.code)) : []);
  const policyIds = new Set(sound('sla') ? config.sla.policies.map((p) => p.id) : []);
  const typesOf = factsKnown ? factTypes(config, tree, forms, levels) : null;
  config.rules.forEach((rule, i) => {
    const at = `/rules/${i}`;
    if (categories && rule.scope && 'category' in rule.scope && !minorCodes.has(rule.scope.category)) issues.push(problem('unknown-category', `${at}/scope/category`, { code: rule.scope.category }));
    if (categories && rule.scope && 'major' in rule.scope && !majorCodes.has(rule.scope.major)) issues.push(problem('unknown-category.major', `${at}/scope/major`, { code: rule.scope.major }));
    // the fields a rule may read: those of the forms in its scope (unknown while a section they come from is unsound)
    const formsInScope = factsKnown ? scopeForms(config, rule) : [];
    const fields = new Set(formsInScope.flatMap((f) => [...(forms.get(f)?.fields ?? [])]));
    const isGrade = rule.event.type === 'grade';
    const before = issues.length;
    checkCondition(rule.conditions, `${at}/conditions`, (fact) => {
      if (fact === 'level' && isGrade) return { key: 'unknown-fact.grade-level' };
      if (!factsKnown || hasOwnKey(DERIVED_FACTS, fact) || fields.has(fact)) return null;
      const where = formsInScope.length === 1 ? { en: `the form "${formsInScope[0]}"`, zh: `表单“${formsInScope[0]}”` } : { en: "the forms in this rule's scope", zh: '本规则范围内表单' };
      return { key: 'unknown-fact', params: { fact, where, derived: Object.keys(DERIVED_FACTS).join(', ') } };
    }, issues);
    // values and operators against the facts' types, once the conditions are well-formed
    if (typesOf && issues.length === before) checkConditionTypes(rule, `${at}/conditions`, formsInScope, typesOf, issues);
    const ev = rule.event;
    const units = sound('units');
    switch (ev.type) {
      case 'route':
        if (!units) break;
        checkTarget(ev.params.target, `${at}/event/params/target`, tree, issues);
        (ev.params.assist ?? []).forEach((t, a) => checkTarget(t, `${at}/event/params/assist/${a}`, tree, issues));
        if (ev.params.dispatcher) checkDispatcher(ev.params.dispatcher, `${at}/event/params/dispatcher`, tree, issues);
        break;
      case 'escalate':
        if (units) checkTarget(ev.params.target, `${at}/event/params/target`, tree, issues);
        break;
      case 'notify':
        if (units) checkTarget(ev.params.to, `${at}/event/params/to`, tree, issues);
        break;
      case 'sla':
        if (sound('sla') && !policyIds.has(ev.params.policy)) issues.push(problem('unknown-policy', `${at}/event/params/policy`, { id: ev.params.policy }));
        break;
      case 'grade':
        if (sound('levels')) checkLevelDeclared(levels, ev.params.level, `${at}/event/params/level`, issues);
        break;
      case 'tag':
        break;
      default: {
        const never: never = ev;
        throw new Error(`unknown decision type ${JSON.stringify(never)}`);
      }
    }
  });
}

/** SLA policies: unique ids, categories and levels that exist, reminders inside their clock, every level in use covered. */
export function checkSla(ctx: CheckContext, issues: Issue[]): void {
  const { config, sound, levels } = ctx;
  const { policies } = config.sla;
  duplicates(policies, (p) => p.id, (i) => `/sla/policies/${i}/id`, WORDS.policy, issues);
  const categories = sound('categories');
  const minorCodes = new Set(categories ? config.categories.flatMap((c) => c.children.map((m) => m.code)) : []);
  policies.forEach((policy, i) => {
    if (categories) {
      (policy.categories ?? []).forEach((code, c) => {
        if (!minorCodes.has(code)) issues.push(problem('unknown-category', `/sla/policies/${i}/categories/${c}`, { code }));
      });
    }
    if (sound('levels')) policy.levels.forEach((level, l) => checkLevelDeclared(levels, level, `/sla/policies/${i}/levels/${l}`, issues));
    policy.reminders.forEach((reminder, r) => {
      const limit = policy[reminder.of].hours;
      if (reminder.clock === policy[reminder.of].clock && reminder.beforeHours >= limit) {
        issues.push(problem('reminder-too-early', `/sla/policies/${i}/reminders/${r}/beforeHours`, { before: reminder.beforeHours, limit }));
      }
    });
  });
  if (!sound('levels')) return;
  const general = (level: number) => policies.some((p) => !p.categories && p.levels.includes(level));
  const declared = new Set(levels.map((l) => l.level));
  // where each declared level is first used (an undeclared one is reported where it is named)
  const levelsInUse = new Map<number, string>();
  const use = (level: number, pointer: string) => {
    if (declared.has(level) && !levelsInUse.has(level)) levelsInUse.set(level, pointer);
  };
  if (categories) config.categories.forEach((major, m) => major.children.forEach((minor, c) => use(minor.level, `/categories/${m}/children/${c}/level`)));
  if (sound('rules')) config.rules.forEach((rule, i) => rule.event.type === 'grade' && use(rule.event.params.level, `/rules/${i}/event/params/level`));
  for (const [level, pointer] of levelsInUse) {
    const name = levels.find((l) => l.level === level)!.name;
    if (!general(level)) issues.push(problem('level-without-sla', pointer, { level, name }));
  }
}

/** Calendars: unique ids, the county's calendar exists and covers every service year and test. */
export function checkCalendars(ctx: CheckContext, issues: Issue[]): void {
  const { config, sound } = ctx;
  duplicates(config.calendars, (c) => c.id, (i) => `/calendars/${i}/id`, WORDS.calendar, issues);
  if (!sound('county')) return;
  const index = config.calendars.findIndex((c) => c.id === config.county.calendar);
  if (index < 0) {
    issues.push(problem('unknown-calendar', '/county/calendar', { id: config.county.calendar }));
    return;
  }
  const calendar = config.calendars[index];
  const covered = new Set(Object.keys(calendar.years).map(Number));
  config.county.serviceYears.forEach((year, y) => {
    if (!covered.has(year)) issues.push(problem('calendar-year-missing', `/county/serviceYears/${y}`, { year, id: calendar.id }));
  });
  for (const [year, entry] of Object.entries(calendar.years)) {
    const at = `/calendars/${index}/years/${escapePointer(year)}`;
    entry.holidays.forEach((h, i) => {
      if (!h.from.startsWith(year) && !h.to.startsWith(year)) issues.push(problem('calendar-wrong-year', `${at}/holidays/${i}`, { from: h.from, to: h.to, year }));
      if (h.to < h.from) issues.push(problem('calendar-range', `${at}/holidays/${i}`, { from: h.from, to: h.to }));
    });
  }
  if (!sound('tests')) return;
  (config.tests ?? []).forEach((test, i) => {
    const year = Number(test.input.at.slice(0, 4));
    if (!covered.has(year)) issues.push(problem('calendar-year-missing.test', `/tests/${i}/input/at`, { year, id: calendar.id }));
  });
}

/** Tests: unique ids; the category, unit, policy and level they name exist. */
export function checkTests(ctx: CheckContext, issues: Issue[]): void {
  const { config, sound, units: tree, levels } = ctx;
  const tests = config.tests ?? [];
  duplicates(tests, (t) => t.id, (i) => `/tests/${i}/id`, WORDS.test, issues);
  const minorCodes = sound('categories') ? new Set(config.categories.flatMap((c) => c.children.map((m) => m.code))) : null;
  const policyIds = sound('sla') ? new Set(config.sla.policies.map((p) => p.id)) : null;
  tests.forEach((test, i) => {
    if (minorCodes && !minorCodes.has(test.input.category)) issues.push(problem('unknown-category', `/tests/${i}/input/category`, { code: test.input.category }));
    if (sound('units') && test.expected.unit && !tree.get(test.expected.unit)) issues.push(problem('unknown-unit', `/tests/${i}/expected/unit`, { id: test.expected.unit }));
    if (policyIds && test.expected.slaPolicy && !policyIds.has(test.expected.slaPolicy)) issues.push(problem('unknown-policy', `/tests/${i}/expected/slaPolicy`, { id: test.expected.slaPolicy }));
    if (sound('levels') && test.expected.level !== undefined) checkLevelDeclared(levels, test.expected.level, `/tests/${i}/expected/level`, issues);
  });
}

