/** The first sign-in: an account on its temporary password sets a new one before anything else. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/api-error';
import { changePassword } from '../api/accounts-client';
import { LanguageSwitch } from '../shell/language-switch';

export function ChangePasswordPage({ token, name, onChanged, onCancel }: { token: string; name: string; onChanged: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const local = next.length > 0 && [...next].length < 8 ? t('accounts.change.tooShort') : repeat.length > 0 && repeat !== next ? t('accounts.change.mismatch') : null;

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await changePassword(token, current, next);
      onChanged();
    } catch (e) {
      const err = e as ApiError;
      setError(err.code === 'wrong-password' ? t('accounts.change.wrong') : err.code === 'weak-password' ? t('accounts.change.weak') : err.message);
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <div className="sign-in-card">
        <div className="sign-in-top">
          <h1 className="brand">
            <span className="brand-mark">平台</span> pingtai
          </h1>
          <LanguageSwitch />
        </div>
        <h2 className="sign-in-heading">{t('accounts.change.title')}</h2>
        <p className="muted">{t('accounts.change.intro', { name })}</p>
        <form
          aria-label={t('accounts.change.title')}
          onSubmit={(e) => {
            e.preventDefault();
            if (!local && next && repeat && current && !busy) void submit();
          }}
        >
          <label className="field">
            <span>{t('accounts.change.current')}</span>
            <input name="currentPassword" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
          </label>
          <label className="field">
            <span>{t('accounts.change.next')}</span>
            <input name="newPassword" type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />
          </label>
          <label className="field">
            <span>{t('accounts.change.repeat')}</span>
            <input name="repeatPassword" type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} />
          </label>
          {(local || error) && <p className="error-text" role="alert">{local ?? error}</p>}
          <button className="primary" type="submit" disabled={busy || !!local || !current || !next || repeat !== next}>
            {t('accounts.change.submit')}
          </button>
          <button type="button" className="link-button" onClick={onCancel}>
            {t('signIn.signOut')}
          </button>
        </form>
      </div>
    </main>
  );
}
