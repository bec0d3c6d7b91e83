// The entry of a backtest worker thread started from the sources: the bundled worker when the
// bundle is up to date with them (bin/cli-bundle.mjs), else
// the TypeScript worker through tsx (a worker does not inherit the loader its parent registered).
import { pathToFileURL } from 'node:url';
import { freshBundle } from '../../bin/cli-bundle.mjs';

const bundle = freshBundle();
if (bundle) {
  await import(new URL('replay-worker.mjs', pathToFileURL(bundle)).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./replay-worker.ts');
}
