import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { validateReport, type Form, type Issue, type MinorCategory, type Unit } from '../../../engine/index';
import { ReportForm } from '../forms/report-form';
import { useLabel } from '../i18n/use-label';
import { ErrorBoundary } from '../util/error-boundary';
import { composePreview } from './compose-preview';
import type { Draft } from './use-draft';
import { issueKind } from '../forms/issues-to-errors';

type Verdict = { kind: 'ok' } | { kind: 'issues'; issues: Issue[] } | { kind: 'unavailable'; reason: string };

/** Live preview of a form; "Validate" runs the engine's validateReport on the compiled draft. */
export function FormPreview({ draft, forms, formId, categories }: { draft: Draft; forms: Form[]; formId: string; categories: MinorCategory[] }) {
  const { t } = useTranslation();
  const label = useLabel();
  const composed = useMemo(() => composePreview(forms, formId), [forms, formId]);
  const units = (Array.isArray(draft.values.units) ? draft.values.units : []) as Unit[];
  const [data, setData] = useState<Record<string, unknown>>({});
  const [category, setCategory] = useState(categories[0]?.code ?? '');
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  if (!composed) return null;

  const validate = (formData: Record<string, unknown>) => {
    const compiled = draft.compileNow();
    if (!compiled || !compiled.ok) return setVerdict({ kind: 'unavailable', reason: t('forms.notCompiled') });
    const code = category || categories[0]?.code;
    if (!code) return setVerdict({ kind: 'unavailable', reason: t('forms.noCategory') });
    const result = validateReport(compiled.value, code, formData);
    setVerdict(result.ok ? { kind: 'ok' } : { kind: 'issues', issues: result.issues });
  };

  return (
    <div className="form-preview">
      {categories.length > 1 && (
        <label className="field inline">
          <span>{t('forms.validateAs')}</span>
          <select value={category} onChange={(e) => setCategory(e.target.value)}>
            {categories.map((c) => <option key={c.code} value={c.code}>{c.code} {label(c.name)}</option>)}
          </select>
        </label>
      )}
      <p className="muted">{categories.length ? t('forms.usedBy', { list: categories.map((c) => `${c.code} ${label(c.name)}`).join('、') }) : t('forms.noCategory')}</p>
      <ErrorBoundary resetKey={JSON.stringify(composed)} fallback={(e) => <p className="notice notice-error">{t('forms.previewBroken', { message: e.message })}</p>}>
        <ReportForm schema={composed.schema} uiSchema={composed.uiSchema} formData={data} onChange={setData} onSubmit={validate} units={units} idPrefix="preview" issues={verdict?.kind === 'issues' ? verdict.issues : []}>
          <button type="submit" className="primary" data-action="validate-preview">{t('forms.validate')}</button>
        </ReportForm>
      </ErrorBoundary>
      {verdict && (
        <div className={`notice ${verdict.kind === 'ok' ? 'notice-ok' : 'notice-error'}`} data-testid="preview-verdict" role="status">
          {verdict.kind === 'ok' && t('forms.valid')}
          {verdict.kind === 'unavailable' && verdict.reason}
          {verdict.kind === 'issues' && (
            <>
              <strong>{t('forms.runtimeWouldSay', { count: verdict.issues.length })}</strong>
              <ul>
                {verdict.issues.map((i, n) => (
                  <li key={n}><strong>{t(`form.issue.${issueKind(i.code)}`)}</strong> <code>{i.pointer}</code> <span className="muted">{i.message}</span></li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </div>
  );
}
