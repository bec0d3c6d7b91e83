/**
 * API tokens for machines, as a county administrator sees them in the studio: issued with a
 * label, a role and a unit (the clear token shown once), listed with their last use, revoked.
 * Sessions of people are tokens too, but not listed here.
 */
import type { Database } from '../db/open-database';
import { NotFoundError, UnprocessableError, BadRequestError } from '../http/errors';
import { createToken, revokeToken, TokenError } from './tokens';

export interface ApiTokenView {
  id: string;
  label: string | null;
  role: string;
  unit: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revoked: boolean;
}

export async function listApiTokens(db: Database, county: string): Promise<ApiTokenView[]> {
  const rows = await db.models.Token.findAll({ where: { countyId: county, accountId: null }, order: [['createdAt', 'DESC'], ['id', 'DESC']] });
  return rows.map((r) => ({
    id: r.id, label: r.label, role: r.role, unit: r.unit, createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt ? r.lastUsedAt.toISOString() : null, revoked: Boolean(r.revoked),
  }));
}

/** Issues a token; `token` is its only appearance in clear. */
export async function issueApiToken(db: Database, county: string, body: Record<string, unknown>, now: number): Promise<{ token: string; id: string }> {
  const unknown = Object.keys(body).find((k) => !['label', 'role', 'unit'].includes(k));
  if (unknown !== undefined) throw new BadRequestError('bad-body', `"${unknown}" is not a field of a token (label, role, unit)`, { field: unknown });
  if (typeof body.label !== 'string' || body.label.trim() === '' || body.label.length > 200) throw new UnprocessableError('bad-token', '"label" must be 1–200 characters: who or what holds the token', { field: 'label' });
  if (typeof body.role !== 'string') throw new UnprocessableError('bad-token', '"role" is required', { field: 'role' });
  if (body.unit !== undefined && body.unit !== null && typeof body.unit !== 'string') throw new UnprocessableError('bad-token', '"unit" must be a unit id', { field: 'unit' });
  try {
    return await createToken(db, { county, role: body.role, unit: typeof body.unit === 'string' && body.unit !== '' ? body.unit : undefined, label: body.label.trim(), now });
  } catch (err) {
    if (err instanceof TokenError) throw new UnprocessableError(err.code, err.message, { field: err.code === 'unknown-role' ? 'role' : 'unit' });
    throw err;
  }
}

export async function revokeApiToken(db: Database, county: string, id: string): Promise<void> {
  const row = /^[0-9a-f-]{36}$/i.test(id) ? await db.models.Token.findOne({ where: { countyId: county, id, accountId: null }, attributes: ['id'] }) : null;
  if (!row) throw new NotFoundError(`token "${id}" not found`);
  await revokeToken(db, { county, id });
}
