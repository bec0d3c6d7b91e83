/**
 * Two config versions compared: first a summary of the changes in the domain's words (click one
 * to see it in the JSON), then monaco's side-by-side diff, opened at the first change.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DiffView, type RevealRequest } from '../editor/lazy-editors';
import { useLanguage } from '../i18n/use-label';
import { Link } from '../router/link';
import { useRoute } from '../router/router';
import { useSession } from '../session/session-context';
import { summarizeConfigDiff } from './diff-summary';
import { locatePointer } from './json-pointer-locator';
import { inOrderOf, pretty } from './sections';

export default function DiffPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { api, me } = useSession();
  const { query } = useRoute();
  const from = Number(query.get('from'));
  const to = Number(query.get('to'));
  const [docs, setDocs] = useState<{ before: Record<string, unknown>; after: Record<string, unknown> } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reveal, setReveal] = useState<RevealRequest | null>(null);

  useEffect(() => {
    let live = true;
    Promise.all([api.getConfig(me.county, from), api.getConfig(me.county, to)]).then(
      ([a, b]) => live && setDocs({ before: a.document as unknown as Record<string, unknown>, after: inOrderOf(b.document, a.document) as Record<string, unknown> }),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [api, me.county, from, to]);
  const texts = useMemo(() => (docs ? { original: pretty(docs.before), modified: pretty(docs.after) } : null), [docs]);
  const summary = useMemo(() => (docs ? summarizeConfigDiff(docs.before, docs.after) : []), [docs]);

  return (
    <main className="page diff-page">
      <Link to="/configs" className="back">← {t('versions.title')}</Link>
      <h1>{t('versions.diffTitle', { from, to })}</h1>
      {error && <p className="notice notice-error">{error}</p>}
      {texts && (
        <>
          <section className="diff-summary" aria-label={t('versions.summary')}>
            <h2>{t('versions.summary')} <span className="badge">{summary.length}</span></h2>
            {summary.length === 0 ? (
              <p className="muted">{t('versions.noChanges')}</p>
            ) : (
              <ul>
                {summary.map((line, i) => (
                  <li key={i}>
                    <button type="button" className="link-button" data-pointer={line.pointer} onClick={() => setReveal({ ...locatePointer(texts.modified, line.pointer), nonce: Date.now() })}>
                      {language === 'en' ? line.en : line.zh}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <div className="diff-labels"><span>v{from}</span><span>v{to}</span></div>
          <DiffView original={texts.original} modified={texts.modified} reveal={reveal} height="calc(100vh - 190px)" />
        </>
      )}
    </main>
  );
}
