/** Edits of the category tree as pure functions over the `categories` (and `forms`) sections. */
import type { Form, I18nText, MajorCategory, MinorCategory } from '../../../engine/index';

export function renameMajor(tree: MajorCategory[], code: string, name: I18nText): MajorCategory[] {
  return tree.map((m) => (m.code === code ? { ...m, name } : m));
}

export function renameMinor(tree: MajorCategory[], code: string, name: I18nText): MajorCategory[] {
  return tree.map((m) => ({ ...m, children: m.children.map((c) => (c.code === code ? { ...c, name } : c)) }));
}

export function updateMinor(tree: MajorCategory[], code: string, changes: Partial<MinorCategory>): MajorCategory[] {
  return tree.map((m) => ({ ...m, children: m.children.map((c) => (c.code === code ? { ...c, ...changes } : c)) }));
}

export function addMajor(tree: MajorCategory[], major: { code: string; name: I18nText }): MajorCategory[] {
  return [...tree, { ...major, children: [] }];
}

export function addMinor(tree: MajorCategory[], majorCode: string, minor: MinorCategory): MajorCategory[] {
  return tree.map((m) => (m.code === majorCode ? { ...m, children: [...m.children, minor] } : m));
}

export function removeMinor(tree: MajorCategory[], code: string): MajorCategory[] {
  return tree.map((m) => ({ ...m, children: m.children.filter((c) => c.code !== code) }));
}

/** Moves a minor category to the end of another major category. */
export function moveMinor(tree: MajorCategory[], code: string, toMajor: string): MajorCategory[] {
  const minor = tree.flatMap((m) => m.children).find((c) => c.code === code);
  if (!minor) return tree;
  return addMinor(removeMinor(tree, code), toMajor, minor);
}

/** A new form composing the shared base fields, for a new category to start from. */
export function starterForm(id: string, name: I18nText, base: string | undefined): Form {
  return { id, name, ...(base ? { include: [base] } : {}), schema: { type: 'object', properties: {}, required: [] } };
}

/** A category code the config schema accepts: letters, digits, `_ . -`, up to 64, not starting with a separator. */
export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** What is wrong with `code` as a new category code, or null: taken by a major or minor category, or malformed. */
export function categoryCodeProblem(tree: readonly MajorCategory[], code: string): 'taken' | 'malformed' | null {
  if (code === '') return null;
  if (tree.some((m) => m.code === code || m.children.some((c) => c.code === code))) return 'taken';
  return CODE_PATTERN.test(code) ? null : 'malformed';
}
