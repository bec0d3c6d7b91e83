/**
 * Edits of the `forms` section as a whole: add, rename (id and name) and delete a form. A new id
 * is carried into the categories and forms that name the old one; a form still in use is not
 * deleted.
 */
import type { Form, MajorCategory } from '../../../../engine/index';
import type { Bilingual } from './field-types';

/** A form id the config schema accepts: letters, digits, `_ . -`, up to 64. */
export const FORM_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export type FormIdProblem = 'empty' | 'malformed' | 'taken';

export function formIdProblem(forms: readonly Form[], id: string, except?: string): FormIdProblem | null {
  if (id === '') return 'empty';
  if (!FORM_ID_PATTERN.test(id)) return 'malformed';
  return forms.some((f) => f.id === id && f.id !== except) ? 'taken' : null;
}

/** A new empty form that composes the shared base fields (when the config has a `base` form). */
export function addForm(forms: readonly Form[], id: string, name: Bilingual): Form[] {
  const base = forms.some((f) => f.id === 'base') ? ['base'] : undefined;
  const form: Form = {
    id,
    name,
    ...(base ? { include: base } : {}),
    schema: { type: 'object', title: name.zh, properties: {}, required: [] },
    uiSchema: { 'ui:order': ['*'], 'ui:title': { zh: name.zh, en: name.en || name.zh } },
  };
  return [...forms, form];
}

export interface Sections {
  forms: Form[];
  categories: MajorCategory[];
}

/** Renames a form (id and name); categories and including forms follow the new id. */
export function renameForm(sections: Sections, id: string, next: { id: string; name: Bilingual }): Sections {
  const follow = (ref: string) => (ref === id ? next.id : ref);
  return {
    forms: sections.forms.map((f) => {
      const renamed = f.id === id ? { ...f, id: next.id, name: next.name } : f;
      return renamed.include ? { ...renamed, include: renamed.include.map(follow) } : renamed;
    }),
    categories: sections.categories.map((m) => ({ ...m, children: m.children.map((c) => (c.form === id ? { ...c, form: next.id } : c)) })),
  };
}

/** Who still uses a form: the codes of categories that report with it and the ids of forms that include it. */
export function formUsers(sections: Sections, id: string): string[] {
  return [
    ...sections.categories.flatMap((m) => m.children.filter((c) => c.form === id).map((c) => c.code)),
    ...sections.forms.filter((f) => f.include?.includes(id)).map((f) => f.id),
  ];
}

/** Deletes a form nobody uses; `{ ok: false, users }` when some category or form still does. */
export function removeForm(sections: Sections, id: string): { ok: true; forms: Form[] } | { ok: false; users: string[] } {
  const users = formUsers(sections, id);
  if (users.length > 0) return { ok: false, users };
  return { ok: true, forms: sections.forms.filter((f) => f.id !== id) };
}
