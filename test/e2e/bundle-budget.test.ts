/**
 * The studio's load budget, on the built studio: sign-in and the report page a grid worker opens
 * on a phone each fetch at most 400 KB of gzipped JavaScript before they can show (bench/
 * studio-bundle.ts prints every chunk). Sizes, not timings: the same build gives the same bytes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { benchStudioBundle, INITIAL_JS_BUDGET, staticClosure } from '../../bench/studio-bundle';
import { ensureStudioBuilt } from './support/studio-build';

beforeAll(() => ensureStudioBuilt(), 300_000);

describe('studio load budget', () => {
  it('sign-in and the report page stay within 400 KB gzip, without the engine or monaco', async () => {
    const report = await benchStudioBundle();
    const pages = Object.fromEntries(report.pages.map((p) => [p.page, p]));
    expect(pages['sign-in'].gzip).toBeLessThanOrEqual(INITIAL_JS_BUDGET);
    expect(pages.report.gzip).toBeLessThanOrEqual(INITIAL_JS_BUDGET);
    for (const page of report.pages) expect(page.chunks.filter((c) => /\/(engine|monaco-setup)-/.test(c))).toEqual([]);
    // the authoring workspace is lazy: it is in no budgeted page
    expect(report.pages.flatMap((p) => p.chunks).filter((c) => /workspace-page-/.test(c))).toEqual([]);
  });

  it('follows static imports only', () => {
    const files: Record<string, string> = {
      'assets/a.js': 'import{x as y}from"./b.js";const l=()=>import("./lazy.js");export{y}',
      'assets/b.js': 'import"./c.js";export const x=1',
      'assets/c.js': 'export{}',
      'assets/lazy.js': 'export{}',
    };
    expect(staticClosure('assets/a.js', (f) => files[f]).sort()).toEqual(['assets/a.js', 'assets/b.js', 'assets/c.js']);
  });
});
