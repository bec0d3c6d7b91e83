/**
 * The form builder: a palette of field kinds, the form's fields in order, a side panel to edit one,
 * and the live preview validated as the runtime would. Every edit goes through the pure model
 * functions and is written to the draft's `forms` section at once.
 */
import { Alert, Button, Card, Tooltip } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Form, MinorCategory } from '../../../../engine/index';
import { DERIVED_FACTS } from '../../../../engine/schema/constants';
import { composePreview } from '../compose-preview';
import { FormPreview } from '../form-preview';
import { useLabel } from '../../i18n/use-label';
import type { Draft } from '../use-draft';
import { FieldEditor } from './field-editor';
import { FieldList } from './field-list';
import { PALETTE_KINDS, type Bilingual, type Field, type FormModel } from './field-types';
import { addField, moveField, removeField, renameKey, updateField } from './form-edits';
import { formToModel, modelToForm, roundTrips } from './form-model';
import './form-builder.css';

export function FormBuilderView({ draft, forms, form, categories }: { draft: Draft; forms: Form[]; form: Form; categories: MinorCategory[] }) {
  const { t } = useTranslation();
  const label = useLabel();
  const model = useMemo(() => formToModel(form), [form]);
  const lossless = useMemo(() => roundTrips(form), [form]);
  const [editing, setEditing] = useState<string | null>(null);
  const disabled = !draft.editable || !lossless;
  // keys a new field may not take: fields of included forms and the facts the engine derives
  const taken = useMemo(() => {
    const own = new Set(model.fields.map((f) => f.key));
    const composed = Object.keys((composePreview(forms, form.id)?.schema.properties as Record<string, unknown> | undefined) ?? {});
    return [...composed.filter((k) => !own.has(k)), ...Object.keys(DERIVED_FACTS)];
  }, [forms, form.id, model.fields]);

  const write = (next: FormModel) => draft.setValue('forms', forms.map((f) => (f.id === form.id ? modelToForm(next) : f)));
  const add = (kind: (typeof PALETTE_KINDS)[number]) => {
    const title = t(`formBuilder.newTitle.${kind}`, { returnObjects: true }) as unknown as Bilingual;
    const added = addField(model, kind, { title, taken });
    write(added.model);
    setEditing(added.key);
  };
  const editingField = model.fields.find((f) => f.key === editing) ?? null;
  const included = form.include ?? [];

  return (
    <div className="fb-layout" data-testid="form-builder">
      {!draft.editable && <Alert type="info" showIcon title={t('formBuilder.readOnly')} />}
      {!lossless && <Alert type="warning" showIcon title={t('formBuilder.notLossless')} data-testid="builder-lossy" />}
      <div className="fb-grid">
        <Card size="small" title={t('formBuilder.palette')} className="fb-palette" data-testid="palette">
          <p className="muted fb-palette-help">{t('formBuilder.paletteHelp')}</p>
          <div className="fb-palette-kinds">
            {PALETTE_KINDS.map((kind) => (
              <Button key={kind} size="small" disabled={disabled} onClick={() => add(kind)} data-kind={kind}>
                + {t(`formBuilder.kind.${kind}`)}
              </Button>
            ))}
          </div>
        </Card>
        <Card size="small" title={t('formBuilder.fields')} className="fb-fields">
          {included.length > 0 && (
            <p className="muted">
              <Tooltip title={included.join(', ')}>{t('formBuilder.includes', { list: included.map((id) => label(forms.find((f) => f.id === id)?.name, id)).join(t('common.listSeparator')) })}</Tooltip>
            </p>
          )}
          <FieldList
            fields={model.fields}
            selected={editing}
            disabled={disabled}
            onMove={(from, to) => write(moveField(model, from, to))}
            onEdit={setEditing}
            onRemove={(key) => (write(removeField(model, key)), editing === key && setEditing(null))}
          />
        </Card>
        <Card size="small" title={t('forms.preview')} className="fb-preview">
          <FormPreview draft={draft} forms={forms} formId={form.id} categories={categories} />
        </Card>
      </div>
      {editingField && (
        <FieldEditor
          key={form.id}
          field={editingField}
          fields={model.fields}
          disabled={disabled}
          onClose={() => setEditing(null)}
          onUpdate={(patch: Partial<Omit<Field, 'key'>>, renameTo?: string) => {
            const updated = updateField(model, editingField.key, patch);
            const renamed = renameTo ? renameKey(updated, editingField.key, renameTo, taken) : null;
            write(renamed?.ok ? renamed.model : updated);
            if (renamed?.ok) setEditing(renameTo!);
          }}
          onRename={(to) => {
            const renamed = renameKey(model, editingField.key, to, taken);
            if (!renamed.ok) return renamed.problem;
            write(renamed.model);
            setEditing(to);
            return null;
          }}
        />
      )}
    </div>
  );
}
