import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freshBundle } from '../../bin/cli-bundle.mjs';

const MANIFEST = path.resolve(import.meta.dirname, '../../dist/cli-bundle.json');
const dir = mkdtempSync(path.join(tmpdir(), 'pingtai-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of the manifest, changed by `edit`. */
function manifestWith(edit: (m: { folder: string; inputs: Record<string, string> }) => void): string {
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'));
  edit(manifest);
  const file = path.join(dir, `manifest-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(manifest));
  return file;
}

describe("the command line's bundle", () => {
  it('is built before the tests, from the sources as they are, the worker beside the command line', () => {
    const cli = freshBundle();
    expect(cli).toMatch(/dist\/cli-[^/]+\/cli\.mjs$/);
    expect(existsSync(path.join(path.dirname(cli!), 'replay-worker.mjs'))).toBe(true);
    const { inputs } = JSON.parse(readFileSync(MANIFEST, 'utf8'));
    expect(Object.keys(inputs)).toEqual(expect.arrayContaining(['runtime/cli/main.ts', 'runtime/backtest/replay-worker.ts', 'engine/index.ts']));
  });

  it('is not used once a source differs from what it was built from, is gone, or the manifest is missing', () => {
    expect(freshBundle(manifestWith((m) => (m.inputs['engine/index.ts'] = '1:1')))).toBeNull();
    expect(freshBundle(manifestWith((m) => (m.inputs['runtime/no-such-file.ts'] = '1:1')))).toBeNull();
    expect(freshBundle(manifestWith((m) => (m.folder = 'cli-gone')))).toBeNull();
    expect(freshBundle(path.join(dir, 'missing.json'))).toBeNull();
    expect(freshBundle(manifestWith(() => undefined))).toBe(freshBundle());
  });
});
