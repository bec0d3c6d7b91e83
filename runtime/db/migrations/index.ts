/**
 * The ordered list of migrations. Listed explicitly (not globbed) so they run the same under tsx,
 * a bundler or compiled JS. Add a file `000N-what.ts` and append it here.
 */
import type { QueryInterface } from 'sequelize';
import * as m0001 from './0001-initial';
import * as m0002 from './0002-worklist-indexes';
import * as m0003 from './0003-open-worklist-indexes';
import * as m0004 from './0004-fewer-event-indexes';
import * as m0005 from './0005-rate-limit-hits';
import * as m0006 from './0006-open-queue-indexes';
import * as m0007 from './0007-county-activated-at';
import * as m0008 from './0008-counties-platform';
import * as m0009 from './0009-accounts';
import * as m0010 from './0010-attachments';
import * as m0011 from './0011-public-reports';
import * as m0012 from './0012-assessment';
import * as m0013 from './0013-alerts';
import * as m0014 from './0014-stats-indexes';
import * as m0015 from './0015-audit-chain';
import * as m0016 from './0016-approvals';
import * as m0017 from './0017-backtests';
import * as m0018 from './0018-pilots';
import * as m0019 from './0019-shadows';
import * as m0020 from './0020-backtest-recent-reports';

export interface MigrationModule {
  name: string;
  up(params: { context: QueryInterface }): Promise<void>;
  down(params: { context: QueryInterface }): Promise<void>;
}

export const MIGRATIONS: readonly MigrationModule[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009, m0010, m0011, m0012, m0013, m0014, m0015, m0016, m0017, m0018, m0019, m0020];
