/**
 * Reporting an event as a grid worker does in the field (phone-sized screens first): choose a
 * category, fill its form, submit. The page works from the report kit (categories, composed
 * forms, places) and leaves the engine on the server: intake checks the report and answers 422
 * with every issue at its field. POSTed with an idempotency key so a retry on a flaky network
 * never reports twice.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Issue } from '../../../engine/index';
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
import { useReportKit } from './use-report-kit';
import { UseMyLocation } from './use-my-location';

/** Whether a form asks where (location.grid), so the phone's position can answer. */
const hasGrid = (schema: Record<string, unknown>) => Boolean((schema.properties as { location?: { properties?: { grid?: unknown } } } | undefined)?.location?.properties?.grid);

const newKey = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`);

export function ReportPage() {
  const { t } = useTranslation();
  const label = useLabel();
  const { api, me } = useSession();
  const { kit, error } = useReportKit();
  const [category, setCategory] = useState('');
  const [data, setData] = useState<Record<string, unknown>>({});
  const [issues, setIssues] = useState<Issue[]>([]);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [reported, setReported] = useState<EventRecord | null>(null);
  const [idempotencyKey, setIdempotencyKey] = useState(newKey);

  // a grid worker reports from their own grid: start the form there
  const unitOf = (id: string | null | undefined) => (id ? kit?.units.find((u) => u.id === id) : undefined);
  const ownGrid = me.unit && unitOf(me.unit)?.kind === 'grid' ? me.unit : null;
  const blank = () => (ownGrid ? { location: { grid: ownGrid } } : {});
  useEffect(() => {
    if (ownGrid) setData((d) => (Object.keys(d).length ? d : { location: { grid: ownGrid } }));
  }, [ownGrid]);

  if (error) return <main className="page"><p className="notice notice-error">{error}</p></main>;
  if (!kit) return <main className="page"><p className="muted">{t('common.loading')}</p></main>;
  const categoryOf = (code: string) => {
    for (const major of kit.categories) for (const minor of major.children) if (minor.code === code) return { major, minor };
    return undefined;
  };
  const index = category ? categoryOf(category) : undefined;
  const levelText = (level: number) => {
    const named = kit.levels?.find((l) => l.level === level);
    return named ? t('report.levelName', { name: label(named.name, String(level)), level }) : String(level);
  };
  const formOf = (id: string) => (kit.forms[id] ? { id, ...kit.forms[id] } : undefined);
  const form = index ? formOf(index.minor.form) : undefined;
  const fieldsOf = (id: string) => new Set(Object.keys((formOf(id)?.schema.properties as Record<string, unknown> | undefined) ?? {}));

  const chooseCategory = (code: string) => {
    // keep what was typed in fields the new form also has (the shared base fields)
    const next = code ? categoryOf(code) : undefined;
    const fields = next ? fieldsOf(next.minor.form) : undefined;
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

  // the phone's position: its grid, and the coordinates the base form keeps beside it
  const placeHere = ({ grid, lat, lng }: { grid: string; lat: number; lng: number }) => {
    const location = data.location !== null && typeof data.location === 'object' ? (data.location as Record<string, unknown>) : {};
    edit({ ...data, location: { ...location, grid, lat, lng } });
  };

  const submit = async (formData: Record<string, unknown>) => {
    setFailure(null);
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
      if (e instanceof ApiError && e.details.issues) {
        // a report the form refuses is said at its fields; the key was not used
        setIssues(e.details.issues);
        return;
      }
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
          {t('report.done', { level: levelText(reported.level), unit: label(unitOf(reported.handlingUnit)?.name, reported.handlingUnit ?? '—') })}{' '}
          <Link to={`/events/${reported.id}`}>{t('report.view')}</Link>
        </div>
      )}
      <label className="field">
        <span>{t('report.category')}</span>
        <CategorySelect categories={kit.categories} value={category} onChange={chooseCategory} codes={false} />
      </label>
      {index && <p className="muted">{label(index.major.name)} › {label(index.minor.name)} · {t(`platform.${index.minor.platform}`)}</p>}
      {form && (
        <ErrorBoundary resetKey={form.id} fallback={(e) => <p className="notice notice-error">{e.message}</p>}>
          {hasGrid(form.schema) && <UseMyLocation onPlaced={placeHere} />}
          <ReportForm key={form.id} schema={form.schema} uiSchema={form.uiSchema} formData={data} onChange={edit} onSubmit={submit} issues={issues} units={kit.units} disabled={busy}>
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
