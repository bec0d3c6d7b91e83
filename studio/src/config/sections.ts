/**
 * The county config as the workspace edits it: one JSON text per section, each with its own
 * sub-schema (the section's schema plus the root `$defs`, so `#/$defs/condition` resolves).
 * `general` holds the top-level identity fields (id, name, description, county, and anything
 * unknown, so a stray key is shown — and underlined — rather than silently dropped).
 */
import { countyConfigJsonSchema } from '../../../engine/index';

export const SECTIONS = ['general', 'levels', 'units', 'categories', 'forms', 'rules', 'sla', 'workflow', 'assessment', 'calendars', 'tests', 'geography', 'alerts'] as const;
export type SectionKey = (typeof SECTIONS)[number];
type DataSection = Exclude<SectionKey, 'general'>;

const DATA_SECTIONS = SECTIONS.filter((s): s is DataSection => s !== 'general');
const GENERAL_KEYS = ['$schema', 'id', 'name', 'description', 'county'];

export type SectionTexts = Record<SectionKey, string>;

export interface ParseProblem {
  section: SectionKey;
  message: string;
  offset: number;
}

export const pretty = (value: unknown) => JSON.stringify(value, null, 2);

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `value` with its object keys in the order `like` has them (new keys after), recursively: the
 * studio saves a draft's sections in its own key order, and a text diff would show every moved
 * section as removed and added again.
 * @example
 * inOrderOf({ b: 1, a: 2 }, { a: 0, b: 0 }) // { a: 2, b: 1 }
 */
export function inOrderOf(value: unknown, like: unknown): unknown {
  if (Array.isArray(value)) return value.map((v, i) => inOrderOf(v, Array.isArray(like) ? like[i] : undefined));
  if (!isPlainObject(value)) return value;
  const order = isPlainObject(like) ? [...Object.keys(like).filter((k) => Object.hasOwn(value, k)), ...Object.keys(value).filter((k) => !Object.hasOwn(like, k))] : Object.keys(value);
  return Object.fromEntries(order.map((k) => [k, inOrderOf(value[k], isPlainObject(like) ? like[k] : undefined)]));
}


export function splitDocument(document: Record<string, unknown>): SectionTexts {
  const general: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(document)) if (!(DATA_SECTIONS as string[]).includes(key)) general[key] = value;
  const texts = { general: pretty(general) } as SectionTexts;
  for (const section of DATA_SECTIONS) texts[section] = pretty(document[section] ?? (section === 'tests' ? [] : null));
  return texts;
}

export function joinSections(texts: SectionTexts): { document: Record<string, unknown> | null; values: Partial<Record<SectionKey, unknown>>; problems: ParseProblem[] } {
  const values: Partial<Record<SectionKey, unknown>> = {};
  const problems: ParseProblem[] = [];
  for (const section of SECTIONS) {
    try {
      values[section] = JSON.parse(texts[section]);
    } catch (error) {
      const message = (error as Error).message;
      problems.push({ section, message, offset: offsetOf(texts[section], message) });
    }
  }
  if (problems.length > 0) return { document: null, values, problems };
  const general = values.general;
  const document: Record<string, unknown> = general !== null && typeof general === 'object' && !Array.isArray(general) ? { ...(general as object) } : {};
  for (const section of DATA_SECTIONS) if (values[section] !== null) document[section] = values[section];
  return { document, values, problems };
}

function offsetOf(text: string, message: string): number {
  const position = /position (\d+)/.exec(message);
  return position ? Number(position[1]) : 0;
}

const root = countyConfigJsonSchema as { properties: Record<string, Record<string, unknown>>; required: string[]; $defs: Record<string, unknown> };

/** The schema monaco validates a section's text against. */
export function sectionSchema(section: SectionKey): Record<string, unknown> {
  if (section === 'general') {
    const properties: Record<string, unknown> = {};
    for (const key of GENERAL_KEYS) if (root.properties[key]) properties[key] = root.properties[key];
    return { type: 'object', properties, required: root.required.filter((k) => GENERAL_KEYS.includes(k)), additionalProperties: false, $defs: root.$defs };
  }
  return { ...root.properties[section], $defs: root.$defs };
}

/** The section a document pointer falls in, and the pointer inside that section's text. */
export function sectionOfPointer(pointer: string): { section: SectionKey; inner: string } {
  const first = pointer.split('/')[1] ?? '';
  if ((DATA_SECTIONS as string[]).includes(first)) return { section: first as SectionKey, inner: pointer.slice(first.length + 1) };
  return { section: 'general', inner: pointer };
}

export const sectionFileName = (section: SectionKey) => `config-${section}.json`;
