/**
 * Four eyes on the versions page (docs/approvals.md): whether publishing and activating need a
 * second county administrator, the requests waiting (approve or reject with a comment; the
 * proposer withdraws), and the history of publishes and activations with proposer, approver,
 * comments and times. Cards rather than a table, so it reads on a phone.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { approvalsApi, type ApprovalAction, type ApprovalRequest } from '../api/approvals-client';
import { approvalsText } from '../i18n/approvals';
import { registerTexts } from '../i18n/register-texts';
import { useLabel, useLanguage } from '../i18n/use-label';
import { useCountyConfig } from '../ops/use-county-config';
import { useSession } from '../session/session-context';
import { formatDateTime } from '../util/zoned';
import './approvals.css';

registerTexts('approvals', approvalsText);

const TZ = 'Asia/Shanghai';

export function useActionLabel() {
  const { t } = useTranslation();
  const { compiled } = useCountyConfig();
  const label = useLabel();
  const townshipName = (id: string) => {
    const unit = compiled?.unit(id);
    return unit ? label(unit.name, id) : id;
  };
  return (a: ApprovalAction) => {
    if (a.type === 'require-approval') return t(a.on ? 'approvals.action.requireOn' : 'approvals.action.requireOff');
    if (a.type === 'publish' || a.type === 'activate') return t(`approvals.action.${a.type}`, { version: a.version });
    return t(`approvals.action.${a.type}`, { version: 'version' in a ? a.version : '', pilot: 'pilot' in a ? a.pilot : '', townships: 'townships' in a ? a.townships.map(townshipName).join('、') : '' });
  };
}

/** `refresh` changes whenever the page published or activated something, so the lists reload. */
export function ApprovalsPanel({ refresh, onDecided, onPending }: { refresh: number; onDecided: () => void; onPending?: (pending: ApprovalRequest[]) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const actionLabel = useActionLabel();
  const { api, me } = useSession();
  const [data, setData] = useState<{ requireApproval: boolean; approvals: ApprovalRequest[] } | null>(null);
  const [comments, setComments] = useState<Record<number, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const isAdmin = me.role === 'county_admin';

  const load = useCallback(() => {
    approvalsApi(api)
      .list(me.county)
      .then((r) => {
        setData(r);
        onPending?.(r.approvals.filter((a) => a.status === 'pending'));
      }, (e: Error) => setError(e.message));
  }, [api, me.county, onPending]);
  useEffect(load, [load, refresh]);

  const run = async (work: () => Promise<string | null>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      setNotice(await work());
      load();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const decide = (r: ApprovalRequest, decision: 'approve' | 'reject' | 'withdraw') =>
    run(async () => {
      await approvalsApi(api).decide(me.county, r.id, decision, comments[r.id] ?? '');
      setComments((c) => ({ ...c, [r.id]: '' }));
      onDecided();
      return null;
    });
  const toggle = (on: boolean) =>
    run(async () => {
      const res = await approvalsApi(api).setRequired(me.county, on);
      return res.approval?.status === 'pending' ? t('approvals.turnOffPending') : null;
    });

  if (!data) return error ? <p className="notice notice-error" role="alert">{error}</p> : null;
  const pending = data.approvals.filter((r) => r.status === 'pending');
  const decided = data.approvals.filter((r) => r.status !== 'pending');
  const at = (iso: string) => formatDateTime(iso, TZ, language);
  return (
    <section className="approvals-panel" data-testid="approvals">
      <div className="approvals-head">
        <h2>{t('approvals.title')}</h2>
        <span className={`badge ${data.requireApproval ? 'badge-amber' : ''}`} data-testid="approval-setting">
          {t(data.requireApproval ? 'approvals.required' : 'approvals.notRequired')}
        </span>
        {isAdmin && (
          <button type="button" className="link-button" disabled={busy} onClick={() => void toggle(!data.requireApproval)} data-action="toggle-approval">
            {t(data.requireApproval ? 'approvals.turnOff' : 'approvals.turnOn')}
          </button>
        )}
      </div>
      {error && <p className="notice notice-error" role="alert">{error}</p>}
      {notice && <p className="notice notice-ok" role="status">{notice}</p>}
      <h3>{t('approvals.pending')}</h3>
      {pending.length === 0 && <p className="muted">{t('approvals.noPending')}</p>}
      {pending.map((r) => {
        const own = r.proposedBy === me.id;
        return (
          <div key={r.id} className="approval-card pending" data-request={r.id}>
            <div className="approval-top">
              <strong>#{r.id} {actionLabel(r.action)}</strong>
              <span className="badge badge-amber">{t('approvals.status.pending')}</span>
            </div>
            <div className="muted small">{t('approvals.proposed', { who: r.proposedByName ?? r.proposedBy, at: at(r.proposedAt) })}</div>
            {r.comment && <blockquote className="approval-comment">{r.comment}</blockquote>}
            {(isAdmin || own) && (
              <>
                <textarea
                  aria-label={own ? t('approvals.commentOptional') : t('approvals.comment')}
                  placeholder={own ? t('approvals.commentOptional') : t('approvals.comment')}
                  value={comments[r.id] ?? ''}
                  onChange={(e) => setComments((c) => ({ ...c, [r.id]: e.target.value }))}
                  rows={2}
                  maxLength={2000}
                />
                <div className="buttons">
                  {own ? (
                    <>
                      <span className="muted small">{t('approvals.ownRequest')}</span>
                      <button type="button" disabled={busy} onClick={() => void decide(r, 'withdraw')} data-action="withdraw">{t('approvals.withdraw')}</button>
                    </>
                  ) : (
                    <>
                      <button type="button" className="primary" disabled={busy} onClick={() => void decide(r, 'approve')} data-action="approve">{t('approvals.approve')}</button>
                      <button type="button" className="danger" disabled={busy || !(comments[r.id] ?? '').trim()} onClick={() => void decide(r, 'reject')} data-action="reject">{t('approvals.reject')}</button>
                    </>
                  )}
                </div>
              </>
            )}
          </div>
        );
      })}
      <h3>{t('approvals.history')}</h3>
      {decided.length === 0 && <p className="muted">{t('approvals.noHistory')}</p>}
      <ul className="approval-history">
        {decided.map((r) => (
          <li key={r.id} data-request={r.id} data-status={r.status}>
            <div className="approval-top">
              <strong>{actionLabel(r.action)}</strong>
              <span className={`badge ${r.status === 'approved' || r.status === 'direct' ? 'badge-green' : r.status === 'rejected' ? 'badge-red' : ''}`}>{t(`approvals.status.${r.status}`)}</span>
            </div>
            <div className="muted small">{t('approvals.proposed', { who: r.proposedByName ?? r.proposedBy, at: at(r.proposedAt) })}</div>
            {r.comment && <blockquote className="approval-comment">{r.comment}</blockquote>}
            {r.status !== 'direct' && r.decidedAt && (
              <div className="muted small">{t(`approvals.decided.${r.status}`, { who: r.decidedByName ?? r.decidedBy, at: at(r.decidedAt) })}</div>
            )}
            {r.decisionComment && <blockquote className="approval-comment">{r.decisionComment}</blockquote>}
          </li>
        ))}
      </ul>
    </section>
  );
}
