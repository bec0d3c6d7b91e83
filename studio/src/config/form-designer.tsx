/**
 * The form designer: a form's JSON Schema and uiSchema in monaco beside a live rjsf preview.
 * Submitting the preview validates with the engine's `validateReport` on the compiled draft —
 * the same function the runtime's intake calls — and shows its issues.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { countyConfigJsonSchema, type Form, type MajorCategory } from '../../../engine/index';
import { JsonEditor } from '../editor/lazy-editors';
import { useLabel } from '../i18n/use-label';
import { FormPreview } from './form-preview';
import { pretty } from './sections';
import type { Draft } from './use-draft';

const formItem = ((countyConfigJsonSchema.properties as Record<string, { items: { properties: Record<string, Record<string, unknown>> } }>).forms.items.properties);
const $defs = countyConfigJsonSchema.$defs as Record<string, unknown>;
const SCHEMA_SCHEMA = { ...formItem.schema, $defs };
const UI_SCHEMA_SCHEMA = { ...formItem.uiSchema, $defs };

export function FormDesigner({ draft }: { draft: Draft }) {
  const { t } = useTranslation();
  const label = useLabel();
  const forms = draft.values.forms as Form[] | undefined;
  const [formId, setFormId] = useState<string | null>(null);
  if (!Array.isArray(forms)) return <p className="notice notice-error">{t('tree.fixJson', { section: t('section.forms') })}</p>;
  const current = forms.find((f) => f.id === formId) ?? forms.find((f) => f.id !== 'base') ?? forms[0];
  if (!current) return <p className="muted">{t('forms.none')}</p>;
  return (
    <div className="form-designer">
      <label className="field inline">
        <span>{t('forms.pick')}</span>
        <select name="form-pick" value={current.id} onChange={(e) => setFormId(e.target.value)}>
          {forms.map((f) => <option key={f.id} value={f.id}>{label(f.name, f.id)} ({f.id})</option>)}
        </select>
      </label>
      <FormEditors key={current.id} draft={draft} forms={forms} form={current} />
    </div>
  );
}

function FormEditors({ draft, forms, form }: { draft: Draft; forms: Form[]; form: Form }) {
  const { t } = useTranslation();
  const [schemaText, setSchemaText] = useState(() => pretty(form.schema));
  const [uiText, setUiText] = useState(() => pretty(form.uiSchema ?? {}));
  const categories = useMemo(
    () => ((draft.values.categories as MajorCategory[] | undefined) ?? []).flatMap((m) => (Array.isArray(m?.children) ? m.children : [])).filter((c) => c.form === form.id),
    [draft.values.categories, form.id],
  );

  // text that does not parse stays in its editor, said in words: the draft (preview, save,
  // publish) keeps the last text that parsed, which must not happen unnoticed
  const [syntax, setSyntax] = useState<{ schema?: string; uiSchema?: string }>({});
  const update = (key: 'schema' | 'uiSchema', text: string) => {
    (key === 'schema' ? setSchemaText : setUiText)(text);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      setSyntax((s) => ({ ...s, [key]: (e as Error).message }));
      return;
    }
    setSyntax((s) => ({ ...s, [key]: undefined }));
    draft.setValue('forms', forms.map((f) => (f.id === form.id ? { ...f, [key]: parsed } : f)));
  };
  const syntaxNotice = (key: 'schema' | 'uiSchema') =>
    syntax[key] && <p className="notice notice-error" role="alert" data-testid={`form-syntax-${key}`}>{t('forms.syntax', { detail: syntax[key] })}</p>;

  return (
    <div className="designer-grid">
      <div className="designer-editors">
        <h3>{t('forms.schema')}</h3>
        <JsonEditor fileName={`form-${form.id}-schema.json`} value={schemaText} onChange={(v) => update('schema', v)} schema={SCHEMA_SCHEMA} readOnly={!draft.editable} height="38vh" />
        {syntaxNotice('schema')}
        <h3>{t('forms.uiSchema')}</h3>
        <JsonEditor fileName={`form-${form.id}-ui.json`} value={uiText} onChange={(v) => update('uiSchema', v)} schema={UI_SCHEMA_SCHEMA} readOnly={!draft.editable} height="22vh" />
        {syntaxNotice('uiSchema')}
      </div>
      <div className="designer-preview">
        <h3>{t('forms.preview')}</h3>
        <FormPreview draft={draft} forms={forms} formId={form.id} categories={categories} />
      </div>
    </div>
  );
}
