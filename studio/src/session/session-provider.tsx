/**
 * Holds the pasted token (localStorage) and the caller's identity from `GET /api/v1/me`.
 * Until both are known the sign-in page shows; a 401 anywhere signs out.
 */
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiClient } from '../api/client';
import type { Me } from '../api/types';
import { SessionContext, type Session } from './session-context';
import { SignInPage } from './sign-in-page';
import { ChangePasswordPage } from './change-password-page';
import { signOutSession } from '../api/accounts-client';
import { tokenStore } from './token-store';

export function SessionProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | null>(() => tokenStore.read());
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<string | null>(null);

  const signOut = useCallback(() => {
    // a password session ends on the server too; a pasted API token stays valid
    const current = tokenStore.read();
    if (current) signOutSession(current).catch(() => undefined);
    tokenStore.clear();
    setToken(null);
    setMe(null);
  }, []);

  const api = useMemo(() => (token ? new ApiClient(token, signOut) : null), [token, signOut]);

  useEffect(() => {
    if (!api) return;
    let live = true;
    api.me().then(
      (who) => live && (setMe(who), setError(null)),
      (e: Error) => {
        if (!live) return;
        setError(e.message);
        tokenStore.clear();
        setToken(null);
      },
    );
    return () => {
      live = false;
    };
  }, [api]);

  const signIn = useCallback((pasted: string) => {
    tokenStore.write(pasted);
    setError(null);
    setToken(pasted);
  }, []);

  if (!token || !api) return <SignInPage onSignIn={signIn} error={error} />;
  if (!me) return <div className="page-loading" />;
  if (me.passwordChangeRequired) return <ChangePasswordPage token={token} name={me.name ?? ''} onChanged={() => api.me().then(setMe, () => signOut())} onCancel={signOut} />;
  const session: Session = { token, me, api, signOut };
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
