/** The reporter's secret link: once the report is resolved, confirm its closure with a rating. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-error';
import { useLabel } from '../i18n/use-label';
import { publicApi, type PublicProgress } from './public-api';
import { ProgressView } from './progress-view';

export function PublicConfirmPage({ county, secret }: { county: string; secret: string }) {
  const { t } = useTranslation();
  const label = useLabel();
  const [progress, setProgress] = useState<PublicProgress | null>(null);
  const [rating, setRating] = useState('');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    publicApi.confirmation(county, secret).then(setProgress, (e: Error) => setError(e instanceof ApiError && e.status === 404 ? t('public.badLink') : e.message));
  }, [county, secret, t]);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      setProgress(await publicApi.confirm(county, secret, { rating, ...(comment.trim() ? { comment: comment.trim() } : {}) }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="page public-page">
      <h1>{t('public.confirmTitle')}</h1>
      {error && <p className="notice notice-error" role="alert">{error}</p>}
      {progress && <ProgressView progress={progress} />}
      {progress?.awaitingConfirmation && (
        <section className="public-rate" data-testid="public-rate">
          <p>{t('public.rateIntro')}</p>
          <div className="public-ratings" role="radiogroup" aria-label={t('public.rating')}>
            {progress.satisfactionScale.map((l) => (
              <label key={l.value} className={rating === l.value ? 'on' : ''}>
                <input type="radio" name="rating" value={l.value} checked={rating === l.value} onChange={() => setRating(l.value)} /> {label(l.name, l.value)}
              </label>
            ))}
          </div>
          <label className="field">
            <span>{t('public.comment')}</span>
            <textarea name="comment" maxLength={500} value={comment} onChange={(e) => setComment(e.target.value)} rows={3} />
          </label>
          <button type="button" className="primary wide" disabled={!rating || busy} onClick={confirm} data-action="confirm-closure">{t('public.confirm')}</button>
        </section>
      )}
      {progress && !progress.awaitingConfirmation && !progress.state.closed && <p className="muted">{t('public.notYet')}</p>}
    </main>
  );
}
