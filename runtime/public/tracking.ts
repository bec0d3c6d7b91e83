/**
 * Tracking codes and confirmation secrets of citizens' reports. A code (`QS7K-3M9P`: 8 characters
 * of an alphabet without 0/O, 1/I/L, so it can be read out on the phone) finds the report's public
 * status; the secret (256 bits, base64url) in the confirmation link lets its holder confirm the
 * closure and rate it, and is stored only as a SHA-256 hash.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { QueryTypes, type Transaction } from 'sequelize';
import type { Database } from '../db/open-database';

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_PATTERN = /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/;
export const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newTrackingCode(): string {
  const chars = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

export const newSecret = (): string => randomBytes(32).toString('base64url');
export const hashSecret = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');

export interface PublicReport {
  countyId: string;
  code: string;
  eventId: string;
}

/** Records a report's code and secret; retries another code on the (rare) clash. */
export async function recordPublicReport(db: Database, opts: { countyId: string; eventId: string; now: number; transaction?: Transaction }): Promise<{ code: string; secret: string }> {
  const secret = newSecret();
  for (let attempt = 0; ; attempt++) {
    const code = newTrackingCode();
    const taken = await db.sequelize.query('SELECT 1 AS x FROM public_reports WHERE county_id = :county AND code = :code', { replacements: { county: opts.countyId, code }, type: QueryTypes.SELECT, transaction: opts.transaction });
    if (taken.length > 0 && attempt < 5) continue;
    await db.sequelize.query('INSERT INTO public_reports (county_id, code, event_id, secret_hash, created_at) VALUES (:county, :code, :event, :hash, :now)', {
      replacements: { county: opts.countyId, code, event: opts.eventId, hash: hashSecret(secret), now: opts.now },
      transaction: opts.transaction,
    });
    return { code, secret };
  }
}

export async function publicReportByCode(db: Database, countyId: string, code: string): Promise<PublicReport | null> {
  const rows = await db.sequelize.query<{ event_id: string }>('SELECT event_id FROM public_reports WHERE county_id = :county AND code = :code', { replacements: { county: countyId, code }, type: QueryTypes.SELECT });
  return rows[0] ? { countyId, code, eventId: rows[0].event_id } : null;
}

export async function publicReportBySecret(db: Database, countyId: string, secret: string): Promise<PublicReport | null> {
  const rows = await db.sequelize.query<{ code: string; event_id: string }>('SELECT code, event_id FROM public_reports WHERE county_id = :county AND secret_hash = :hash', {
    replacements: { county: countyId, hash: hashSecret(secret) },
    type: QueryTypes.SELECT,
  });
  return rows[0] ? { countyId, code: rows[0].code, eventId: rows[0].event_id } : null;
}
