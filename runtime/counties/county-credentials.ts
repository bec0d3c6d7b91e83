/**
 * The first credentials of a new county, each shown once: a county administrator's token and the
 * county's Open311 api key. The one place that decides what a county starts with — named
 * accounts add their first administrator here.
 */
import { createToken } from '../auth/tokens';
import type { Database } from '../db/open-database';
import { ensureOpen311Key, rotateOpen311Key } from '../open311/api-key';

export interface CountyCredentials {
  /** The first county administrator's bearer token (clear text, shown once). */
  adminToken: string;
  /** The county's Open311 api key (clear text, shown once). */
  open311Key: string;
}

export async function issueCountyCredentials(db: Database, opts: { county: string; now: number; label?: string }): Promise<CountyCredentials> {
  const { token } = await createToken(db, { county: opts.county, role: 'county_admin', label: opts.label ?? 'first county administrator', now: opts.now });
  const open311Key = (await ensureOpen311Key(db, opts.county)) ?? (await rotateOpen311Key(db, opts.county));
  return { adminToken: token, open311Key };
}
