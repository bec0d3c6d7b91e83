/**
 * The checks of a config beyond its schema: every cross-reference resolves, ids are unique,
 * escalation chains reach the top without a cycle, every level in use has an SLA policy, every
 * fact a rule reads exists where the rule applies, calendars cover the years in service.
 */
import { DERIVED_FACTS, HANDLING_KINDS, PLATFORMS } from '../schema/constants';
import type { CountyConfig, RouteTarget } from '../schema/config-schema';
import type { Issue } from '../types';
import type { FormRegistry } from '../forms/form-registry';
import { checkCondition } from '../rules/condition';
import { checkConditionTypes, factTypes, scopeForms } from './rule-checks';
import { UnitTree } from './unit-tree';
import { escapePointer } from './schema-check';
import { hasOwnKey } from '../schema/names';

function duplicates<T>(items: readonly T[], keyOf: (item: T) => string, pointerOf: (i: number) => string, what: string, issues: Issue[]): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const key = keyOf(item);
    if (seen.has(key)) issues.push({ code: 'duplicate-id', pointer: pointerOf(i), message: `${what} "${key}" is used twice (first at index ${seen.get(key)})` });
    else seen.set(key, i);
  });
}

export function checkUnits(config: CountyConfig, tree: UnitTree, issues: Issue[]): void {
  const { units } = config;
  duplicates(units, (u) => u.id, (i) => `/units/${i}/id`, 'unit id', issues);
  const governments = units.filter((u) => u.kind === 'county_government');
  const commands = units.filter((u) => u.kind === 'county_command');
  if (governments.length !== 1) issues.push({ code: 'county-government', pointer: '/units', message: `a county needs exactly one unit of kind county_government (the top of every escalation chain); found ${governments.length}` });
  if (commands.length !== 1) issues.push({ code: 'county-command', pointer: '/units', message: `a county needs exactly one unit of kind county_command; found ${commands.length}` });
  const domainOwner = new Map<string, string>();
  units.forEach((unit, i) => {
    const at = `/units/${i}`;
    if (unit.parent !== undefined && !tree.get(unit.parent)) issues.push({ code: 'unknown-unit', pointer: `${at}/parent`, message: `parent "${unit.parent}" is not a unit` });
    if (unit.parent === undefined && unit.kind !== 'county_government' && unit.kind !== 'county_command' && unit.kind !== 'county_department') {
      issues.push({ code: 'missing-parent', pointer: at, message: `a ${unit.kind} needs a parent` });
    }
    if (unit.kind === 'platform' && !unit.platform) issues.push({ code: 'required', pointer: at, message: `a platform unit must say which platform it is (${PLATFORMS.join(', ')})` });
    if (unit.kind !== 'platform' && unit.platform) issues.push({ code: 'misplaced-key', pointer: `${at}/platform`, message: 'only units of kind platform have a platform' });
    if (unit.kind === 'grid' && !unit.staffing) issues.push({ code: 'required', pointer: at, message: 'a grid needs its 1+1+X staffing: a grid leader, full-time grid workers, part-time members' });
    if (unit.kind === 'grid' && !tree.ancestorOfKind(unit.id, 'village')) issues.push({ code: 'grid-outside-village', pointer: at, message: `grid "${unit.id}" must lie inside a village/community` });
    if ((unit.kind === 'platform' || unit.kind === 'township_command' || unit.kind === 'village') && !tree.townshipOf(unit.id)) {
      issues.push({ code: 'outside-township', pointer: at, message: `${unit.kind} "${unit.id}" must lie inside a township` });
    }
    (unit.domains ?? []).forEach((domain, d) => {
      if (unit.kind !== 'county_department') issues.push({ code: 'misplaced-key', pointer: `${at}/domains`, message: 'only county departments have domains' });
      else if (domainOwner.has(domain)) issues.push({ code: 'duplicate-domain', pointer: `${at}/domains/${d}`, message: `domain "${domain}" already belongs to "${domainOwner.get(domain)}"` });
      else domainOwner.set(domain, unit.id);
    });
    if (unit.escalatesTo !== undefined) {
      const target = tree.get(unit.escalatesTo);
      if (!target) issues.push({ code: 'unknown-unit', pointer: `${at}/escalatesTo`, message: `escalatesTo "${unit.escalatesTo}" is not a unit` });
      else if (!HANDLING_KINDS.includes(target.kind)) issues.push({ code: 'cannot-handle', pointer: `${at}/escalatesTo`, message: `"${target.id}" is a ${target.kind} and cannot take escalated events` });
    }
  });
  for (const township of tree.townships()) {
    const at = `/units/${units.indexOf(township)}`;
    if (!tree.commandOfTownship(township.id)) issues.push({ code: 'township-command', pointer: at, message: `township "${township.id}" has no command room (a child unit of kind township_command)` });
    for (const platform of PLATFORMS) {
      if (!tree.platformOfTownship(township.id, platform)) issues.push({ code: 'township-platform', pointer: at, message: `township "${township.id}" has no ${platform} platform` });
    }
  }
  // every escalation chain ends at the top, without a cycle
  units.forEach((unit, i) => {
    if (!HANDLING_KINDS.includes(unit.kind)) return;
    const chain = [unit.id];
    let current: string | null = unit.id;
    while (current) {
      const next = tree.escalationTarget(current);
      if (next === null) {
        const top = tree.get(current);
        if (top && top.kind !== 'county_government') {
          issues.push({ code: 'escalation-dead-end', pointer: `/units/${i}`, message: `escalation from "${unit.id}" stops at "${current}" (${top.kind}) instead of the county government: ${chain.join(' → ')}` });
        }
        break;
      }
      if (chain.includes(next)) {
        issues.push({ code: 'escalation-cycle', pointer: `/units/${i}`, message: `escalation from "${unit.id}" runs in a circle: ${[...chain, next].join(' → ')}` });
        break;
      }
      chain.push(next);
      current = tree.get(next) ? next : null;
    }
  });
}

/** Checks a route target can be resolved and names a unit that handles events. */
function checkTarget(target: RouteTarget, pointer: string, tree: UnitTree, issues: Issue[]): void {
  switch (target.type) {
    case 'unit': {
      const unit = tree.get(target.unit);
      if (!unit) issues.push({ code: 'unknown-unit', pointer: `${pointer}/unit`, message: `unit "${target.unit}" does not exist` });
      else if (!HANDLING_KINDS.includes(unit.kind)) issues.push({ code: 'cannot-handle', pointer: `${pointer}/unit`, message: `"${unit.id}" is a ${unit.kind}, which cannot handle events (use its command room, a platform or a village)` });
      return;
    }
    case 'department':
      if (!tree.departmentFor(target.domain)) issues.push({ code: 'unknown-domain', pointer: `${pointer}/domain`, message: `no county department has domain "${target.domain}"` });
      return;
    case 'county-command':
      if (!tree.countyCommandUnit()) issues.push({ code: 'unknown-unit', pointer, message: 'the county has no command centre' });
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

export function checkCategoriesAndRules(config: CountyConfig, tree: UnitTree, forms: FormRegistry, issues: Issue[]): void {
  const minors = config.categories.flatMap((major, m) => major.children.map((minor, c) => ({ major, minor, pointer: `/categories/${m}/children/${c}` })));
  const codes = [...config.categories.map((c, m) => ({ code: c.code, pointer: `/categories/${m}/code` })), ...minors.map((x) => ({ code: x.minor.code, pointer: `${x.pointer}/code` }))];
  duplicates(codes, (c) => c.code, (i) => codes[i].pointer, 'category code', issues);
  for (const { minor, pointer } of minors) {
    if (!forms.get(minor.form) && !config.forms.some((f) => f.id === minor.form)) issues.push({ code: 'unknown-form', pointer: `${pointer}/form`, message: `form "${minor.form}" does not exist` });
    if (minor.domain && !tree.departmentFor(minor.domain)) issues.push({ code: 'unknown-domain', pointer: `${pointer}/domain`, message: `no county department has domain "${minor.domain}"` });
  }
  const majorCodes = new Set(config.categories.map((c) => c.code));
  const minorByCode = new Map(minors.map((x) => [x.minor.code, x]));
  const policyIds = new Set(config.sla.policies.map((p) => p.id));
  duplicates(config.rules, (r) => r.id, (i) => `/rules/${i}/id`, 'rule id', issues);

  const typesOf = factTypes(config, tree, forms);
  config.rules.forEach((rule, i) => {
    const at = `/rules/${i}`;
    if (rule.scope && 'category' in rule.scope && !minorByCode.has(rule.scope.category)) issues.push({ code: 'unknown-category', pointer: `${at}/scope/category`, message: `category "${rule.scope.category}" does not exist` });
    if (rule.scope && 'major' in rule.scope && !majorCodes.has(rule.scope.major)) issues.push({ code: 'unknown-category', pointer: `${at}/scope/major`, message: `major category "${rule.scope.major}" does not exist` });
    // the fields a rule may read: those of the forms in its scope
    const formsInScope = scopeForms(config, rule);
    const fields = new Set(formsInScope.flatMap((f) => [...(forms.get(f)?.fields ?? [])]));
    const isGrade = rule.event.type === 'grade';
    const before = issues.length;
    checkCondition(rule.conditions, `${at}/conditions`, (fact) => {
      if (fact === 'level' && isGrade) return 'grade rules decide the level and cannot read it';
      if (hasOwnKey(DERIVED_FACTS, fact) || fields.has(fact)) return null;
      return `"${fact}" is neither a field of the form${formsInScope.length === 1 ? ` "${formsInScope[0]}"` : 's in this rule\'s scope'} nor a derived fact (${Object.keys(DERIVED_FACTS).join(', ')})`;
    }, issues);
    // values and operators against the facts' types, once the conditions are well-formed
    if (issues.length === before) checkConditionTypes(rule, `${at}/conditions`, formsInScope, typesOf, issues);
    const ev = rule.event;
    switch (ev.type) {
      case 'route':
        checkTarget(ev.params.target, `${at}/event/params/target`, tree, issues);
        (ev.params.assist ?? []).forEach((t, a) => checkTarget(t, `${at}/event/params/assist/${a}`, tree, issues));
        break;
      case 'escalate':
        checkTarget(ev.params.target, `${at}/event/params/target`, tree, issues);
        break;
      case 'notify':
        checkTarget(ev.params.to, `${at}/event/params/to`, tree, issues);
        break;
      case 'sla':
        if (!policyIds.has(ev.params.policy)) issues.push({ code: 'unknown-policy', pointer: `${at}/event/params/policy`, message: `SLA policy "${ev.params.policy}" does not exist` });
        break;
      case 'grade':
      case 'tag':
        break;
      default: {
        const never: never = ev;
        throw new Error(`unknown decision type ${JSON.stringify(never)}`);
      }
    }
  });
}

export function checkSla(config: CountyConfig, issues: Issue[]): void {
  const { policies } = config.sla;
  duplicates(policies, (p) => p.id, (i) => `/sla/policies/${i}/id`, 'SLA policy id', issues);
  const minorCodes = new Set(config.categories.flatMap((c) => c.children.map((m) => m.code)));
  policies.forEach((policy, i) => {
    (policy.categories ?? []).forEach((code, c) => {
      if (!minorCodes.has(code)) issues.push({ code: 'unknown-category', pointer: `/sla/policies/${i}/categories/${c}`, message: `category "${code}" does not exist` });
    });
    policy.reminders.forEach((reminder, r) => {
      const limit = policy[reminder.of].hours;
      if (reminder.clock === policy[reminder.of].clock && reminder.beforeHours >= limit) {
        issues.push({ code: 'reminder-too-early', pointer: `/sla/policies/${i}/reminders/${r}/beforeHours`, message: `a reminder ${reminder.beforeHours} h before a ${limit} h deadline would fall before the clock starts` });
      }
    });
  });
  const general = (level: number) => policies.some((p) => !p.categories && p.levels.includes(level));
  const levelsInUse = new Map<number, string>();
  config.categories.forEach((major, m) => major.children.forEach((minor, c) => levelsInUse.set(minor.level, levelsInUse.get(minor.level) ?? `/categories/${m}/children/${c}/level`)));
  config.rules.forEach((rule, i) => {
    if (rule.event.type === 'grade') levelsInUse.set(rule.event.params.level, levelsInUse.get(rule.event.params.level) ?? `/rules/${i}/event/params/level`);
  });
  for (const [level, pointer] of levelsInUse) {
    if (!general(level)) issues.push({ code: 'level-without-sla', pointer, message: `level ${level} is used here but no SLA policy (without a category restriction) covers it` });
  }
}

export function checkCalendars(config: CountyConfig, issues: Issue[]): void {
  duplicates(config.calendars, (c) => c.id, (i) => `/calendars/${i}/id`, 'calendar id', issues);
  const index = config.calendars.findIndex((c) => c.id === config.county.calendar);
  if (index < 0) {
    issues.push({ code: 'unknown-calendar', pointer: '/county/calendar', message: `calendar "${config.county.calendar}" does not exist` });
    return;
  }
  const calendar = config.calendars[index];
  const covered = new Set(Object.keys(calendar.years).map(Number));
  config.county.serviceYears.forEach((year, y) => {
    if (!covered.has(year)) issues.push({ code: 'calendar-year-missing', pointer: `/county/serviceYears/${y}`, message: `the county runs in ${year} but calendar "${calendar.id}" has no holidays for ${year}` });
  });
  for (const [year, entry] of Object.entries(calendar.years)) {
    const at = `/calendars/${index}/years/${escapePointer(year)}`;
    entry.holidays.forEach((h, i) => {
      if (!h.from.startsWith(year) && !h.to.startsWith(year)) issues.push({ code: 'calendar-wrong-year', pointer: `${at}/holidays/${i}`, message: `holiday ${h.from}..${h.to} is not in ${year}` });
      if (h.to < h.from) issues.push({ code: 'calendar-range', pointer: `${at}/holidays/${i}`, message: `holiday ends (${h.to}) before it starts (${h.from})` });
    });
  }
  (config.tests ?? []).forEach((test, i) => {
    const year = Number(test.input.at.slice(0, 4));
    if (!covered.has(year)) issues.push({ code: 'calendar-year-missing', pointer: `/tests/${i}/input/at`, message: `this test runs in ${year}, which calendar "${calendar.id}" does not cover` });
  });
}

export function checkTests(config: CountyConfig, tree: UnitTree, issues: Issue[]): void {
  const tests = config.tests ?? [];
  duplicates(tests, (t) => t.id, (i) => `/tests/${i}/id`, 'test id', issues);
  const minorCodes = new Set(config.categories.flatMap((c) => c.children.map((m) => m.code)));
  const policyIds = new Set(config.sla.policies.map((p) => p.id));
  tests.forEach((test, i) => {
    if (!minorCodes.has(test.input.category)) issues.push({ code: 'unknown-category', pointer: `/tests/${i}/input/category`, message: `category "${test.input.category}" does not exist` });
    if (test.expected.unit && !tree.get(test.expected.unit)) issues.push({ code: 'unknown-unit', pointer: `/tests/${i}/expected/unit`, message: `unit "${test.expected.unit}" does not exist` });
    if (test.expected.slaPolicy && !policyIds.has(test.expected.slaPolicy)) issues.push({ code: 'unknown-policy', pointer: `/tests/${i}/expected/slaPolicy`, message: `SLA policy "${test.expected.slaPolicy}" does not exist` });
  });
}
