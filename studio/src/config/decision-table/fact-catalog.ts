/**
 * The facts a table of one scope can test, each with its type (the engine's `fieldType` for form
 * fields; the derived facts as the engine derives them — rule-checks.ts `factTypes`, with the
 * levels the config declares), its label and, for choices, each option's label. The cell
 * editors are chosen from this, so they only produce values of the fact's type.
 */
import type { DecisionType, Form, I18nText, MajorCategory, Unit } from '../../../../engine/index';
import { fieldType, type FactType } from '../../../../engine/rules/fact-types';
import { composePreview } from '../compose-preview';
import type { LevelChoice } from '../level-names';
import type { TableScope } from './table-scope';

type Scalar = string | number | boolean | null;

/** How a fact's value is picked: the editor follows from this. */
export type FactEditor = 'switch' | 'select' | 'multi' | 'number' | 'text' | 'unit' | 'none';

export interface FactOption {
  value: Scalar;
  label: I18nText;
}

export interface FactInfo {
  fact: string;
  type: FactType;
  editor: FactEditor;
  /** A form field's title, or null for a derived fact (its label is in the studio's texts). */
  label: I18nText | null;
  options?: FactOption[];
  /** For township/village/grid: the unit kind the value is an id of. */
  unitKind?: 'township' | 'village' | 'grid';
  derived: boolean;
}

export interface CatalogInput {
  categories: readonly MajorCategory[];
  forms: readonly Form[];
  units: readonly Unit[];
  levels: readonly LevelChoice[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown, fallback: string): I18nText => (isRecord(v) && typeof v.zh === 'string' ? { zh: v.zh, en: typeof v.en === 'string' ? v.en : v.zh } : typeof v === 'string' ? { zh: v, en: v } : { zh: fallback, en: fallback });

/** The minor categories a scope covers. */
export function minorsOf(categories: readonly MajorCategory[], scope: TableScope) {
  return categories.flatMap((major) => (Array.isArray(major.children) ? major.children : []).filter(() => scope.kind !== 'major' || major.code === scope.code).filter((minor) => scope.kind !== 'category' || minor.code === scope.code));
}

function optionLabels(schema: Record<string, unknown>, ui: Record<string, unknown>, options: readonly Scalar[]): FactOption[] {
  const oneOf = Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : [];
  const uiOneOf = Array.isArray(ui.oneOf) ? ui.oneOf : [];
  return options.map((value, i) => {
    const uiTitle = isRecord(uiOneOf[i]) ? uiOneOf[i]['ui:title'] : undefined;
    const title = isRecord(oneOf[i]) ? oneOf[i].title : undefined;
    return { value, label: text(uiTitle ?? title, String(value)) };
  });
}

function fieldInfo(fact: string, schema: unknown, ui: unknown): FactInfo {
  const type = fieldType(schema);
  const s = isRecord(schema) ? schema : {};
  const u = isRecord(ui) ? ui : {};
  const label = text(u['ui:title'] ?? s.title, fact);
  switch (type.kind) {
    case 'boolean':
      return { fact, type, editor: 'switch', label, derived: false };
    case 'choice':
      return { fact, type, editor: 'select', label, options: optionLabels(s, u, type.options), derived: false };
    case 'multi': {
      const items = isRecord(s.items) ? s.items : {};
      return { fact, type, editor: type.options ? 'multi' : 'text', label, ...(type.options ? { options: optionLabels(items, isRecord(u.items) ? u.items : {}, type.options) } : {}), derived: false };
    }
    case 'number':
      return { fact, type, editor: 'number', label, derived: false };
    case 'text':
      return { fact, type, editor: 'text', label, derived: false };
    case 'other':
      return { fact, type, editor: 'none', label, derived: false };
    default: {
      const never: never = type;
      throw new Error(`unknown fact type ${JSON.stringify(never)}`);
    }
  }
}

const WEEKDAYS: FactOption[] = [1, 2, 3, 4, 5, 6, 7].map((d) => ({
  value: d,
  label: { zh: `周${'一二三四五六日'[d - 1]}`, en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'][d - 1] },
}));

function derivedFacts(input: CatalogInput): FactInfo[] {
  const majors = input.categories.filter((m) => isRecord(m) && typeof m.code === 'string');
  const minors = majors.flatMap((m) => (Array.isArray(m.children) ? m.children : []));
  const unitIds = (kind: string) => input.units.filter((u) => u.kind === kind).map((u) => u.id);
  const levels = input.levels.map((l) => l.level);
  const choice = (fact: string, options: FactOption[], extra: Partial<FactInfo> = {}): FactInfo => ({ fact, type: { kind: 'choice', options: options.map((o) => o.value) }, editor: 'select', label: null, options, derived: true, ...extra });
  const unitChoice = (fact: string, kind: 'township' | 'village' | 'grid'): FactInfo => ({ fact, type: { kind: 'choice', options: unitIds(kind) }, editor: 'unit', unitKind: kind, label: null, derived: true });
  const number = (fact: string, minimum?: number, maximum?: number): FactInfo => ({ fact, type: { kind: 'number', integer: true, ...(minimum !== undefined ? { minimum } : {}), ...(maximum !== undefined ? { maximum } : {}) }, editor: 'number', label: null, derived: true });
  return [
    choice('category', minors.map((c) => ({ value: c.code, label: c.name }))),
    choice('majorCategory', majors.map((m) => ({ value: m.code, label: m.name }))),
    { fact: 'categoryPath', type: { kind: 'multi', options: [...majors.map((m) => m.code), ...minors.map((c) => c.code)] }, editor: 'multi', label: null, options: [...majors, ...minors].map((c) => ({ value: c.code, label: c.name })), derived: true },
    unitChoice('township', 'township'),
    unitChoice('village', 'village'),
    unitChoice('grid', 'grid'),
    { fact: 'source', type: { kind: 'text' }, editor: 'text', label: null, derived: true },
    { fact: 'workingTime', type: { kind: 'boolean' }, editor: 'switch', label: null, derived: true },
    { fact: 'holiday', type: { kind: 'boolean' }, editor: 'switch', label: null, derived: true },
    number('hourOfDay', 0, 23),
    { ...number('dayOfWeek', 1, 7), editor: 'select', options: WEEKDAYS },
    number('recentReports', 0),
    { ...number('level', Math.min(...levels), Math.max(...levels)), editor: 'select', options: input.levels.map((l) => ({ value: l.level, label: l.name })) },
  ];
}

/**
 * Every fact a rule of this scope and type can test: the fields of the scope's forms (the first
 * form that has a field gives its type), then the derived facts (`level` not for grade rules:
 * they run before the level is known).
 */
export function factCatalog(input: CatalogInput, scope: TableScope, type: DecisionType): Map<string, FactInfo> {
  const catalog = new Map<string, FactInfo>();
  const formIds = [...new Set(minorsOf(input.categories, scope).map((m) => m.form))];
  for (const id of formIds) {
    const composed = composePreview(input.forms, id);
    if (!composed) continue;
    const properties = isRecord(composed.schema.properties) ? composed.schema.properties : {};
    for (const [fact, schema] of Object.entries(properties)) if (!catalog.has(fact)) catalog.set(fact, fieldInfo(fact, schema, composed.uiSchema[fact]));
  }
  for (const info of derivedFacts(input)) if (!(type === 'grade' && info.fact === 'level')) catalog.set(info.fact, info);
  return catalog;
}

/** A fact the catalog does not know (a typo, a field of another form): its cells are read-only. */
export function unknownFact(fact: string): FactInfo {
  return { fact, type: { kind: 'other' }, editor: 'none', label: null, derived: false };
}
