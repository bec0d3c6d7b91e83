/**
 * The form designer: pick a form (the one named in the URL, `?tab=forms&form=<id>`), add, rename
 * or delete forms, and build one with the form builder — or, one switch away, edit its JSON Schema
 * and uiSchema in monaco. Both views write the draft's `forms` section; the live preview validates
 * with the engine's `validateReport`, the function the runtime's intake calls.
 */
import { DeleteOutlined, PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { Alert, Button, Popconfirm, Segmented, Select, Space } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { countyConfigJsonSchema, type Form, type MajorCategory, type MinorCategory } from '../../../engine/index';
import { JsonEditor } from '../editor/lazy-editors';
import { useLabel } from '../i18n/use-label';
import { navigate, useRoute, withQuery } from '../router/router';
import { FormBuilderView } from './form-builder/form-builder-view';
import { FormDialog } from './form-builder/form-dialog';
import { addForm, removeForm, renameForm } from './form-builder/form-list-edits';
import { FormPreview } from './form-preview';
import { pretty } from './sections';
import type { Draft } from './use-draft';

const formItem = ((countyConfigJsonSchema.properties as Record<string, { items: { properties: Record<string, Record<string, unknown>> } }>).forms.items.properties);
const $defs = countyConfigJsonSchema.$defs as Record<string, unknown>;
const SCHEMA_SCHEMA = { ...formItem.schema, $defs };
const UI_SCHEMA_SCHEMA = { ...formItem.uiSchema, $defs };

type Dialog = { kind: 'new' } | { kind: 'rename'; form: Form } | null;

export function FormDesigner({ draft }: { draft: Draft }) {
  const { t } = useTranslation();
  const label = useLabel();
  const route = useRoute();
  const [deleteProblem, setDeleteProblem] = useState<string | null>(null);
  const [view, setView] = useState<'builder' | 'json'>('builder');
  const [dialog, setDialog] = useState<Dialog>(null);
  const forms = draft.values.forms as Form[] | undefined;
  const categories = draft.values.categories as MajorCategory[] | undefined;
  const formId = route.query.get('form');
  const current = Array.isArray(forms) ? (forms.find((f) => f.id === formId) ?? forms.find((f) => f.id !== 'base') ?? forms[0]) : undefined;
  const users = useMemo(
    () => (Array.isArray(categories) ? categories : []).flatMap((m) => (Array.isArray(m?.children) ? m.children : [])).filter((c) => c.form === current?.id),
    [categories, current?.id],
  );
  if (!Array.isArray(forms)) return <p className="notice notice-error">{t('tree.fixJson', { section: t('section.forms') })}</p>;
  const open = (id: string) => (setDeleteProblem(null), navigate(withQuery(route, { form: id }), { replace: true }));
  const sections = () => ({ forms, categories: Array.isArray(categories) ? categories : [] });

  const onDialog = (value: { id: string; name: { zh: string; en: string } }) => {
    if (dialog?.kind === 'new') {
      draft.setValue('forms', addForm(forms, value.id, value.name));
    } else if (dialog?.kind === 'rename') {
      const next = renameForm(sections(), dialog.form.id, value);
      draft.setValue('forms', next.forms);
      if (value.id !== dialog.form.id && Array.isArray(categories)) draft.setValue('categories', next.categories);
    }
    setDialog(null);
    open(value.id);
  };
  const onDelete = () => {
    if (!current) return;
    const removed = removeForm(sections(), current.id);
    if (!removed.ok) return setDeleteProblem(t('formBuilder.formInUse', { list: removed.users.join(t('common.listSeparator')) }));
    setDeleteProblem(null);
    draft.setValue('forms', removed.forms);
    navigate(withQuery(route, { form: null }), { replace: true });
  };

  return (
    <div className="form-designer">
      <Space wrap className="fb-toolbar">
        <label className="fb-pick">
          <span>{t('formBuilder.pickForm')}</span>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            style={{ minWidth: 260 }}
            value={current?.id}
            onChange={open}
            data-testid="form-pick"
            options={forms.map((f) => ({ value: f.id, label: `${label(f.name, f.id)} (${f.id})` }))}
          />
        </label>
        <Button icon={<PlusOutlined />} disabled={!draft.editable} onClick={() => setDialog({ kind: 'new' })} data-testid="form-new">{t('formBuilder.newForm')}</Button>
        {current && <Button icon={<SettingOutlined />} disabled={!draft.editable} onClick={() => setDialog({ kind: 'rename', form: current })} data-testid="form-settings">{t('formBuilder.formSettings')}</Button>}
        {current && (
          <Popconfirm title={t('formBuilder.deleteFormConfirm', { name: label(current.name, current.id) })} onConfirm={onDelete} disabled={!draft.editable}>
            <Button icon={<DeleteOutlined />} danger disabled={!draft.editable} data-testid="form-delete">{t('formBuilder.deleteForm')}</Button>
          </Popconfirm>
        )}
        <Segmented value={view} onChange={(v) => setView(v as 'builder' | 'json')} data-testid="form-view" options={[{ value: 'builder', label: t('formBuilder.view.builder') }, { value: 'json', label: t('formBuilder.view.json') }]} />
      </Space>
      {deleteProblem && <Alert type="error" showIcon closable={{ onClose: () => setDeleteProblem(null) }} title={deleteProblem} data-testid="form-delete-problem" />}
      {!current && <p className="muted">{t('forms.none')}</p>}
      {current && view === 'builder' && <FormBuilderView draft={draft} forms={forms} form={current} categories={users} />}
      {current && view === 'json' && <FormJsonEditors key={current.id} draft={draft} forms={forms} form={current} categories={users} />}
      {dialog && <FormDialog forms={forms} form={dialog.kind === 'rename' ? dialog.form : undefined} onDone={onDialog} onCancel={() => setDialog(null)} />}
    </div>
  );
}

function FormJsonEditors({ draft, forms, form, categories }: { draft: Draft; forms: Form[]; form: Form; categories: MinorCategory[] }) {
  const { t } = useTranslation();
  const [schemaText, setSchemaText] = useState(() => pretty(form.schema));
  const [uiText, setUiText] = useState(() => pretty(form.uiSchema ?? {}));

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
