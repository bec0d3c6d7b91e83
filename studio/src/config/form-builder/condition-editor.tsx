/** "Show this field when field A has a value / equals …": the value picked by A's kind (its options, yes/no, a number). */
import { InputNumber, Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/use-label';
import type { ConditionValue, Field, ShowWhen } from './field-types';

export function ConditionEditor({ field, fields, onChange, disabled }: { field: Field; fields: readonly Field[]; onChange: (showWhen: ShowWhen | undefined) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const candidates = fields.filter((f) => f.key !== field.key && f.showWhen?.field !== field.key);
  const tested = candidates.find((f) => f.key === field.showWhen?.field);
  const name = (f: Field) => `${(language === 'en' && f.title.en) || f.title.zh || f.key} (${f.key})`;
  return (
    <Space wrap data-testid="condition-editor">
      <Select
        style={{ minWidth: 200 }}
        disabled={disabled}
        aria-label={t('formBuilder.condition.when')}
        data-testid="condition-field"
        value={field.showWhen?.field ?? ''}
        options={[{ value: '', label: t('formBuilder.condition.always') }, ...candidates.map((f) => ({ value: f.key, label: `${t('formBuilder.condition.when')} ${name(f)}` }))]}
        onChange={(key: string) => onChange(key ? { field: key } : undefined)}
      />
      {tested && (
        <Select
          style={{ minWidth: 110 }}
          disabled={disabled}
          data-testid="condition-mode"
          value={field.showWhen?.equals === undefined ? 'has' : 'equals'}
          options={[{ value: 'has', label: t('formBuilder.condition.hasValue') }, { value: 'equals', label: t('formBuilder.condition.equals') }]}
          onChange={(mode: string) => onChange(mode === 'has' ? { field: tested.key } : { field: tested.key, equals: firstValue(tested) })}
        />
      )}
      {tested && field.showWhen?.equals !== undefined && <ValueInput tested={tested} value={field.showWhen.equals} disabled={disabled} onChange={(equals) => onChange({ field: tested.key, equals })} />}
    </Space>
  );
}

function firstValue(tested: Field): ConditionValue {
  if (tested.kind === 'yesno') return true;
  if (tested.kind === 'integer' || tested.kind === 'number') return tested.minimum ?? 0;
  return tested.options?.[0]?.value ?? '';
}

function ValueInput({ tested, value, onChange, disabled }: { tested: Field; value: ConditionValue; onChange: (v: ConditionValue) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (tested.kind === 'yesno')
    return <Select style={{ minWidth: 90 }} disabled={disabled} data-testid="condition-value" value={value === true ? 'true' : 'false'} onChange={(v: string) => onChange(v === 'true')} options={[{ value: 'true', label: t('formBuilder.condition.yes') }, { value: 'false', label: t('formBuilder.condition.no') }]} />;
  if (tested.kind === 'choice')
    return <Select style={{ minWidth: 140 }} disabled={disabled} data-testid="condition-value" value={String(value)} onChange={(v: string) => onChange(v)} options={(tested.options ?? []).map((o) => ({ value: o.value, label: (language === 'en' && o.en) || o.zh || o.value }))} />;
  if (tested.kind === 'integer' || tested.kind === 'number')
    return <InputNumber disabled={disabled} data-testid="condition-value" value={typeof value === 'number' ? value : undefined} min={tested.minimum} max={tested.maximum} precision={tested.kind === 'integer' ? 0 : undefined} onChange={(v) => v !== null && onChange(v)} />;
  return <Input style={{ width: 160 }} disabled={disabled} data-testid="condition-value" value={String(value)} onChange={(e) => onChange(e.target.value)} />;
}

/** A one-line description of a field's condition, for the field list. */
export function describeCondition(showWhen: ShowWhen, fields: readonly Field[], language: 'zh' | 'en', t: (key: string, options?: Record<string, unknown>) => string): string {
  const tested = fields.find((f) => f.key === showWhen.field);
  const field = tested ? (language === 'en' && tested.title.en) || tested.title.zh || tested.key : showWhen.field;
  if (showWhen.equals === undefined) return t('formBuilder.condition.summary', { field });
  const option = tested?.options?.find((o) => o.value === showWhen.equals);
  const value = typeof showWhen.equals === 'boolean' ? t(showWhen.equals ? 'formBuilder.condition.yes' : 'formBuilder.condition.no') : option ? (language === 'en' && option.en) || option.zh || option.value : String(showWhen.equals);
  return t('formBuilder.condition.summaryEquals', { field, value });
}
