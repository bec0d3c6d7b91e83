/** Following a report by its code: a box for the code, then the progress in plain words. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-error';
import { navigate } from '../router/router';
import { publicApi, type PublicProgress } from './public-api';
import { ProgressView } from './progress-view';

export function PublicTrackPage({ county, code }: { county: string; code?: string }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState(code ?? '');
  const [progress, setProgress] = useState<PublicProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!code) return;
    setError(null);
    publicApi.track(county, code).then(setProgress, (e: Error) => (setProgress(null), setError(e instanceof ApiError && e.status === 404 ? t('public.unknownCode') : e.message)));
  }, [county, code, t]);
  return (
    <main className="page public-page">
      <h1>{t('public.trackTitle')}</h1>
      <form
        className="public-code-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (typed.trim()) navigate(`/public/${county}/track/${typed.trim().toUpperCase()}`);
        }}
      >
        <label className="field">
          <span>{t('public.code')}</span>
          <input name="tracking-code" value={typed} onChange={(e) => setTyped(e.target.value)} placeholder="QS7K-3M9P" autoCapitalize="characters" />
        </label>
        <button type="submit" className="primary">{t('public.look')}</button>
      </form>
      {error && <p className="notice notice-error" role="alert">{error}</p>}
      {progress && <ProgressView progress={progress} />}
    </main>
  );
}
