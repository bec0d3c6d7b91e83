/**
 * Rules indexed by scope: for every minor category, the rules that can apply to it (unscoped,
 * scoped to its major category, scoped to it), in config order, split by phase. Built once per
 * compiled config, so deciding an event never looks at a rule outside its scope.
 */
import type { MajorCategory, MinorCategory, Rule } from '../schema/config-schema';
import { compileCondition, type Predicate } from './condition';

export interface CompiledRule {
  rule: Rule;
  /** Position in the config's rule list (the tie-break order). */
  index: number;
  predicate: Predicate;
}

export interface CategoryIndex {
  major: MajorCategory;
  minor: MinorCategory;
  /** [major, minor], shared by every event of the category. */
  path: readonly string[];
  /** The fields of the category's composed form, the only data keys that become facts. */
  fields: readonly string[];
  gradeRules: CompiledRule[];
  otherRules: CompiledRule[];
}

export function compileRules(rules: readonly Rule[]): CompiledRule[] {
  return rules.flatMap((rule, index) => (rule.enabled === false ? [] : [{ rule, index, predicate: compileCondition(rule.conditions) }]));
}

export function indexRules(categories: readonly MajorCategory[], rules: readonly CompiledRule[], fieldsOf: (formId: string) => readonly string[]): Map<string, CategoryIndex> {
  const index = new Map<string, CategoryIndex>();
  for (const major of categories) {
    for (const minor of major.children) {
      const applicable = rules.filter(({ rule }) => {
        const scope = rule.scope;
        if (!scope) return true;
        if ('category' in scope) return scope.category === minor.code;
        return scope.major === major.code;
      });
      index.set(minor.code, {
        major,
        minor,
        path: Object.freeze([major.code, minor.code]),
        fields: fieldsOf(minor.form),
        gradeRules: applicable.filter((r) => r.rule.event.type === 'grade'),
        otherRules: applicable.filter((r) => r.rule.event.type !== 'grade'),
      });
    }
  }
  return index;
}
