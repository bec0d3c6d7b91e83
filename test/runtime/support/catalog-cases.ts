/** Sample reports with known decisions, from the Zhejiang catalog's own test cases. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGS_DIR } from '../../../runtime/config-loader';

export interface CatalogCase {
  id: string;
  input: { category: string; at: string; source?: string; data: Record<string, unknown>; context?: { recentReports?: number } };
  expected: { level?: number; unit?: string; slaPolicy?: string; escalatedTo?: string | null };
}

export const CATALOG_CASES: CatalogCase[] = JSON.parse(readFileSync(join(CATALOGS_DIR, 'zhejiang-four-platforms', 'tests.json'), 'utf8'));

/** A catalog case by id; fails loudly when the catalog no longer has it. */
export function catalogCase(id: string): CatalogCase {
  const found = CATALOG_CASES.find((c) => c.id === id);
  if (!found) throw new Error(`catalog test case "${id}" not found`);
  return found;
}

/** Cases whose decision does not depend on earlier reports (the runtime counts those itself). */
export const CONTEXT_FREE_CASES = CATALOG_CASES.filter((c) => !c.input.context?.recentReports);
