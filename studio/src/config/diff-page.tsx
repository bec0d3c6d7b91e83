/** Two config versions side by side in monaco's diff editor, with the server's list of changed pointers. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DiffView } from '../editor/lazy-editors';
import { Link } from '../router/link';
import { useRoute } from '../router/router';
import { useSession } from '../session/session-context';
import { inOrderOf, pretty } from './sections';

export default function DiffPage() {
  const { t } = useTranslation();
  const { api, me } = useSession();
  const { query } = useRoute();
  const from = Number(query.get('from'));
  const to = Number(query.get('to'));
  const [texts, setTexts] = useState<{ original: string; modified: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    Promise.all([api.getConfig(me.county, from), api.getConfig(me.county, to)]).then(
      ([a, b]) => live && setTexts({ original: pretty(a.document), modified: pretty(inOrderOf(b.document, a.document)) }),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [api, me.county, from, to]);

  return (
    <main className="page diff-page">
      <Link to="/configs" className="back">← {t('versions.title')}</Link>
      <h1>{t('versions.diffTitle', { from, to })}</h1>
      {error && <p className="notice notice-error">{error}</p>}
      {texts && (
        <>
          <div className="diff-labels"><span>v{from}</span><span>v{to}</span></div>
          <DiffView original={texts.original} modified={texts.modified} height="calc(100vh - 190px)" />
        </>
      )}
    </main>
  );
}
