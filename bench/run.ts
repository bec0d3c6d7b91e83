/** `npm run bench`: every benchmark, each printing its rates and its ratio to a baseline measured in the same run. */
import { benchAssessment } from './assessment';
import { benchAlerts } from './alerts';
import { benchBacktest } from './backtest';
import { benchAttachments } from './attachments';
import { benchDashboard } from './dashboard';
import { benchDecide } from './decide';
import { benchGeography } from './geography';
import { benchImport } from './import';
import { benchIntake } from './intake';
import { benchStudioBundle } from './studio-bundle';
import { benchWorklist } from './worklist';

const only = process.argv[2];
if (!only || only === 'decide') await benchDecide();
if (!only || only === 'studio') await benchStudioBundle();
if (!only || only === 'intake') await benchIntake();
if (!only || only === 'worklist') await benchWorklist();
if (!only || only === 'import') await benchImport();
if (!only || only === 'attachments') await benchAttachments();
if (!only || only === 'geography') await benchGeography();
if (!only || only === 'assessment') await benchAssessment();
if (!only || only === 'dashboard') await benchDashboard();
if (!only || only === 'alerts') await benchAlerts();
if (!only || only === 'backtest') await benchBacktest();
