/**
 * People and machines over HTTP: password sign-in (no token yet), the password change, and a
 * county's accounts and API tokens. Errors become ApiError with the runtime's code and field.
 */
import { ApiError } from './api-error';

export interface Account {
  id: string;
  name: string;
  phone: string | null;
  username: string | null;
  role: string;
  unit: string | null;
  disabled: boolean;
  passwordChangeRequired: boolean;
  lockedUntil: string | null;
  lastSignInAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ApiToken {
  id: string;
  label: string | null;
  role: string;
  unit: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revoked: boolean;
}

export type AccountInput = Partial<Pick<Account, 'name' | 'phone' | 'username' | 'role' | 'unit' | 'disabled'>>;

async function call<T>(method: string, path: string, token: string | null, body?: unknown): Promise<T> {
  const response = await fetch(`/api/v1${path}`, {
    method,
    headers: { Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const error = (json as { error?: { code?: string; message?: string; field?: string; lockedUntil?: string } } | undefined)?.error;
    const err = new ApiError(response.status, error?.code ?? `http-${response.status}`, error?.message ?? response.statusText, { field: error?.field });
    (err as ApiError & { lockedUntil?: string }).lockedUntil = error?.lockedUntil;
    throw err;
  }
  return json as T;
}

const enc = encodeURIComponent;

export function signInWithPassword(county: string, login: string, password: string): Promise<{ token: string; expiresAt: string; account: Account }> {
  return call('POST', '/sign-in', null, { county, login, password });
}

export function changePassword(token: string, currentPassword: string, newPassword: string): Promise<{ account: Account }> {
  return call('POST', '/password', token, { currentPassword, newPassword });
}

export function signOutSession(token: string): Promise<{ signedOut: true }> {
  return call('POST', '/sign-out', token);
}

export const accountsApi = (token: string, county: string) => ({
  list: () => call<{ accounts: Account[] }>('GET', `/counties/${enc(county)}/accounts`, token),
  create: (input: AccountInput) => call<{ account: Account; temporaryPassword: string }>('POST', `/counties/${enc(county)}/accounts`, token, input),
  update: (id: string, input: AccountInput) => call<{ account: Account }>('PATCH', `/counties/${enc(county)}/accounts/${enc(id)}`, token, input),
  resetPassword: (id: string) => call<{ account: Account; temporaryPassword: string }>('POST', `/counties/${enc(county)}/accounts/${enc(id)}/reset-password`, token),
  tokens: () => call<{ tokens: ApiToken[] }>('GET', `/counties/${enc(county)}/tokens`, token),
  issueToken: (input: { label: string; role: string; unit?: string | null }) => call<{ token: string; info: ApiToken }>('POST', `/counties/${enc(county)}/tokens`, token, input),
  revokeToken: (id: string) => call<{ revoked: true }>('DELETE', `/counties/${enc(county)}/tokens/${enc(id)}`, token),
});
