// The entry of a backtest worker thread: loads the TypeScript worker through tsx (a worker does
// not inherit the loader its parent registered through the API).
import { register } from 'tsx/esm/api';

register();
await import('./replay-worker.ts');
