/**
 * The project's folder, found from where this code runs: the sources, or the command line's
 * bundle in dist/ (bin/cli-bundle.mjs), which sit at different depths.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'catalogs'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no project folder (package.json beside catalogs/) above ${from}`);
  }
}

export const PROJECT_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));
