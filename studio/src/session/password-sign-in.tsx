/** Signing in with a county, a phone or username and a password; the answer is a session token. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-error';
import { signInWithPassword } from '../api/accounts-client';
import './people.css';

const COUNTY_KEY = 'pingtai.county';

function lastCounty(): string {
  try {
    return localStorage.getItem(COUNTY_KEY) ?? '';
  } catch {
    return '';
  }
}

export function PasswordSignIn({ onSignIn }: { onSignIn: (token: string) => void }) {
  const { t, i18n } = useTranslation();
  const [county, setCounty] = useState(lastCounty);
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ready = county.trim() !== '' && login.trim() !== '' && password !== '';

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const session = await signInWithPassword(county.trim(), login.trim(), password);
      localStorage.setItem(COUNTY_KEY, county.trim());
      onSignIn(session.token);
    } catch (e) {
      const err = e as ApiError & { lockedUntil?: string };
      if (err.code === 'account-locked' && err.lockedUntil) setError(t('accounts.signIn.locked', { until: new Date(err.lockedUntil).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'zh-CN') }));
      else if (err.code === 'account-disabled') setError(t('accounts.signIn.disabled'));
      else if (err.code === 'invalid-credentials') setError(t('accounts.signIn.invalid'));
      else setError(err.message);
      setBusy(false);
    }
  };

  return (
    <form
      className="password-sign-in"
      aria-label={t('accounts.signIn.withPassword')}
      onSubmit={(e) => {
        e.preventDefault();
        if (ready && !busy) void submit();
      }}
    >
      <h2 className="sign-in-heading">{t('accounts.signIn.withPassword')}</h2>
      <label className="field">
        <span>{t('accounts.signIn.county')}</span>
        <input name="county" autoComplete="organization" value={county} onChange={(e) => setCounty(e.target.value)} placeholder="demo" />
      </label>
      <label className="field">
        <span>{t('accounts.signIn.login')}</span>
        <input name="login" autoComplete="username" inputMode="text" value={login} onChange={(e) => setLogin(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('accounts.signIn.password')}</span>
        <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </label>
      {error && <p className="error-text" role="alert">{error}</p>}
      <button className="primary" type="submit" disabled={!ready || busy}>
        {t('accounts.signIn.submit')}
      </button>
    </form>
  );
}
