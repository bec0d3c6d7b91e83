/**
 * The citizens' pages, without sign-in (`/public/{county}/…`): report, follow a report by its
 * code, confirm its closure with a rating through the secret link. Phone-sized screens first.
 */
import { useTranslation } from 'react-i18next';
import { matchPath, useRoute } from '../router/router';
import { LanguageSwitch } from '../shell/language-switch';
import { PublicConfirmPage } from './public-confirm-page';
import { PublicReportPage } from './public-report-page';
import { PublicTrackPage } from './public-track-page';
import './public.css';
import { registerTexts } from '../i18n/register-texts';
import { publicText } from '../i18n/public';

registerTexts('public', publicText);

export default function PublicApp() {
  const { t } = useTranslation();
  const { path } = useRoute();
  let params: Record<string, string> | null;
  let page;
  if ((params = matchPath('/public/:county/track/:code', path))) page = <PublicTrackPage county={params.county} code={params.code} />;
  else if ((params = matchPath('/public/:county/track', path))) page = <PublicTrackPage county={params.county} />;
  else if ((params = matchPath('/public/:county/confirm/:secret', path))) page = <PublicConfirmPage county={params.county} secret={params.secret} />;
  else if ((params = matchPath('/public/:county', path))) page = <PublicReportPage county={params.county} />;
  else page = <main className="page"><h1>{t('notFound')}</h1></main>;
  return (
    <>
      <header className="public-header">
        <span className="brand">{t('public.brand')}</span>
        <LanguageSwitch />
      </header>
      {page}
    </>
  );
}
