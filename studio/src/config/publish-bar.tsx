/**
 * Save, test and publish a draft. Publishing is refused in the page while the draft does not
 * compile or any of its tests fails (the runtime refuses too: its `/test` runs first and
 * `/publish` answers 422); the reasons are shown here. While the county requires approval,
 * publishing and activating are submitted for a second county administrator (docs/approvals.md).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { issueMessage, runConfigTests, type Issue, type TestResult } from '../../../engine/index';
import { ApiError } from '../api/api-error';
import { approvalsApi, isPendingApproval } from '../api/approvals-client';
import { approvalsText } from '../i18n/approvals';
import { registerTexts } from '../i18n/register-texts';
import { useLanguage } from '../i18n/use-label';
import { forgetCountyConfigs } from '../ops/use-county-config';
import { Link } from '../router/link';
import { navigate } from '../router/router';
import { useSession } from '../session/session-context';
import { TestResultsList } from './test-results-list';
import './approvals.css';
import type { Draft } from './use-draft';

registerTexts('approvals', approvalsText);

type Outcome =
  | { kind: 'saved'; issues: Issue[] }
  | { kind: 'refused'; reason: string; failures?: TestResult[]; issues?: Issue[] }
  | { kind: 'published'; version: number }
  | { kind: 'activated'; version: number }
  | { kind: 'submitted'; id: number; what: 'publish' | 'activate' }
  | { kind: 'error'; message: string };

export function PublishBar({ draft, onShowTests }: { draft: Draft; onShowTests: () => void }) {
  const { t } = useTranslation();
  const { api, me } = useSession();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  /** The proposer's comment: kept with the publish or activation (and shown to the approver). */
  const [comment, setComment] = useState('');
  // publishing and activating are the county administrator's (the runtime refuses others with 403)
  const canPublish = me.role === 'county_admin';

  const run = async (work: () => Promise<Outcome>) => {
    setBusy(true);
    try {
      setOutcome(await work());
    } catch (e) {
      setOutcome({ kind: 'error', message: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };

  const save = () => run(async () => ({ kind: 'saved', issues: await draft.save() }));

  const publish = () =>
    run(async () => {
      if (!draft.document || draft.parseProblems.length) return { kind: 'refused', reason: t('publish.syntax') };
      const compiled = draft.compileNow();
      if (!compiled) return { kind: 'refused', reason: t('publish.syntax') };
      if (!compiled.ok) return { kind: 'refused', reason: t('publish.invalid', { count: compiled.issues.length }), issues: compiled.issues };
      const local = runConfigTests(compiled.value);
      if (local.failed > 0) return { kind: 'refused', reason: t('publish.testsFailed', { count: local.failed }), failures: local.results.filter((r) => !r.pass) };
      if (draft.dirty) await draft.save();
      const server = await api.testConfig(me.county, draft.version);
      if (server.failed > 0) return { kind: 'refused', reason: t('publish.serverTestsFailed', { count: server.failed }), failures: server.results.filter((r) => !r.pass) };
      try {
        const published = await approvalsApi(api).publish(me.county, draft.version, comment);
        setComment('');
        draft.reload();
        if (isPendingApproval(published)) return { kind: 'submitted', id: published.approval.id, what: 'publish' };
        return { kind: 'published', version: published.version };
      } catch (e) {
        if (e instanceof ApiError && e.status === 422)
          return {
            kind: 'refused',
            // the server's own words are English; its issues carry both languages
            reason: e.details.issues?.length ? t('publish.invalid', { count: e.details.issues.length }) : e.message,
            issues: e.details.issues,
            failures: e.details.results?.filter((r) => !r.pass),
          };
        throw e;
      }
    });

  const activate = (version: number) =>
    run(async () => {
      const activated = await approvalsApi(api).activate(me.county, version, comment);
      setComment('');
      if (isPendingApproval(activated)) return { kind: 'submitted', id: activated.approval.id, what: 'activate' };
      forgetCountyConfigs();
      draft.reload();
      return { kind: 'activated', version };
    });

  return (
    <div className="publish-bar">
      <div className="buttons">
        {draft.editable && (
          <button type="button" onClick={save} disabled={busy || !draft.dirty || !draft.document} data-action="save">
            {draft.dirty ? t('publish.save') : t('publish.saved')}
          </button>
        )}
        <button type="button" onClick={onShowTests} disabled={busy} data-action="tests">
          {t('tests.runAll')}
        </button>
        {(me.role === 'county_admin' || me.role === 'policy_designer') && (draft.status === 'draft' || draft.status === 'published') && (
          <Link to={`/backtests?${draft.status === 'draft' ? 'draft' : 'version'}=${draft.version}`} className="button-link" data-action="replay-history">
            {t('publish.replay')}
          </Link>
        )}
        {canPublish && (draft.editable || (draft.status === 'published' && !draft.active)) && (
          <input
            name="publish-comment"
            className="publish-comment"
            value={comment}
            maxLength={2000}
            onChange={(e) => setComment(e.target.value)}
            placeholder={t('approvals.commentOptional')}
            aria-label={t('approvals.commentOptional')}
          />
        )}
        {draft.editable && canPublish && (
          <button type="button" className="primary" onClick={publish} disabled={busy} data-action="publish">
            {t('publish.publish')}
          </button>
        )}
        {!draft.editable && canPublish && draft.status === 'published' && !draft.active && (
          <button type="button" className="primary" onClick={() => activate(draft.version)} disabled={busy} data-action="activate">
            {t('versions.activate')}
          </button>
        )}
      </div>
      {draft.editable && !canPublish && <p className="muted" data-testid="publish-by-admin">{t('publish.byAdmin')}</p>}
      {outcome && <OutcomeView outcome={outcome} />}
    </div>
  );
}

function OutcomeView({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation();
  const language = useLanguage();
  switch (outcome.kind) {
    case 'saved':
      return <p className="notice" role="status">{t('publish.savedNotice', { count: outcome.issues.length })}</p>;
    case 'published':
      return (
        <div className="notice notice-ok" role="status" data-testid="published">
          {t('publish.published', { version: outcome.version })} {t('publish.activateHint')}
        </div>
      );
    case 'activated':
      return (
        <div className="notice notice-ok" role="status">
          {t('publish.activated', { version: outcome.version })} <button type="button" className="link-button" onClick={() => navigate('/configs')}>{t('versions.title')}</button>
        </div>
      );
    case 'submitted':
      return (
        <div className="notice notice-warn" role="status" data-testid="submitted-for-approval">
          {t('approvals.submitted', { id: outcome.id, what: t(`approvals.what.${outcome.what}`) })}{' '}
          <button type="button" className="link-button" onClick={() => navigate('/configs')}>{t('versions.title')}</button>
        </div>
      );
    case 'refused':
      return (
        <div className="notice notice-error" role="alert" data-testid="publish-refused">
          <strong>{t('publish.refused')}</strong> {outcome.reason}
          {outcome.issues && outcome.issues.length > 0 && (
            <ul>
              {outcome.issues.slice(0, 20).map((i, n) => (
                <li key={n} data-code={i.code}>{issueMessage(i, language)} <code className="muted">{i.pointer}</code></li>
              ))}
            </ul>
          )}
          {outcome.failures && outcome.failures.length > 0 && <TestResultsList results={outcome.failures} />}
        </div>
      );
    case 'error':
      return <p className="notice notice-error" role="alert">{outcome.message}</p>;
    default: {
      const never: never = outcome;
      throw new Error(`unknown outcome ${JSON.stringify(never)}`);
    }
  }
}
