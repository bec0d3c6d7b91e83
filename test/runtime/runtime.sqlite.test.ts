/** The runtime contract suites against SQLite (a file in a temp folder). */
import { eventsContract } from './support/events-contract';
import { httpContract } from './support/http-contract';
import { lifecycleContract } from './support/lifecycle-contract';
import { loopContract } from './support/loop-contract';
import { timersContract } from './support/timers-contract';

httpContract({ name: 'sqlite' });
eventsContract({ name: 'sqlite' });
timersContract({ name: 'sqlite' });
lifecycleContract({ name: 'sqlite' });
loopContract({ name: 'sqlite' });
