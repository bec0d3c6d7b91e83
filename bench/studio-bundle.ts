/**
 * bench/studio-bundle: the studio's JavaScript as the browser downloads it, gzipped. "Initial" is
 * what index.html loads before anything else (its module script and modulepreload links); the
 * rest loads on demand (monaco and its workers when an editor first opens). A page's figure is
 * the initial JS plus its own chunk and every chunk that chunk imports statically — what the
 * browser must fetch before the page can show. The budget, 400 KB of gzipped JavaScript, holds
 * for sign-in (the initial JS) and for the report page a grid worker opens on a phone. Reads
 * studio/dist, so build first (`npm run build:studio`).
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

export interface PageLoad {
  page: string;
  chunks: string[];
  gzip: number;
  withinBudget: boolean;
}

export interface StudioBundleReport {
  pages: PageLoad[];
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

/** `file` and every chunk it imports statically (`import … from "./x.js"`, not `import("./x.js")`), transitively. */
export function staticClosure(file: string, read: (file: string) => string): string[] {
  const seen = new Set<string>();
  const visit = (f: string) => {
    if (seen.has(f)) return;
    seen.add(f);
    const code = read(f);
    for (const m of code.matchAll(/(?:^|[;}\n])\s*(?:import|export)\s*(?:[\w${},*\s]+from\s*)?["']\.\/([^"']+\.js)["']/g)) visit(`assets/${m[1]}`);
  };
  visit(file);
  return [...seen];
}

// the pages whose first load the budget holds: sign-in is index.html's own JS; the report page adds its chunk
const BUDGETED_PAGES = [
  { page: 'sign-in', chunk: null },
  { page: 'report', chunk: /^assets\/report-page-[^/]+\.js$/ },
] as const;

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
  const sizes = new Map([...initial, ...lazy].map((c) => [c.file, c]));
  const read = (f: string) => readFileSync(join(DIST, f), 'utf8');
  const pages: PageLoad[] = BUDGETED_PAGES.map(({ page, chunk }) => {
    const own = chunk ? all.find((f) => chunk.test(f)) : undefined;
    if (chunk && !own) throw new Error(`no chunk for the ${page} page in studio/dist/assets`);
    const files = new Set([...initialFiles].flatMap((f) => staticClosure(f, read)));
    if (own) for (const f of staticClosure(own, read)) files.add(f);
    const gzip = [...files].reduce((sum, f) => sum + (sizes.get(f)?.gzip ?? 0), 0);
    return { page, chunks: [...files].sort(), gzip, withinBudget: gzip <= INITIAL_JS_BUDGET };
  });
  const report = { pages, initial, lazy, initialGzip, lazyGzip, budget: INITIAL_JS_BUDGET, withinBudget: pages.every((p) => p.withinBudget) };

  console.log('studio bundle (gzip -9 of studio/dist/assets)');
  console.log('  initial (script + modulepreload in index.html):');
  for (const c of initial) console.log(`    ${c.file.padEnd(48)} ${kb(c.bytes)} raw ${kb(c.gzip)} gzip`);
  console.log('  lazy (dynamic imports, workers):');
  for (const c of lazy) console.log(`    ${c.file.padEnd(48)} ${kb(c.bytes)} raw ${kb(c.gzip)} gzip`);
  console.log(`  initial total ${kb(initialGzip)} gzip of ${kb(INITIAL_JS_BUDGET)} budget (${((initialGzip / INITIAL_JS_BUDGET) * 100).toFixed(0)}%) ${report.withinBudget ? 'OK' : 'OVER BUDGET'}`);
  console.log(`  lazy total    ${kb(lazyGzip)} gzip`);
  console.log('  first load of each budgeted page (initial + the page chunk and its static imports):');
  for (const p of pages) console.log(`    ${p.page.padEnd(10)} ${kb(p.gzip)} gzip of ${kb(INITIAL_JS_BUDGET)} (${((p.gzip / INITIAL_JS_BUDGET) * 100).toFixed(0)}%) ${p.withinBudget ? 'OK' : 'OVER BUDGET'}  ${p.chunks.length} chunks`);
  return report;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const report = await benchStudioBundle();
  if (!report.withinBudget) process.exitCode = 1;
}
