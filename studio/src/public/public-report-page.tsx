/**
 * A citizen reports: category, the same form as every channel (photos included, uploaded with the
 * page's own upload key), submit; the answer is a tracking code and a link to confirm the closure later.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Issue } from '../../../engine/index';
import { ApiError } from '../api/api-error';
import type { ReportKit } from '../api/types';
import { CategorySelect } from '../config/category-select';
import { AttachmentTargetContext, newUploadKey, publicTarget } from '../forms/authorized-file';
import { issuesAfterEdit } from '../forms/issues-to-errors';
import { ReportForm } from '../forms/report-form';
import { Link } from '../router/link';
import { ErrorBoundary } from '../util/error-boundary';
import { publicApi, type PublicReceipt } from './public-api';

export function PublicReportPage({ county }: { county: string }) {
  const { t } = useTranslation();
  const [kit, setKit] = useState<ReportKit | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [category, setCategory] = useState('');
  const [data, setData] = useState<Record<string, unknown>>({});
  const [issues, setIssues] = useState<Issue[]>([]);
  const [busy, setBusy] = useState(false);
  const [receipt, setReceipt] = useState<PublicReceipt | null>(null);
  // one key for this page's uploads and the report that names them; a new one after each report
  const [uploadKey, setUploadKey] = useState(newUploadKey);
  const target = useMemo(() => publicTarget(county, uploadKey), [county, uploadKey]);

  useEffect(() => {
    publicApi.kit(county).then(setKit, (e: Error) => setError(e instanceof ApiError && e.status === 404 ? t('public.noCounty') : e.message));
  }, [county, t]);
  if (error) return <main className="page public-page"><p className="notice notice-error">{error}</p></main>;
  if (!kit) return <main className="page public-page"><p className="muted">{t('common.loading')}</p></main>;
  const minor = kit.categories.flatMap((m) => m.children).find((c) => c.code === category);
  const form = minor ? kit.forms[minor.form] : undefined;

  const submit = async (formData: Record<string, unknown>) => {
    setBusy(true);
    setError(null);
    try {
      setReceipt(await publicApi.report(county, { category, data: formData }, uploadKey));
      setData({});
      setUploadKey(newUploadKey());
      window.scrollTo({ top: 0 });
    } catch (e) {
      if (e instanceof ApiError && e.details.issues) setIssues(e.details.issues);
      else setError(e instanceof ApiError && e.status === 429 ? t('public.tooMany') : (e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="page public-page">
      <h1>{t('public.reportTitle')}</h1>
      {receipt ? (
        <section className="notice notice-ok public-receipt" role="status" data-testid="public-receipt">
          <p>{t('public.received')}</p>
          <p className="public-code" data-testid="tracking-code">{receipt.code}</p>
          <p>{t('public.keepCode')}</p>
          <p>
            <Link to={receipt.trackPath}>{t('public.follow')}</Link>
          </p>
          <p className="muted">{t('public.confirmLinkHint')}</p>
          <p>
            <a href={receipt.confirmPath} data-testid="confirm-link">{`${window.location.origin}${receipt.confirmPath}`}</a>
          </p>
          <button type="button" onClick={() => setReceipt(null)}>{t('public.another')}</button>
        </section>
      ) : (
        <>
          <p className="muted">{t('public.reportIntro')}</p>
          <label className="field">
            <span>{t('report.category')}</span>
            <CategorySelect categories={kit.categories} value={category} onChange={(c) => (setCategory(c), setIssues([]))} codes={false} />
          </label>
          {form && (
            <AttachmentTargetContext.Provider value={target}>
              <ErrorBoundary resetKey={category} fallback={(e) => <p className="notice notice-error">{e.message}</p>}>
                <ReportForm key={category} schema={form.schema} uiSchema={form.uiSchema} formData={data} onChange={(next) => (setIssues((l) => issuesAfterEdit(l, data, next)), setData(next))} onSubmit={submit} issues={issues} units={kit.units} disabled={busy} idPrefix="public">
                  <button type="submit" className="primary wide" disabled={busy} data-action="submit-public-report">{t('report.submit')}</button>
                </ReportForm>
              </ErrorBoundary>
            </AttachmentTargetContext.Provider>
          )}
          <p>
            <Link to={`/public/${county}/track`}>{t('public.haveCode')}</Link>
          </p>
        </>
      )}
    </main>
  );
}
