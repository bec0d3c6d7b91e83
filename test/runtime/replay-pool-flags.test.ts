/**
 * The flags a backtest worker starts with: the process's own, less a TypeScript loader the
 * process was started with (the worker's entry loads the bundle or registers tsx itself).
 */
import { describe, expect, it } from 'vitest';
import { workerExecArgv } from '../../runtime/backtest/replay-pool';

describe('backtest worker flags', () => {
  it('leave out a tsx loader in each of its spellings and keep every other flag', () => {
    expect(workerExecArgv(['--import', 'tsx', '--max-old-space-size=2048'])).toEqual(['--max-old-space-size=2048']);
    expect(workerExecArgv(['--import=tsx', '--cpu-prof', '--cpu-prof-dir', 'prof'])).toEqual(['--cpu-prof', '--cpu-prof-dir', 'prof']);
    expect(workerExecArgv(['--loader', 'tsx/esm', '--require', 'tsx/cjs', '-r', 'tsx'])).toEqual([]);
    expect(workerExecArgv(['--import', './other-hook.mjs', '--enable-source-maps'])).toEqual(['--import', './other-hook.mjs', '--enable-source-maps']);
    expect(workerExecArgv(['--import', 'tsx-like-package'])).toEqual(['--import', 'tsx-like-package']);
    expect(workerExecArgv([])).toEqual([]);
  });
});
