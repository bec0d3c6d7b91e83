/**
 * Named people of a county: a county administrator creates, edits and disables them. An account
 * has a name, a phone and/or a username to sign in with, a role and, for unit roles, a unit (a
 * grid for grid workers) the county's active config has. A new account (and a reset one) gets a
 * temporary password, returned once, that must be changed at the first sign-in.
 */
import { UniqueConstraintError } from 'sequelize';
import type { Database } from '../db/open-database';
import type { AccountRow } from '../db/models';
import { newId } from '../db/ids';
import { BadRequestError, ConflictError, NotFoundError, UnprocessableError } from '../http/errors';
import { hashPassword, temporaryPassword } from './passwords';
import { forgetAccountSessions, UNIT_ROLES } from './tokens';
import { accountFieldChanges, recordAccountChange, SYSTEM_ACTOR, type ChangeActor, type LoggedAccountFields } from '../audit/account-changes';

/** Roles an account may have: the county's own people (a platform's administrators are not a county's). */
export const ACCOUNT_ROLES = ['county_admin', 'dispatcher', 'handler', 'grid_worker', 'policy_designer'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

const PHONE = /^\+?[0-9]{6,20}$/;
const USERNAME = /^[a-z][a-z0-9_.-]{2,63}$/;
const UNIT = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** An account as the API shows it (never its password hash). */
export interface AccountView {
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

export function accountView(a: AccountRow): AccountView {
  return {
    id: a.id, name: a.name, phone: a.phone, username: a.username, role: a.role, unit: a.unit,
    disabled: Boolean(a.disabled), passwordChangeRequired: Boolean(a.passwordChangeRequired),
    lockedUntil: a.lockedUntil ? a.lockedUntil.toISOString() : null,
    lastSignInAt: a.lastSignInAt ? a.lastSignInAt.toISOString() : null,
    createdAt: a.createdAt.toISOString(), updatedAt: a.updatedAt.toISOString(),
  };
}

/** A phone as stored and looked up: digits (and a leading +), spaces and dashes dropped. */
export function normalPhone(value: string): string {
  return value.replace(/[\s-]/g, '');
}

export interface AccountFields {
  name?: string;
  phone?: string | null;
  username?: string | null;
  role?: AccountRole;
  unit?: string | null;
  disabled?: boolean;
}

const FIELDS = ['name', 'phone', 'username', 'role', 'unit', 'disabled'];

/** Reads the fields of a create (all required ones) or an edit (any) body; 400/422 naming the field. */
export function accountFields(body: Record<string, unknown>, mode: 'create' | 'edit'): AccountFields {
  const unknown = Object.keys(body).find((k) => !FIELDS.includes(k));
  if (unknown !== undefined) throw new BadRequestError('bad-body', `"${unknown}" is not a field of an account (${FIELDS.join(', ')})`, { field: unknown });
  const out: AccountFields = {};
  if (body.name !== undefined || mode === 'create') {
    if (typeof body.name !== 'string' || body.name.trim() === '' || body.name.trim().length > 100) throw new UnprocessableError('bad-account', '"name" must be 1–100 characters', { field: 'name' });
    out.name = body.name.trim();
  }
  if (body.phone !== undefined) {
    if (body.phone !== null && (typeof body.phone !== 'string' || !PHONE.test(normalPhone(body.phone)))) throw new UnprocessableError('bad-account', '"phone" must be a phone number of 6–20 digits (a leading + allowed)', { field: 'phone' });
    out.phone = body.phone === null || body.phone === '' ? null : normalPhone(body.phone as string);
  }
  if (body.username !== undefined) {
    if (body.username !== null && (typeof body.username !== 'string' || !USERNAME.test(body.username.toLowerCase()))) throw new UnprocessableError('bad-account', '"username" must be 3–64 characters: a letter, then letters, digits, _ . -', { field: 'username' });
    out.username = body.username === null ? null : (body.username as string).toLowerCase();
  }
  if (body.role !== undefined || mode === 'create') {
    if (typeof body.role !== 'string' || !(ACCOUNT_ROLES as readonly string[]).includes(body.role)) throw new UnprocessableError('bad-account', `"role" must be one of ${ACCOUNT_ROLES.join(', ')}`, { field: 'role' });
    out.role = body.role as AccountRole;
  }
  if (body.unit !== undefined) {
    if (body.unit !== null && (typeof body.unit !== 'string' || !UNIT.test(body.unit))) throw new UnprocessableError('bad-account', '"unit" must be a unit id', { field: 'unit' });
    out.unit = body.unit as string | null;
  }
  if (body.disabled !== undefined) {
    if (typeof body.disabled !== 'boolean') throw new UnprocessableError('bad-account', '"disabled" must be true or false', { field: 'disabled' });
    out.disabled = body.disabled;
  }
  if (mode === 'create' && !out.phone && !out.username) throw new UnprocessableError('bad-account', 'an account needs a "phone" or a "username" to sign in with', { field: 'phone' });
  return out;
}

/** 422 naming `unit` unless the role and unit fit the county's active config. */
async function checkUnit(db: Database, county: string, role: string, unit: string | null): Promise<void> {
  if (UNIT_ROLES.includes(role) && unit === null) throw new UnprocessableError('unit-required', `a ${role} needs a unit: the ${role === 'grid_worker' ? 'grid' : 'unit'} they work for`, { field: 'unit' });
  if (unit === null) return;
  const row = await db.models.County.findOne({ where: { id: county }, attributes: ['activeVersion'] });
  const active = row?.activeVersion == null ? null : await db.models.ConfigVersion.findOne({ where: { countyId: county, version: row.activeVersion }, attributes: ['document'] });
  const units = (active?.document as { units?: Array<{ id?: unknown; kind?: unknown }> } | undefined)?.units ?? [];
  const found = units.find((u) => u.id === unit);
  if (!found) throw new UnprocessableError('unknown-unit', `unit "${unit}" is not a unit of the active config`, { field: 'unit' });
  if (role === 'grid_worker' && found.kind !== 'grid') throw new UnprocessableError('unknown-unit', `a grid worker's unit must be a grid; "${unit}" is a ${String(found.kind)}`, { field: 'unit' });
}

function duplicate(err: unknown): never {
  if (err instanceof UniqueConstraintError) {
    const field = Object.keys(err.fields ?? {}).find((f) => f === 'phone' || f === 'username') ?? (/username/.test(err.message) ? 'username' : 'phone');
    throw new ConflictError('duplicate-login', `another account of this county already signs in with this ${field}`, { field });
  }
  throw err;
}

/** Refuses a phone or username another account of the county has (also caught by the unique index). */
async function checkLoginsFree(db: Database, county: string, fields: AccountFields, self?: string): Promise<void> {
  for (const field of ['phone', 'username'] as const) {
    const value = fields[field];
    if (!value) continue;
    const other = await db.models.Account.findOne({ where: { countyId: county, [field]: value }, attributes: ['id'] });
    if (other && other.id !== self) throw new ConflictError('duplicate-login', `another account of this county already signs in with this ${field}`, { field });
  }
}

/** Creates an account with a temporary password, returned here only. */
export async function createAccount(db: Database, opts: { county: string; fields: AccountFields; now: number; actor?: ChangeActor }): Promise<{ account: AccountView; temporaryPassword: string }> {
  const f = opts.fields;
  const county = await db.models.County.findOne({ where: { id: opts.county }, attributes: ['id'] });
  if (!county) throw new NotFoundError(`county "${opts.county}" not found`);
  if (!f.name || !f.role) throw new UnprocessableError('bad-account', '"name" and "role" are required', { field: f.name ? 'role' : 'name' });
  const unit = f.unit ?? null;
  await checkUnit(db, opts.county, f.role, unit);
  await checkLoginsFree(db, opts.county, f);
  const password = temporaryPassword();
  const now = new Date(opts.now);
  const passwordHash = await hashPassword(password);
  const row = await db.transaction(async (t) => {
    const created = await db.models.Account.create({
      countyId: opts.county, id: newId(opts.now), name: f.name!, phone: f.phone ?? null, username: f.username ?? null, role: f.role!, unit,
      disabled: f.disabled ?? false, passwordHash, passwordChangeRequired: true, createdAt: now, updatedAt: now,
    }, { transaction: t });
    await recordAccountChange(db, t, { county: opts.county, accountId: created.id, at: opts.now, action: 'created', actor: opts.actor ?? SYSTEM_ACTOR, detail: { ...loggedFields(created) } });
    return created;
  }).catch(duplicate);
  return { account: accountView(row), temporaryPassword: password };
}

export async function findAccount(db: Database, county: string, id: string): Promise<AccountRow> {
  const row = /^[0-9a-f-]{36}$/i.test(id) ? await db.models.Account.findOne({ where: { countyId: county, id } }) : null;
  if (!row) throw new NotFoundError(`account "${id}" not found`);
  return row;
}

export async function listAccounts(db: Database, county: string): Promise<AccountView[]> {
  const rows = await db.models.Account.findAll({ where: { countyId: county }, order: [['name', 'ASC'], ['id', 'ASC']] });
  return rows.map(accountView);
}

/** Edits an account. Disabling it ends its sessions; a new role or unit applies to them at once. */
export async function updateAccount(db: Database, opts: { county: string; id: string; fields: AccountFields; now: number; actor?: ChangeActor }): Promise<AccountView> {
  const row = await findAccount(db, opts.county, opts.id);
  const f = opts.fields;
  const role = f.role ?? row.role;
  // a role without units drops the unit unless one is named
  const unit = f.unit !== undefined ? f.unit : UNIT_ROLES.includes(role) ? row.unit : f.role !== undefined ? null : row.unit;
  if (f.role !== undefined || f.unit !== undefined) await checkUnit(db, opts.county, role, unit);
  const phone = f.phone !== undefined ? f.phone : row.phone;
  const username = f.username !== undefined ? f.username : row.username;
  if (!phone && !username) throw new UnprocessableError('bad-account', 'an account needs a "phone" or a "username" to sign in with', { field: f.phone !== undefined ? 'phone' : 'username' });
  await checkLoginsFree(db, opts.county, f, row.id);
  const after: LoggedAccountFields = { name: f.name ?? row.name, phone, username, role, unit, disabled: f.disabled ?? row.disabled };
  const changes = accountFieldChanges(loggedFields(row), after);
  await db.transaction(async (t) => {
    await db.models.Account.update(
      { ...after, updatedAt: new Date(opts.now) },
      { where: { countyId: opts.county, id: row.id }, transaction: t },
    ).catch(duplicate);
    if (f.disabled === true) await db.models.Token.update({ revoked: true }, { where: { countyId: opts.county, accountId: row.id, revoked: false }, transaction: t });
    if (Object.keys(changes).length === 0) return;
    const action = changes.disabled ? (after.disabled ? 'disabled' : 'enabled') : 'changed';
    await recordAccountChange(db, t, { county: opts.county, accountId: row.id, at: opts.now, action, actor: opts.actor ?? SYSTEM_ACTOR, detail: { changes } });
  });
  forgetAccountSessions(db, opts.county, row.id);
  return accountView(await findAccount(db, opts.county, row.id));
}

/** A new temporary password (the person forgot theirs); also lifts a lockout and ends their sessions. */
export async function resetPassword(db: Database, opts: { county: string; id: string; now: number; actor?: ChangeActor }): Promise<{ account: AccountView; temporaryPassword: string }> {
  const row = await findAccount(db, opts.county, opts.id);
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  await db.transaction(async (t) => {
    await db.models.Account.update(
      { passwordHash, passwordChangeRequired: true, failedAttempts: 0, lockedUntil: null, updatedAt: new Date(opts.now) },
      { where: { countyId: opts.county, id: row.id }, transaction: t },
    );
    await db.models.Token.update({ revoked: true }, { where: { countyId: opts.county, accountId: row.id, revoked: false }, transaction: t });
    await recordAccountChange(db, t, { county: opts.county, accountId: row.id, at: opts.now, action: 'password-reset', actor: opts.actor ?? SYSTEM_ACTOR, detail: {} });
  });
  forgetAccountSessions(db, opts.county, row.id);
  return { account: accountView(await findAccount(db, opts.county, row.id)), temporaryPassword: password };
}

/** The fields of an account its log shows. */
function loggedFields(a: AccountRow): LoggedAccountFields {
  return { name: a.name, phone: a.phone, username: a.username, role: a.role, unit: a.unit, disabled: a.disabled };
}
