/** `npm run bench`: every benchmark, each printing its rates and its ratio to a baseline measured in the same run. */
import { benchDecide } from './decide';
import { benchStudioBundle } from './studio-bundle';

const only = process.argv[2];
if (!only || only === 'decide') await benchDecide();
if (!only || only === 'studio') await benchStudioBundle();
