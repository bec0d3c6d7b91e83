/** A report's progress as a citizen reads it: its category, where it stands, each step with its time. */
import { useTranslation } from 'react-i18next';
import { useLabel } from '../i18n/use-label';
import type { PublicProgress } from './public-api';

const shortTime = (iso: string) => iso.slice(0, 16).replace('T', ' ');

export function ProgressView({ progress }: { progress: PublicProgress }) {
  const { t } = useTranslation();
  const label = useLabel();
  const rated = progress.satisfactionScale.find((l) => l.value === progress.rating);
  return (
    <section className="public-progress" data-testid="public-progress" data-state={progress.state.id}>
      <p className="public-code">{progress.code}</p>
      <dl>
        <dt>{t('public.category')}</dt>
        <dd>{label(progress.category.name, progress.category.code)}</dd>
        <dt>{t('public.reportedAt')}</dt>
        <dd>{shortTime(progress.reportedAt)}</dd>
        <dt>{t('public.state')}</dt>
        <dd>
          <strong data-testid="public-state">{label(progress.state.name, progress.state.id)}</strong>
        </dd>
        {rated && (
          <>
            <dt>{t('public.yourRating')}</dt>
            <dd data-testid="public-rating">{label(rated.name, rated.value)}</dd>
          </>
        )}
      </dl>
      <ol className="public-steps">
        {progress.steps.map((s, i) => (
          <li key={i}>
            <time>{shortTime(s.at)}</time> {label(s.name, '')}
          </li>
        ))}
      </ol>
    </section>
  );
}
