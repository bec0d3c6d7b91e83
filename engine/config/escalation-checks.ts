/**
 * The checks of where units escalate: every target named (by `escalatesTo` or an event-dependent
 * `escalation`) is a unit that handles events, every category, domain and level its mapping names
 * exists, and from every handling unit the escalation chain reaches the county government without
 * a cycle — for every category × level when some unit's escalation depends on the event.
 */
import { HANDLING_KINDS } from '../schema/constants';
import type { CountyConfig, EventEscalation, LevelDefinition } from '../schema/config-schema';
import type { Issue } from '../types';
import { escapePointer } from './schema-check';
import { checkLevelDeclared } from './levels';
import { problem, word } from './messages';
import type { EscalationFacts, UnitTree } from './unit-tree';

export interface EscalationCheckInput {
  config: CountyConfig;
  tree: UnitTree;
  /** The categories, when their section passed the schema (else the chains are checked without an event). */
  categories: CountyConfig['categories'] | null;
  /** The declared levels, when their section passed the schema. */
  levels: readonly LevelDefinition[] | null;
}

const MAPS = ['byCategory', 'byMajorCategory', 'byDomain', 'byLevel'] as const;

/** Targets and keys of one unit's `escalatesTo` and `escalation`. */
function checkTargets(input: EscalationCheckInput, issues: Issue[]): void {
  const { config, tree, categories, levels } = input;
  const minors = categories ? new Set(categories.flatMap((m) => m.children.map((c) => c.code))) : null;
  const majors = categories ? new Set(categories.map((m) => m.code)) : null;
  const target = (id: string, pointer: string) => {
    const unit = tree.get(id);
    if (!unit) issues.push(problem('unknown-unit.escalation', pointer, { id }));
    else if (!HANDLING_KINDS.includes(unit.kind)) issues.push(problem('cannot-handle.escalatesTo', pointer, { id: unit.id, kind: word(unit.kind) }));
  };
  config.units.forEach((unit, i) => {
    const at = `/units/${i}`;
    if (unit.escalatesTo !== undefined) {
      if (!tree.get(unit.escalatesTo)) issues.push(problem('unknown-unit.escalatesTo', `${at}/escalatesTo`, { id: unit.escalatesTo }));
      else target(unit.escalatesTo, `${at}/escalatesTo`);
    }
    const rule: EventEscalation | undefined = unit.escalation;
    if (!rule) return;
    for (const map of MAPS) {
      for (const [key, id] of Object.entries(rule[map] ?? {})) {
        const pointer = `${at}/escalation/${map}/${escapePointer(key)}`;
        target(id, pointer);
        if (map === 'byCategory' && minors && !minors.has(key)) issues.push(problem('unknown-category', pointer, { code: key }));
        if (map === 'byMajorCategory' && majors && !majors.has(key)) issues.push(problem('unknown-category.major', pointer, { code: key }));
        if (map === 'byDomain' && !tree.departmentFor(key)) issues.push(problem('unknown-domain', pointer, { domain: key }));
        if (map === 'byLevel' && levels) checkLevelDeclared(levels, Number(key), pointer, issues);
      }
    }
    if (rule.default !== undefined) target(rule.default, `${at}/escalation/default`);
  });
}

type Walk = { ok: true; chain: string[] } | { ok: false; cycle: boolean; chain: string[]; top: string };

/** Follows the chain from `start` under `facts`; units already known to reach the top end the walk early. */
function walk(tree: UnitTree, start: string, facts: EscalationFacts | undefined, good: Set<string>): Walk {
  const chain = [start];
  let current = start;
  for (;;) {
    if (good.has(current)) return { ok: true, chain };
    const next = tree.escalationTarget(current, facts);
    if (next === null) {
      const top = tree.get(current);
      if (top && top.kind !== 'county_government') return { ok: false, cycle: false, chain, top: current };
      return { ok: true, chain };
    }
    if (chain.includes(next)) return { ok: false, cycle: true, chain: [...chain, next], top: next };
    chain.push(next);
    if (!tree.get(next)) return { ok: true, chain }; // an unknown target is reported where it is named
    current = next;
  }
}

interface EventCase {
  facts: EscalationFacts;
  category: string;
  level: number;
}

/** Every category × level an event may have, with the facts escalation reads. */
function eventCases(categories: CountyConfig['categories'], levels: readonly LevelDefinition[]): EventCase[] {
  return categories.flatMap((major) =>
    major.children.flatMap((minor) =>
      levels.map((l) => ({ facts: { category: minor.code, major: major.code, domain: minor.domain ?? null, level: l.level }, category: minor.code, level: l.level })),
    ),
  );
}

/** Escalation targets, and chains from every handling unit that reach the county government without a cycle. */
export function checkEscalation(input: EscalationCheckInput, issues: Issue[]): void {
  checkTargets(input, issues);
  const { config, tree, categories, levels } = input;
  const handling = config.units.map((u, i) => ({ unit: u, i })).filter(({ unit }) => HANDLING_KINDS.includes(unit.kind));
  const eventUnits = config.units.filter((u) => u.escalation);
  const cases: Array<EventCase | null> = eventUnits.length > 0 && categories && levels ? eventCases(categories, levels) : [null];
  const reported = new Set<number>();
  const signatures = new Set<string>();
  for (const c of cases) {
    // cases that send every event-dependent unit to the same place have the same chains
    const signature = eventUnits.map((u) => tree.escalationTarget(u.id, c?.facts) ?? '').join('\u0000');
    if (signatures.has(signature)) continue;
    signatures.add(signature);
    const good = new Set<string>();
    for (const { unit, i } of handling) {
      if (reported.has(i)) continue;
      const result = walk(tree, unit.id, c?.facts, good);
      if (result.ok) {
        for (const id of result.chain) good.add(id);
        continue;
      }
      reported.add(i);
      const chain = result.chain.join(' → ');
      const at = `/units/${i}`;
      const top = tree.get(result.top);
      if (c === null) {
        if (result.cycle) issues.push(problem('escalation-cycle', at, { chain }));
        else issues.push(problem('escalation-dead-end', at, { top: result.top, kind: word(top?.kind ?? ''), chain }));
      } else if (result.cycle) issues.push(problem('escalation-cycle.event', at, { chain, category: c.category, level: c.level }));
      else issues.push(problem('escalation-dead-end.event', at, { top: result.top, kind: word(top?.kind ?? ''), chain, category: c.category, level: c.level }));
    }
  }
}
