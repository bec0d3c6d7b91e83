/**
 * Reporting an event as a grid worker does in the field (phone-sized screens first): choose a
 * category, fill its form, submit. Checked in the page with the engine's validateReport first,
 * then POSTed with an idempotency key so a retry on a flaky network never reports twice.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { validateReport, type Issue } from '../../../engine/index';
import { ApiError } from '../api/api-error';
import type { EventRecord } from '../api/types';
import { CategorySelect } from '../config/category-select';
import { fieldIssues, issuesAfterEdit } from '../forms/issues-to-errors';
import { ReportForm } from '../forms/report-form';
import { useLabel } from '../i18n/use-label';
import { Link } from '../router/link';
import { useSession } from '../session/session-context';
import { ErrorBoundary } from '../util/error-boundary';
import { rememberReport } from './recent-reports';
import { useCountyConfig } from './use-county-config';

const newKey = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`);

export function ReportPage() {
  const { t } = useTranslation();
  const label = useLabel();
  const { api, me } = useSession();
  const { compiled, error } = useCountyConfig();
  const [category, setCategory] = useState('');
  const [data, setData] = useState<Record<string, unknown>>({});
  const [issues, setIssues] = useState<Issue[]>([]);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [reported, setReported] = useState<EventRecord | null>(null);
  const [idempotencyKey, setIdempotencyKey] = useState(newKey);

  // a grid worker reports from their own grid: start the form there
  const ownGrid = compiled && me.unit && compiled.unit(me.unit)?.kind === 'grid' ? me.unit : null;
  const blank = () => (ownGrid ? { location: { grid: ownGrid } } : {});
  useEffect(() => {
    if (ownGrid) setData((d) => (Object.keys(d).length ? d : { location: { grid: ownGrid } }));
  }, [ownGrid]);

  if (error) return <main className="page"><p className="notice notice-error">{error}</p></main>;
  if (!compiled) return <main className="page"><p className="muted">{t('common.loading')}</p></main>;
  const index = category ? compiled.category(category) : undefined;
  const form = index ? compiled.forms.get(index.minor.form) : undefined;

  const chooseCategory = (code: string) => {
    // keep what was typed in fields the new form also has (the shared base fields)
    const next = code ? compiled.category(code) : undefined;
    const fields = next ? compiled.forms.get(next.minor.form)?.fields : undefined;
    setData((d) => (fields ? Object.fromEntries(Object.entries(d).filter(([k]) => fields.has(k))) : d));
    setCategory(code);
    setIssues([]);
    setReported(null);
  };

  // a field the user has changed since the last check no longer shows that check's issue
  const edit = (next: Record<string, unknown>) => {
    setIssues((list) => issuesAfterEdit(list, data, next));
    setData(next);
  };

  const submit = async (formData: Record<string, unknown>) => {
    setFailure(null);
    const local = validateReport(compiled, category, formData);
    if (!local.ok) return setIssues(local.issues);
    setIssues([]);
    setBusy(true);
    try {
      const { event } = await api.reportEvent(me.county, { category, data: formData, ...(me.role === 'grid_worker' ? { source: 'grid_worker' } : {}) }, idempotencyKey);
      rememberReport({ id: event.id, category, at: event.reportedAt });
      setReported(event);
      window.scrollTo({ top: 0 });
      setData(blank());
      setIdempotencyKey(newKey());
    } catch (e) {
      if (e instanceof ApiError && e.details.issues) setIssues(e.details.issues);
      // the key stays for a retry of the same report (its answer may have been lost on the way);
      // a report changed since was refused for reusing it, and goes again with a key of its own
      if (e instanceof ApiError && e.code === 'idempotency-key-reused') setIdempotencyKey(newKey());
      setFailure((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="page report-page">
      <h1>{t('report.title')}</h1>
      {reported && (
        <div className="notice notice-ok" role="status" data-testid="reported">
          {t('report.done', { level: reported.level, unit: label(compiled.unit(reported.handlingUnit ?? '')?.name, reported.handlingUnit ?? '—') })}{' '}
          <Link to={`/events/${reported.id}`}>{t('report.view')}</Link>
        </div>
      )}
      <label className="field">
        <span>{t('report.category')}</span>
        <CategorySelect categories={compiled.config.categories} value={category} onChange={chooseCategory} codes={false} />
      </label>
      {index && <p className="muted">{label(index.major.name)} › {label(index.minor.name)} · {t(`platform.${index.minor.platform}`)}</p>}
      {form && (
        <ErrorBoundary resetKey={form.id} fallback={(e) => <p className="notice notice-error">{e.message}</p>}>
          <ReportForm key={form.id} schema={form.schema} uiSchema={form.uiSchema} formData={data} onChange={edit} onSubmit={submit} issues={issues} units={compiled.config.units} disabled={busy}>
            {issues.length > 0 && <p className="error-text" role="alert">{t('report.fix', { count: fieldIssues(issues, form.schema, data).length })}</p>}
            {failure && <p className="notice notice-error" role="alert">{failure}</p>}
            <button type="submit" className="primary wide" disabled={busy} data-action="submit-report">
              {busy ? t('report.sending') : t('report.submit')}
            </button>
          </ReportForm>
        </ErrorBoundary>
      )}
    </main>
  );
}
