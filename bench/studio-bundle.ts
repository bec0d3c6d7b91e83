/**
 * bench/studio-bundle: the studio's JavaScript as the browser downloads it, gzipped. "Initial" is
 * what index.html loads before anything else (its module script and modulepreload links); the
 * rest loads on demand (monaco and its workers when an editor first opens). The initial budget
 * is 400 KB of gzipped JavaScript. Reads studio/dist, so build first (`npm run build:studio`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const INITIAL_JS_BUDGET = 400 * 1024;

export interface ChunkSize {
  file: string;
  bytes: number;
  gzip: number;
}

export interface StudioBundleReport {
  initial: ChunkSize[];
  lazy: ChunkSize[];
  initialGzip: number;
  lazyGzip: number;
  budget: number;
  withinBudget: boolean;
}

const DIST = fileURLToPath(new URL('../studio/dist', import.meta.url));

function sizeOf(file: string): ChunkSize {
  const content = readFileSync(join(DIST, file));
  return { file, bytes: content.length, gzip: gzipSync(content, { level: 9 }).length };
}

/** The JS files index.html loads up front: `<script type="module" src>` and `<link rel="modulepreload" href>`. */
export function initialScripts(html: string): string[] {
  const files = new Set<string>();
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+\.js)"[^>]*>/g)) files.add(m[1]);
  for (const m of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*>/g)) {
    const href = /\bhref="([^"]+)"/.exec(m[0]);
    if (href) files.add(href[1]);
  }
  return [...files].map((f) => f.replace(/^\//, ''));
}

const kb = (n: number) => `${(n / 1024).toFixed(1).padStart(8)} KB`;

export async function benchStudioBundle(): Promise<StudioBundleReport> {
  const indexHtml = join(DIST, 'index.html');
  if (!existsSync(indexHtml)) throw new Error('studio/dist/index.html is missing: run `npm run build:studio` first');
  const initialFiles = new Set(initialScripts(readFileSync(indexHtml, 'utf8')));
  const all = readdirSync(join(DIST, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => `assets/${f}`);
  const initial = all.filter((f) => initialFiles.has(f)).map(sizeOf);
  const lazy = all.filter((f) => !initialFiles.has(f)).map(sizeOf).sort((a, b) => b.gzip - a.gzip);
  const initialGzip = initial.reduce((s, c) => s + c.gzip, 0);
  const lazyGzip = lazy.reduce((s, c) => s + c.gzip, 0);
  const report = { initial, lazy, initialGzip, lazyGzip, budget: INITIAL_JS_BUDGET, withinBudget: initialGzip <= INITIAL_JS_BUDGET };

  console.log('studio bundle (gzip -9 of studio/dist/assets)');
  console.log('  initial (script + modulepreload in index.html):');
  for (const c of initial) console.log(`    ${c.file.padEnd(48)} ${kb(c.bytes)} raw ${kb(c.gzip)} gzip`);
  console.log('  lazy (dynamic imports, workers):');
  for (const c of lazy) console.log(`    ${c.file.padEnd(48)} ${kb(c.bytes)} raw ${kb(c.gzip)} gzip`);
  console.log(`  initial total ${kb(initialGzip)} gzip of ${kb(INITIAL_JS_BUDGET)} budget (${((initialGzip / INITIAL_JS_BUDGET) * 100).toFixed(0)}%) ${report.withinBudget ? 'OK' : 'OVER BUDGET'}`);
  console.log(`  lazy total    ${kb(lazyGzip)} gzip`);
  return report;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const report = await benchStudioBundle();
  if (!report.withinBudget) process.exitCode = 1;
}
