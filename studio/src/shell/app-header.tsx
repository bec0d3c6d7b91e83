import { useTranslation } from 'react-i18next';
import { Link } from '../router/link';
import { useRoute } from '../router/router';
import { useSession } from '../session/session-context';
import { useLabel } from '../i18n/use-label';
import { LanguageSwitch } from './language-switch';
import { navItemsFor } from './nav-items';

export function AppHeader() {
  const { t } = useTranslation();
  const { me, signOut } = useSession();
  const { path } = useRoute();
  return (
    <header className="app-header">
      <Link to="/" className="brand">
        <span className="brand-mark">平台</span>
        <span className="brand-name">pingtai</span>
      </Link>
      <nav className="main-nav">
        {navItemsFor(me.role).map((item) => (
          <Link key={item.to} to={item.to} className={path.startsWith(item.to) ? 'active' : ''}>
            {t(item.label)}
          </Link>
        ))}
      </nav>
      <div className="header-end">
        <span className="who" title={me.id}>
          {me.name ? <strong className="who-name">{me.name} · </strong> : null}
          {me.role === 'platform_admin' ? t('counties.role') : <>{me.county} · {t(`role.${me.role}`)}</>}
          {me.unit ? <> · <UnitName id={me.unit} /></> : ''}
        </span>
        <LanguageSwitch />
        <button type="button" className="link-button" onClick={signOut}>
          {t('signIn.signOut')}
        </button>
      </div>
    </header>
  );
}

/** The caller's unit by its name in the page's language (its id when the active config has no such unit). */
function UnitName({ id }: { id: string }) {
  const label = useLabel();
  const { me } = useSession();
  return <span title={id}>{label(me.unitName ?? undefined, id)}</span>;
}
