/**
 * A field's settings in a side panel (antd Form) over the palette and the field list, so the live
 * preview stays in sight: key, kind, zh/en title, help, placeholder, required, default, the
 * kind's own settings (bounds, unit, options, how it is shown) and conditional display. Every
 * change goes to the draft at once, so the preview follows.
 */
import { Alert, Button, Col, Drawer, Form, Input, InputNumber, Row, Select, Switch, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/use-label';
import { pretty } from '../sections';
import { ConditionEditor } from './condition-editor';
import { PALETTE_KINDS, type Bilingual, type Display, type Field } from './field-types';
import type { KeyProblem } from './form-edits';
import { fieldKeyFollows, keyFromLabel } from './key-from-label';
import { OptionsTable } from './options-table';

export interface FieldEditorProps {
  field: Field;
  fields: readonly Field[];
  disabled?: boolean;
  /** Changes the field; `renameTo` also renames its key in the same edit (the key following the English title). */
  onUpdate: (patch: Partial<Omit<Field, 'key'>>, renameTo?: string) => void;
  onRename: (to: string) => KeyProblem | null;
  onClose: () => void;
}

const DISPLAYS: Partial<Record<Field['kind'], Display[]>> = { choice: ['radio', 'select'], multi: ['checkboxes', 'select'], yesno: ['radio', 'checkbox', 'select'] };
const num = (v: number | string | null) => (typeof v === 'number' ? v : undefined);

export function FieldEditor({ field, fields, disabled, onUpdate, onRename, onClose }: FieldEditorProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [key, setKey] = useState(field.key);
  const [keyProblem, setKeyProblem] = useState<KeyProblem | null>(null);
  useEffect(() => setKey(field.key), [field.key]);
  const commitKey = () => setKeyProblem(key === field.key ? null : onRename(key.trim()));
  const k = field.kind;
  const bilingual = (name: 'title' | 'help' | 'placeholder' | 'unit', label: 'title' | 'help' | 'placeholder' | 'unit') => {
    const value: Bilingual = field[name] ?? { zh: '', en: '' };
    const set = (patch: Partial<Bilingual>) => {
      const next = { ...value, ...patch };
      const derived = name === 'title' && patch.en !== undefined && fieldKeyFollows(field.key, value.en) ? keyFromLabel(next.en) : '';
      onUpdate({ [name]: name !== 'title' && !next.zh && !next.en ? undefined : next }, derived && derived !== field.key && !fields.some((f) => f.key === derived) ? derived : undefined);
    };
    return (
      <Row gutter={8}>
        <Col xs={24} sm={12}>
          <Form.Item label={t(`formBuilder.editor.${label}Zh`)}>
            <Input value={value.zh} disabled={disabled} data-testid={`field-${name}-zh`} onChange={(e) => set({ zh: e.target.value })} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label={t(`formBuilder.editor.${label}En`)}>
            <Input value={value.en} disabled={disabled} data-testid={`field-${name}-en`} onChange={(e) => set({ en: e.target.value })} />
          </Form.Item>
        </Col>
      </Row>
    );
  };
  const number = (name: 'minimum' | 'maximum' | 'minLength' | 'maxLength' | 'rows' | 'minItems' | 'maxItems', integer = true) => (
    <Col xs={12} sm={8}>
      <Form.Item label={t(`formBuilder.editor.${name}`)}>
        <InputNumber style={{ width: '100%' }} value={field[name]} disabled={disabled} precision={integer ? 0 : undefined} min={integer && name !== 'minimum' && name !== 'maximum' ? 0 : undefined} data-testid={`field-${name}`} onChange={(v) => onUpdate({ [name]: num(v) })} />
      </Form.Item>
    </Col>
  );

  return (
    <Drawer open onClose={onClose} placement="left" mask={false} size="min(600px, 100vw)" title={t('formBuilder.editor.title', { name: (language === 'en' && field.title.en) || field.title.zh || field.key })} extra={<Button type="primary" onClick={onClose} data-testid="field-editor-done">{t('formBuilder.editor.done')}</Button>} data-testid="field-editor">
      <Form layout="vertical" className="fb-field-form" data-testid="field-editor-form">
        <Row gutter={8}>
          <Col xs={24} sm={12}>
            <Form.Item label={t('formBuilder.editor.key')} validateStatus={keyProblem ? 'error' : undefined} help={keyProblem ? t(`formBuilder.keyProblem.${keyProblem}`) : undefined}>
              <Input value={key} disabled={disabled} data-testid="field-key" onChange={(e) => setKey(e.target.value)} onBlur={commitKey} onPressEnter={commitKey} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label={t('formBuilder.editor.kind')}>
              <Select value={k} disabled={disabled || k === 'other'} data-testid="field-kind" onChange={(kind: Field['kind']) => onUpdate({ kind })} options={(k === 'other' ? [k] : PALETTE_KINDS).map((value) => ({ value, label: t(`formBuilder.kind.${value}`) }))} />
            </Form.Item>
          </Col>
        </Row>
        {k === 'other' ? (
          <>
            <Alert type="info" showIcon title={t('formBuilder.editor.otherJson')} />
            <Typography.Paragraph><pre className="fb-json">{pretty({ schema: field.schema, uiSchema: field.ui })}</pre></Typography.Paragraph>
          </>
        ) : (
          <>
            {bilingual('title', 'title')}
            {bilingual('help', 'help')}
            {!['yesno', 'choice', 'multi', 'photos'].includes(k) || (k === 'choice' && field.display === 'select') ? bilingual('placeholder', 'placeholder') : null}
            {(k === 'integer' || k === 'number') && (
              <>
                <Row gutter={8}>
                  {number('minimum', k === 'integer')}
                  {number('maximum', k === 'integer')}
                </Row>
                {bilingual('unit', 'unit')}
              </>
            )}
            {(k === 'text' || k === 'textarea' || k === 'email') && (
              <Row gutter={8}>
                {number('minLength')}
                {number('maxLength')}
                {k === 'textarea' && number('rows')}
              </Row>
            )}
            {(k === 'text' || k === 'phone') && (
              <Form.Item label={t('formBuilder.editor.pattern')}>
                <Input value={field.pattern ?? ''} disabled={disabled} data-testid="field-pattern" onChange={(e) => onUpdate({ pattern: e.target.value || undefined })} />
              </Form.Item>
            )}
            {DISPLAYS[k] && (
              <Form.Item label={t('formBuilder.editor.display')}>
                <Select value={field.display} disabled={disabled} data-testid="field-display" onChange={(display: Display) => onUpdate({ display })} options={DISPLAYS[k]!.map((d) => ({ value: d, label: t(`formBuilder.editor.displays.${d}`) }))} />
              </Form.Item>
            )}
            {(k === 'choice' || k === 'multi') && (
              <Form.Item label={t('formBuilder.editor.options')}>
                <OptionsTable options={field.options ?? []} disabled={disabled} onChange={(options) => onUpdate({ options })} />
              </Form.Item>
            )}
            {(k === 'multi' || k === 'photos') && (
              <Row gutter={8}>
                {number('minItems')}
                {number('maxItems')}
              </Row>
            )}
            <DefaultInput field={field} disabled={disabled} onChange={(value) => onUpdate({ default: value })} />
          </>
        )}
        <Form.Item label={t('formBuilder.editor.required')}>
          <Switch checked={field.required} disabled={disabled} data-testid="field-required" onChange={(required) => onUpdate({ required })} />
        </Form.Item>
        <Form.Item label={t('formBuilder.condition.label')} extra={t('formBuilder.condition.help')}>
          <ConditionEditor field={field} fields={fields} disabled={disabled} onChange={(showWhen) => onUpdate({ showWhen })} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/** The default value, typed by the field's kind (none for photos and multiple choice). */
function DefaultInput({ field, onChange, disabled }: { field: Field; onChange: (value: unknown) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const label = t('formBuilder.editor.default');
  const none = { value: '', label: t('formBuilder.editor.noDefault') };
  let input: ReactNode = null;
  switch (field.kind) {
    case 'yesno':
      input = <Select data-testid="field-default" disabled={disabled} value={field.default === undefined ? '' : String(field.default)} onChange={(v: string) => onChange(v === '' ? undefined : v === 'true')} options={[none, { value: 'true', label: t('formBuilder.condition.yes') }, { value: 'false', label: t('formBuilder.condition.no') }]} />;
      break;
    case 'choice':
      input = <Select data-testid="field-default" disabled={disabled} value={typeof field.default === 'string' ? field.default : ''} onChange={(v: string) => onChange(v === '' ? undefined : v)} options={[none, ...(field.options ?? []).map((o) => ({ value: o.value, label: o.zh || o.value }))]} />;
      break;
    case 'integer':
    case 'number':
      input = <InputNumber data-testid="field-default" disabled={disabled} style={{ width: '100%' }} value={typeof field.default === 'number' ? field.default : undefined} precision={field.kind === 'integer' ? 0 : undefined} onChange={(v) => onChange(num(v))} />;
      break;
    case 'multi':
    case 'photos':
    case 'other':
      return null;
    default:
      input = <Input data-testid="field-default" disabled={disabled} value={typeof field.default === 'string' ? field.default : ''} placeholder={field.kind === 'date' ? 'YYYY-MM-DD' : undefined} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)} />;
  }
  return <Form.Item label={label}>{input}</Form.Item>;
}
