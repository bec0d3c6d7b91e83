/**
 * The cells lint looks at: one per minor category × township (and "no place") × level, with
 * what is known of an event there — its category facts, its township, its level, and which
 * form fields it cannot have (fields of other forms read as absent) — and, per rule, whether
 * the rule's condition can hold there (`never`, `maybe`, `always`).
 */
import type { CompiledConfig } from '../compile';
import { DERIVED_FACTS } from '../schema/constants';
import type { Rule } from '../schema/config-schema';
import type { CategoryIndex, CompiledRule } from '../rules/rule-index';
import type { Facts } from '../rules/condition';
import { fieldType } from '../rules/fact-types';
import { conditionTerms, judgeTerms, type FactDomain, type Term, type TermVerdict } from './condition-terms';

/** Facts a cell fixes; every other derived fact is open (may be anything). */
const CELL_FACTS = new Set(['category', 'majorCategory', 'categoryPath', 'township', 'level']);

export interface LintRule {
  compiled: CompiledRule;
  rule: Rule;
  pointer: string;
  terms: Term[] | null;
}

export interface CellPlace {
  category: CategoryIndex;
  township: string | null;
}

/** The rules of a config and the facts of its cells, ready to judge a rule in a cell. */
export class LintCells {
  readonly rules: LintRule[];
  readonly townships: Array<string | null>;
  private readonly byRule = new Map<CompiledRule, LintRule>();
  private readonly fieldDomains = new Map<string, Map<string, FactDomain>>();

  constructor(readonly config: CompiledConfig) {
    this.rules = config.rules.map((compiled) => ({ compiled, rule: compiled.rule, pointer: `/rules/${compiled.index}`, terms: conditionTerms(compiled.rule.conditions) }));
    for (const r of this.rules) this.byRule.set(r.compiled, r);
    this.townships = [...config.units.townships().map((u) => u.id), null];
  }

  lintRule(compiled: CompiledRule): LintRule {
    return this.byRule.get(compiled)!;
  }

  /** The facts an event of the cell is known to have (level undefined: the grading phase). */
  knownFacts(place: CellPlace, level: number | undefined): Facts {
    const { major, minor } = place.category;
    return { category: minor.code, majorCategory: major.code, categoryPath: [major.code, minor.code], township: place.township, level };
  }

  /** Whether a fact is fixed in a cell of this category: the cell's own facts and fields its form lacks. */
  isKnown(category: CategoryIndex): (fact: string) => boolean {
    return (fact) => CELL_FACTS.has(fact) || (!Object.hasOwn(DERIVED_FACTS, fact) && !category.fields.includes(fact));
  }

  /** What values an open fact can take in a cell: its form field's type, or a derived fact's range. */
  domains(place: CellPlace): (key: string) => FactDomain | undefined {
    const fields = this.fieldDomainsOf(place.category);
    const units = this.config.units;
    return (key) => {
      switch (key) {
        case 'workingTime':
        case 'holiday':
          return { values: [true, false] };
        case 'hourOfDay':
          return { minimum: 0, maximum: 23 };
        case 'dayOfWeek':
          return { minimum: 1, maximum: 7 };
        case 'recentReports':
          return { minimum: 0 };
        case 'village':
        case 'grid': {
          if (!place.township) return { values: [null] };
          const kind = key;
          const ids = this.config.config.units.filter((u) => u.kind === kind && units.townshipOf(u.id)?.id === place.township).map((u) => u.id);
          return { values: [...ids, null] };
        }
        default:
          return fields.get(key);
      }
    };
  }

  private fieldDomainsOf(category: CategoryIndex): Map<string, FactDomain> {
    let domains = this.fieldDomains.get(category.minor.form);
    if (domains) return domains;
    domains = new Map();
    const properties = (this.config.forms.get(category.minor.form)?.schema.properties ?? {}) as Record<string, unknown>;
    for (const field of category.fields) {
      const type = fieldType(properties[field]);
      // an answer may be left out: undefined (and null) stay possible
      if (type.kind === 'boolean') domains.set(field, { values: [true, false, undefined, null] });
      else if (type.kind === 'choice') domains.set(field, { values: [...type.options, undefined, null] });
      else if (type.kind === 'number') domains.set(field, { ...(type.minimum !== undefined ? { minimum: type.minimum } : {}), ...(type.maximum !== undefined ? { maximum: type.maximum } : {}) });
    }
    this.fieldDomains.set(category.minor.form, domains);
    return domains;
  }

  /** Whether a rule's condition can hold in a cell (level undefined for grade rules). */
  judge(rule: LintRule, place: CellPlace, level: number | undefined): TermVerdict {
    return judgeTerms(rule.terms, this.knownFacts(place, level), this.isKnown(place.category), this.domains(place));
  }

  /** The levels events of a category can get: its default and every grade rule's that may fire for it somewhere. */
  levelsOf(category: CategoryIndex): number[] {
    let found = this.levels.get(category);
    if (!found) {
      found = this.findLevels(category);
      this.levels.set(category, found);
    }
    return found;
  }

  private readonly levels = new Map<CategoryIndex, number[]>();

  private findLevels(category: CategoryIndex): number[] {
    const levels = new Set([category.minor.level]);
    for (const grade of category.gradeRules) {
      if (grade.rule.event.type !== 'grade' || levels.has(grade.rule.event.params.level)) continue;
      const rule = this.lintRule(grade);
      if (this.townships.some((township) => this.judge(rule, { category, township }, undefined).status !== 'never')) levels.add(grade.rule.event.params.level);
    }
    return [...levels].sort((a, b) => a - b);
  }
}
