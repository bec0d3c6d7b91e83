// The command line and the backtest's worker threads, bundled: JavaScript in a folder of dist/
// with the packages left as imports, split so that a command loads only what it uses (the
// server, its routes and their packages load only to serve). A command then starts without
// compiling its TypeScript module by module through tsx (`migrate`: 1.2 s of CPU instead of 2.4). dist/cli-bundle.json names the folder and lists the sources it was built from,
// with their sizes and times; the bundle is used only while every one of them is unchanged (else
// the sources run through tsx). Built at install, before the tests and by `npm run build:cli`.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = path.join(ROOT, 'dist');
const MANIFEST = path.join(DIST, 'cli-bundle.json');
const ENTRIES = { cli: 'runtime/cli/main.ts', 'replay-worker': 'runtime/backtest/replay-worker.ts' };
/** An older build's folder is removed once this old: a command started from it has long loaded what it needs. */
const KEEP_OLD_MS = 10 * 60_000;

const stamp = (file) => {
  const s = statSync(file);
  return `${s.size}:${s.mtimeMs}`;
};

/** The bundled command line when it exists and every source it was built from is as it was then, else null. */
export function freshBundle(manifestFile = MANIFEST) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    for (const [file, was] of Object.entries(manifest.inputs)) if (stamp(path.join(ROOT, file)) !== was) return null;
  } catch {
    return null; // no manifest, or a source gone
  }
  const cli = path.join(DIST, manifest.folder, 'cli.mjs');
  return existsSync(cli) ? cli : null;
}

/**
 * Builds both bundles into a new folder, then points the manifest at it: a command started
 * meanwhile runs the old build whole, or the sources. Older builds' folders go once unused.
 */
export async function buildBundle() {
  const { build } = await import('esbuild');
  const folder = `cli-${Date.now().toString(36)}-${process.pid}`;
  const out = path.join(DIST, folder);
  mkdirSync(out, { recursive: true });
  try {
    const result = await build({
      absWorkingDir: ROOT,
      entryPoints: ENTRIES,
      outdir: out,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      splitting: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      keepNames: true,
      sourcemap: 'linked',
      metafile: true,
      logLevel: 'error',
    });
    const inputs = {};
    for (const file of Object.keys(result.metafile.inputs)) if (!file.includes('node_modules')) inputs[file] = stamp(path.join(ROOT, file));
    const temp = `${MANIFEST}.tmp-${process.pid}`;
    writeFileSync(temp, JSON.stringify({ folder, inputs }, null, 1));
    renameSync(temp, MANIFEST);
    for (const old of readdirSync(DIST)) {
      const at = path.join(DIST, old);
      if (old.startsWith('cli-') && old !== folder && statSync(at).isDirectory() && Date.now() - statSync(at).mtimeMs > KEEP_OLD_MS) rmSync(at, { recursive: true, force: true });
    }
    return Object.keys(inputs).length;
  } catch (err) {
    rmSync(out, { recursive: true, force: true });
    throw err;
  }
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const sources = await buildBundle();
  console.log(`the command line bundled into dist/ from ${sources} sources`);
}
