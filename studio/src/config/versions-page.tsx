/**
 * The county's config versions: open one, start a draft (from the active version, a copy of any
 * version, or a catalog picked by its name), delete a draft, compare two side by side, activate a
 * published one — activating an earlier one is the roll-back. While the county requires approval
 * an activation is submitted for a second county administrator's approval (approvals-panel.tsx).
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { approvalsApi, isPendingApproval, type ApprovalRequest } from '../api/approvals-client';
import type { CatalogSummary, ConfigVersionSummary } from '../api/types';
import { useLabel, useLanguage } from '../i18n/use-label';
import { forgetCountyConfigs } from '../ops/use-county-config';
import { Link } from '../router/link';
import { navigate } from '../router/router';
import { useSession } from '../session/session-context';
import { formatDateTime } from '../util/zoned';
import { ApprovalsPanel } from './approvals-panel';

const TZ = 'Asia/Shanghai';

export function VersionsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const label = useLabel();
  const { api, me } = useSession();
  const [catalogs, setCatalogs] = useState<CatalogSummary[]>([]);
  const [versions, setVersions] = useState<ConfigVersionSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [catalog, setCatalog] = useState('zhejiang-four-platforms');
  const [submitted, setSubmitted] = useState<string | null>(null);
  const [approvalsVersion, setApprovalsVersion] = useState(0);
  const [pending, setPending] = useState<ApprovalRequest[]>([]);
  const onPending = useCallback((requests: ApprovalRequest[]) => setPending(requests), []);

  const load = useCallback(() => {
    api.listConfigs(me.county).then(
      (r) => {
        const sorted = [...r.versions].sort((a, b) => b.version - a.version);
        setVersions(sorted);
        if (sorted.length >= 2) {
          setTo((v) => v || String(sorted[0].version));
          setFrom((v) => v || String(sorted[1].version));
        }
      },
      (e: Error) => setError(e.message),
    );
  }, [api, me.county]);
  useEffect(load, [load]);
  useEffect(() => {
    api.listCatalogs(me.county).then((r) => setCatalogs(r.catalogs), () => setCatalogs([]));
  }, [api, me.county]);

  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const createDraft = (source: Parameters<typeof api.createDraft>[1]) =>
    act(async () => {
      const created = await api.createDraft(me.county, source);
      navigate(`/configs/${created.version}`);
    });
  const remove = (version: number) => {
    if (!window.confirm(t('versions.confirmDelete', { version }))) return;
    void act(async () => (await api.deleteDraft(me.county, version), load()));
  };
  const activate = (version: number) =>
    act(async () => {
      setSubmitted(null);
      const res = await approvalsApi(api).activate(me.county, version);
      if (isPendingApproval(res)) setSubmitted(t('approvals.submitted', { id: res.approval.id, what: t('approvals.what.activate') }));
      else forgetCountyConfigs();
      setApprovalsVersion((n) => n + 1);
      load();
    });

  const active = versions?.find((v) => v.active);
  const canEdit = me.role === 'county_admin' || me.role === 'policy_designer';
  const canActivate = me.role === 'county_admin';
  return (
    <main className="page versions-page">
      <h1>{t('versions.title')}</h1>
      {error && <p className="notice notice-error" role="alert">{error}</p>}
      {submitted && <p className="notice notice-warn" role="status" data-testid="submitted-for-approval">{submitted}</p>}
      {canEdit && (
        <div className="inline-form">
          {active && (
            <button type="button" className="primary" disabled={busy} onClick={() => createDraft({ copyOf: active.version })} data-action="new-draft">
              {t('versions.newFromActive', { version: active.version })}
            </button>
          )}
          <label className="field inline">
            <span>{t('versions.catalog')}</span>
            <select name="catalog" value={catalog} onChange={(e) => setCatalog(e.target.value)}>
              {(catalogs.length ? catalogs : [{ id: catalog, name: null, description: null }]).map((c) => (
                <option key={c.id} value={c.id}>{c.name ? `${label(c.name, c.id)} (${c.id})` : c.id}</option>
              ))}
            </select>
          </label>
          <button type="button" disabled={busy || !catalog} onClick={() => createDraft({ catalog })}>{t('versions.newFromCatalog')}</button>
        </div>
      )}
      {versions === null ? (
        <p className="muted">{t('common.loading')}</p>
      ) : versions.length === 0 ? (
        <p className="muted">{t('versions.none')}</p>
      ) : (
        // the table scrolls in its own box on a phone, so the page itself keeps the screen's width
        <div className="table-scroll" style={{ overflowX: 'auto' }}>
          <table className="versions-table">
            <thead>
              <tr>
                <th>{t('versions.version')}</th>
                <th>{t('versions.name')}</th>
                <th>{t('versions.status')}</th>
                <th>{t('versions.created')}</th>
                <th>{t('versions.publishedAt')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.version} data-version={v.version} className={v.active ? 'active-row' : ''}>
                  <td><Link to={`/configs/${v.version}`}>v{v.version}</Link></td>
                  <td>{v.name ? label(v.name, '') : ''}</td>
                  <td>
                    <span className={`badge status-${v.status}`}>{t(`status.${v.status}`, { defaultValue: v.status })}</span>
                    {v.active && <span className="badge badge-green">{t('versions.active')}</span>}
                    {pending.some((r) => 'version' in r.action && r.action.version === v.version) && (
                      <span className="badge badge-amber" data-testid="pending-approval">{t('approvals.status.pending')}</span>
                    )}
                  </td>
                  <td title={v.createdBy ?? undefined}>
                    {v.createdAt ? formatDateTime(v.createdAt, TZ, language) : ''}
                    {v.createdByName ? <span className="muted"> · {v.createdByName}</span> : null}
                  </td>
                  <td>{v.publishedAt ? formatDateTime(v.publishedAt, TZ, language) : ''}</td>
                  <td className="row-actions">
                    <Link to={`/configs/${v.version}`}>{v.status === 'draft' ? t('versions.edit') : t('versions.open')}</Link>
                    {canEdit && <button type="button" className="link-button" disabled={busy} onClick={() => createDraft({ copyOf: v.version })}>{t('versions.copy')}</button>}
                    {canEdit && v.status === 'draft' && (
                      <button type="button" className="link-button danger" disabled={busy} onClick={() => remove(v.version)} data-action="delete-draft">{t('versions.delete')}</button>
                    )}
                    {canActivate && v.status === 'published' && !v.active && (
                      <button type="button" className="link-button" disabled={busy} onClick={() => activate(v.version)} data-action="activate">
                        {active && v.version < active.version ? t('versions.rollback') : t('versions.activate')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {versions && versions.length >= 2 && (
        <div className="inline-form diff-pick">
          <strong>{t('versions.compare')}</strong>
          <select value={from} onChange={(e) => setFrom(e.target.value)} aria-label={t('versions.from')}>
            {versions.map((v) => <option key={v.version} value={v.version}>v{v.version}</option>)}
          </select>
          →
          <select value={to} onChange={(e) => setTo(e.target.value)} aria-label={t('versions.to')}>
            {versions.map((v) => <option key={v.version} value={v.version}>v{v.version}</option>)}
          </select>
          <button type="button" disabled={!from || !to || from === to} onClick={() => navigate(`/configs/diff?from=${from}&to=${to}`)} data-action="diff">
            {t('versions.showDiff')}
          </button>
        </div>
      )}
      {canEdit && (
        <ApprovalsPanel
          refresh={approvalsVersion}
          onPending={onPending}
          onDecided={() => {
            forgetCountyConfigs();
            load();
          }}
        />
      )}
    </main>
  );
}
