import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../shell/language-switch';
import { PasswordSignIn } from './password-sign-in';

export function SignInPage({ onSignIn, error }: { onSignIn: (token: string) => void; error: string | null }) {
  const { t } = useTranslation();
  const [token, setToken] = useState('');
  return (
    <main className="sign-in">
      <div className="sign-in-card">
        <div className="sign-in-top">
          <h1 className="brand">
            <span className="brand-mark">平台</span> pingtai
          </h1>
          <LanguageSwitch />
        </div>
        <p className="muted">{t('signIn.intro')}</p>
        {/* the password form shows first; the token form comes first in the page (its submit button is the page's first) */}
        <div className="sign-in-forms">
          <form
            className="token-sign-in"
            aria-label={t('accounts.signIn.withToken')}
            onSubmit={(e) => {
              e.preventDefault();
              if (token.trim()) onSignIn(token.trim());
            }}
          >
            <h2 className="sign-in-heading">{t('accounts.signIn.withToken')}</h2>
            <label className="field">
              <span>{t('signIn.token')}</span>
              <input name="token" type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} placeholder="pt_…" />
            </label>
            {error && <p className="error-text" role="alert">{t('signIn.failed', { message: error })}</p>}
            <button className="primary" type="submit" disabled={!token.trim()}>
              {t('signIn.submit')}
            </button>
          </form>
          <PasswordSignIn onSignIn={onSignIn} />
        </div>
      </div>
    </main>
  );
}
