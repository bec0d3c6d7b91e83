/** The runtime contract suites against PostgreSQL, when PINGTAI_TEST_PG names a database. */
import { describe, it } from 'vitest';
import { PG_URL } from './support/db-targets';
import { eventsContract } from './support/events-contract';
import { httpContract } from './support/http-contract';
import { lifecycleContract } from './support/lifecycle-contract';
import { loopContract } from './support/loop-contract';
import { timersContract } from './support/timers-contract';

if (PG_URL) {
  httpContract({ name: 'postgres', url: PG_URL });
  eventsContract({ name: 'postgres', url: PG_URL });
  timersContract({ name: 'postgres', url: PG_URL });
  lifecycleContract({ name: 'postgres', url: PG_URL });
  loopContract({ name: 'postgres', url: PG_URL });
} else {
  describe('runtime on PostgreSQL', () => {
    it.skip('set PINGTAI_TEST_PG=postgres://… to run the runtime suites against PostgreSQL', () => undefined);
  });
}
