/**
 * Builds the studio (vite build → studio/dist) when dist is missing or older than any source it
 * is built from, so the e2e suite always drives the current code and a warm run skips the build.
 * Suites running at once take turns (a lock folder), and a build lands whole: it is written to a
 * folder of its own and renamed into place.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const STUDIO_DIST = join(ROOT, 'studio', 'dist');
const SOURCES = ['studio/src', 'studio/index.html', 'engine', 'vite.config.ts', 'package-lock.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function isFresh(): boolean {
  const index = join(STUDIO_DIST, 'index.html');
  const builtAt = existsSync(index) ? statSync(index).mtimeMs : 0;
  const sourcesAt = Math.max(...SOURCES.map((s) => newestMtime(join(ROOT, s))));
  return builtAt > sourcesAt;
}

const LOCK = join(ROOT, 'studio', '.build-lock');

function withBuildLock(work: () => void): void {
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // a lock older than the deadline is one a killed build left behind
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 5 * 60_000) rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`studio build lock ${LOCK} held for more than 5 minutes`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

export function ensureStudioBuilt(): void {
  if (isFresh()) return;
  withBuildLock(() => {
    if (isFresh()) return;
    const staging = `${STUDIO_DIST}.build-${process.pid}`;
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn', '--outDir', staging], {
      cwd: ROOT,
      stdio: 'inherit',
      // vitest sets NODE_ENV=test, which would bundle React's development build
      env: { ...process.env, NODE_ENV: 'production' },
    });
    rmSync(STUDIO_DIST, { recursive: true, force: true });
    renameSync(staging, STUDIO_DIST);
  });
}
