/** Hostile text at the edge (support/hostile-text-contract.ts) on SQLite, and on PostgreSQL when PINGTAI_TEST_PG names one. */
import { dbTargets } from './support/db-targets';
import { hostileTextContract } from './support/hostile-text-contract';

for (const target of dbTargets()) hostileTextContract(target);
