import { createContext, useContext } from 'react';
import type { ApiClient } from '../api/client';
import type { Me } from '../api/types';

export interface Session {
  token: string;
  me: Me;
  api: ApiClient;
  signOut: () => void;
}

export const SessionContext = createContext<Session | null>(null);

/** The signed-in session; only rendered inside SessionProvider once `me` is known. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in session');
  return session;
}
