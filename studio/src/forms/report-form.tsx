/**
 * A report form rendered by rjsf with the Ant Design theme (@rjsf/antd: dates on antd's date
 * picker in the chosen locale, choices as antd selects) from a config form's composed schema and
 * uiSchema, in the chosen language, with the grid picker for `location.grid` and the engine's
 * issues shown per field.
 * Validation is the caller's: it calls the engine's `validateReport` and passes the issues back.
 */
import { useEffect, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AntdForm as Form, antdTemplates as Templates } from './antd-theme';
import type { FieldTemplateProps } from '@rjsf/utils';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import type { Issue, Unit } from '../../../engine/index';
import { useLabel, useLanguage } from '../i18n/use-label';
import { AttachmentsField, isAttachmentsField } from './attachments-field';
import { GridWidget } from './grid-widget';
import { describeFieldIssue, fieldIssues, issuesToErrorSchema, withUntickedFalse } from './issues-to-errors';
import { localizeUiSchema } from './localize-ui';
import { rjsfStrings } from './rjsf-strings';
import { rjsfValidator } from './rjsf-validator';

export interface ReportFormProps {
  schema: Record<string, unknown>;
  uiSchema?: Record<string, unknown>;
  formData: Record<string, unknown>;
  onChange: (data: Record<string, unknown>) => void;
  onSubmit?: (data: Record<string, unknown>) => void;
  issues?: readonly Issue[];
  units: readonly Unit[];
  idPrefix?: string;
  disabled?: boolean;
  children?: ReactNode;
}

const widgets = { grid: GridWidget };
const fields = { attachments: AttachmentsField };
const AntFieldTemplate = Templates.FieldTemplate!;
// antd's field shows a field's help text instead of its errors: an error is what the reporter must
// read, so while a field has one its help steps aside
function FieldTemplate(props: FieldTemplateProps) {
  return <AntFieldTemplate {...props} rawHelp={props.rawErrors?.length ? undefined : props.rawHelp} />;
}
const templates = { FieldTemplate };
const DEFAULT_STATE = { constAsDefaults: 'skipOneOf' } as const;

function withGridWidget(schema: Record<string, unknown>, ui: Record<string, unknown>): Record<string, unknown> {
  const location = (schema.properties as Record<string, { properties?: Record<string, unknown> }> | undefined)?.location;
  if (!location?.properties?.grid) return ui;
  const locationUi = (ui.location as Record<string, unknown> | undefined) ?? {};
  const gridUi = (locationUi.grid as Record<string, unknown> | undefined) ?? {};
  return { ...ui, location: { ...locationUi, grid: { 'ui:widget': 'grid', ...gridUi } } };
}

/** Fields of attachment references get the photo uploader (attachments-field.tsx). */
function withAttachmentsField(schema: Record<string, unknown>, ui: Record<string, unknown>): Record<string, unknown> {
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  const keys = Object.keys(properties).filter((k) => isAttachmentsField(properties[k]));
  if (keys.length === 0) return ui;
  return { ...ui, ...Object.fromEntries(keys.map((k) => [k, { 'ui:field': 'attachments', ...(ui[k] as Record<string, unknown> | undefined) }])) };
}

export function ReportForm({ schema, uiSchema = {}, formData, onChange, onSubmit, issues = [], units, idPrefix = 'report', disabled, children }: ReportFormProps) {
  const label = useLabel();
  const language = useLanguage();
  const ui = useMemo(() => localizeUiSchema(withAttachmentsField(schema, withGridWidget(schema, uiSchema)), label) as UiSchema, [schema, uiSchema, label]);
  const { t } = useTranslation();
  // a checkbox left unticked means "no": send false, as the rules expect a yes/no fact
  const data = useMemo(() => withUntickedFalse(schema, ui, formData), [schema, ui, formData]);
  useEffect(() => {
    if (data !== formData) onChange(data);
  }, [data, formData, onChange]);
  // one issue per field in the user's words; a range, a length or a count says its bounds
  const extraErrors = useMemo(() => {
    if (issues.length === 0) return undefined;
    return issuesToErrorSchema(fieldIssues(issues, schema, data).map((f) => ({ code: f.kind, pointer: f.pointer, message: describeFieldIssue(f, t) })));
  }, [issues, schema, data, t]);
  // section titles left, as Chinese forms read, without antd's trailing colon
  const formContext = useMemo(() => ({ units, labelAlign: 'left', colon: false }), [units]);
  const translate = useMemo(() => rjsfStrings(language), [language]);
  return (
    <Form
      className="report-form"
      schema={schema as RJSFSchema}
      uiSchema={ui}
      formData={data}
      validator={rjsfValidator}
      widgets={widgets}
      fields={fields}
      templates={templates}
      formContext={formContext}
      idPrefix={idPrefix}
      disabled={disabled}
      noValidate
      noHtml5Validate
      showErrorList={false}
      extraErrors={extraErrors}
      translateString={translate}
      // a choice of titled constants starts empty: the first option pre-selected was reported
      // without anyone choosing it
      experimental_defaultFormStateBehavior={DEFAULT_STATE}
      onChange={(e) => onChange(withUntickedFalse(schema, ui, (e.formData ?? {}) as Record<string, unknown>))}
      onSubmit={(e) => onSubmit?.(withUntickedFalse(schema, ui, (e.formData ?? {}) as Record<string, unknown>))}
    >
      {children ?? <span />}
    </Form>
  );
}
