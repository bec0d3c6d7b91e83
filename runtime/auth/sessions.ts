/**
 * Signing in with a password: `{ county, login, password }` (login: the account's phone or
 * username) gives a session token — a bearer token like an API token, bound to the account and
 * expiring after {@link SESSION_HOURS} hours. Five wrong passwords in a row lock the account for
 * {@link LOCK_MINUTES} minutes; an account on its temporary password must change it first.
 */
import { randomBytes } from 'node:crypto';
import { Op } from 'sequelize';
import type { Database } from '../db/open-database';
import { newId } from '../db/ids';
import { BadRequestError, ForbiddenError, HttpError, UnprocessableError } from '../http/errors';
import { accountView, findAccount, normalPhone, type AccountView } from './accounts';
import { dummyHash, hashPassword, passwordProblem, verifyPassword } from './passwords';
import { forgetAccountSessions, hashToken, revokeToken, type TokenActor } from './tokens';
import { recordAccountChange } from '../audit/account-changes';

export const SESSION_HOURS = 12;
export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;

const wrongCredentials = () => new HttpError(401, 'invalid-credentials', 'the county, login or password is wrong');

function locked(until: Date, now: number): HttpError {
  const retry = Math.max(1, Math.ceil((until.getTime() - now) / 1000));
  return new HttpError(423, 'account-locked', `too many wrong passwords: the account is locked until ${until.toISOString()}`, {
    details: { lockedUntil: until.toISOString() },
    headers: { 'Retry-After': String(Number.isFinite(retry) ? Math.min(retry, LOCK_MINUTES * 60) : LOCK_MINUTES * 60) },
  });
}

function requiredText(body: Record<string, unknown>, field: string, max: number): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '' || value.length > max) throw new BadRequestError('bad-sign-in', `"${field}" is required: a string of at most ${max} characters`, { field });
  return value;
}

export interface SignedIn {
  token: string;
  expiresAt: string;
  account: AccountView;
}

/** Checks the password and opens a session; 401 for any wrong part, 423 while locked, 403 when disabled. */
export async function signIn(db: Database, body: Record<string, unknown>, now: number): Promise<SignedIn> {
  const unknown = Object.keys(body).find((k) => !['county', 'login', 'password'].includes(k));
  if (unknown !== undefined) throw new BadRequestError('bad-sign-in', `"${unknown}" is not a field of a sign-in (county, login, password)`, { field: unknown });
  const county = requiredText(body, 'county', 64);
  const login = requiredText(body, 'login', 64).trim();
  const password = requiredText(body, 'password', 200);
  const byPhone = /^[+0-9]/.test(login);
  const where = byPhone ? { countyId: county, phone: normalPhone(login) } : { countyId: county, username: login.toLowerCase() };
  const account = await db.models.Account.findOne({ where });
  if (!account) {
    await verifyPassword(password, await dummyHash());
    throw wrongCredentials();
  }
  if (account.lockedUntil && account.lockedUntil.getTime() > now) throw locked(account.lockedUntil, now);
  if (!(await verifyPassword(password, account.passwordHash))) {
    await db.models.Account.increment('failedAttempts', { by: 1, where: { countyId: county, id: account.id } });
    const after = await db.models.Account.findOne({ where: { countyId: county, id: account.id }, attributes: ['failedAttempts'] });
    if ((after?.failedAttempts ?? 0) >= MAX_FAILURES) {
      const until = new Date(now + LOCK_MINUTES * 60_000);
      await db.models.Account.update({ failedAttempts: 0, lockedUntil: until }, { where: { countyId: county, id: account.id } });
      throw locked(until, now);
    }
    throw wrongCredentials();
  }
  if (account.disabled) throw new ForbiddenError('account-disabled', 'this account is disabled: ask the county administrator');
  const token = `pt_${randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(now + SESSION_HOURS * 3600_000);
  await db.transaction(async (t) => {
    await db.models.Account.update({ failedAttempts: 0, lockedUntil: null, lastSignInAt: new Date(now) }, { where: { countyId: county, id: account.id }, transaction: t });
    await db.models.Token.create(
      { countyId: county, id: newId(now), hash: hashToken(token), role: account.role, unit: account.unit, label: null, accountId: account.id, expiresAt, createdAt: new Date(now) },
      { transaction: t },
    );
  });
  return { token, expiresAt: expiresAt.toISOString(), account: accountView(await findAccount(db, county, account.id)) };
}

/** The account's own password change (the first one replaces the temporary password). */
export async function changePassword(db: Database, actor: TokenActor, body: Record<string, unknown>, now: number): Promise<AccountView> {
  if (actor.tokenId === undefined || actor.tokenId === actor.id) throw new ForbiddenError('not-an-account', 'an API token has no password: sign in as a person to change one');
  const unknown = Object.keys(body).find((k) => !['currentPassword', 'newPassword'].includes(k));
  if (unknown !== undefined) throw new BadRequestError('bad-body', `"${unknown}" is not a field of a password change (currentPassword, newPassword)`, { field: unknown });
  const current = requiredText(body, 'currentPassword', 200);
  const problem = passwordProblem(body.newPassword);
  if (problem) throw new UnprocessableError('weak-password', `"newPassword" ${problem}`, { field: 'newPassword' });
  const next = body.newPassword as string;
  const account = await findAccount(db, actor.countyId, actor.id);
  if (!(await verifyPassword(current, account.passwordHash))) throw new UnprocessableError('wrong-password', '"currentPassword" is not the current password', { field: 'currentPassword' });
  if (next === current) throw new UnprocessableError('weak-password', '"newPassword" must differ from the current password', { field: 'newPassword' });
  const passwordHash = await hashPassword(next);
  await db.transaction(async (t) => {
    await db.models.Account.update({ passwordHash, passwordChangeRequired: false, updatedAt: new Date(now) }, { where: { countyId: actor.countyId, id: account.id }, transaction: t });
    // other sessions of the account end; this one goes on
    await db.models.Token.update({ revoked: true }, { where: { countyId: actor.countyId, accountId: account.id, revoked: false, id: { [Op.ne]: actor.tokenId! } }, transaction: t });
    await recordAccountChange(db, t, { county: actor.countyId, accountId: account.id, at: now, action: 'password-changed', actor: { id: actor.id, role: actor.role }, detail: {} });
  });
  forgetAccountSessions(db, actor.countyId, account.id);
  return accountView(await findAccount(db, actor.countyId, account.id));
}

/** Ends the caller's session (an API token is revoked by an administrator, not by itself). */
export async function signOut(db: Database, actor: TokenActor): Promise<void> {
  if (actor.tokenId === undefined || actor.tokenId === actor.id) throw new ForbiddenError('not-an-account', 'an API token does not sign out: an administrator revokes it');
  await revokeToken(db, { county: actor.countyId, id: actor.tokenId });
}
