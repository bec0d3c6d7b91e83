/**
 * Loads a county config from disk: a folder (one file per section, bundled) or one bundled JSON
 * file, resolving `extends` against the catalogs folder or a path. Problems name the file and the
 * JSON Pointer; a file that is not valid JSON names the file and the position.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { applyOverlay, bundleFiles, type BundledConfig, type Issue, type Result, type SourceFile } from '../engine/index';
import { PROJECT_ROOT } from './project-root';

export const CATALOGS_DIR = path.join(PROJECT_ROOT, 'catalogs');
const MAX_EXTENDS_DEPTH = 5;

async function listJsonFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const out: string[] = [];
  for (const entry of entries) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listJsonFiles(path.join(dir, entry.name), rel)));
    else if (entry.name.endsWith('.json')) out.push(rel);
  }
  return out.sort();
}

async function parseJsonFile(file: string, label: string): Promise<{ ok: true; value: unknown } | { ok: false; issue: Issue }> {
  const text = await readFile(file, 'utf8');
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, issue: { code: 'invalid-json', pointer: '', message: `not valid JSON: ${(error as Error).message}`, file: label } };
  }
}

/** Where an `extends` reference points: a catalog id, or a path relative to the extending config. */
export function resolveExtends(reference: string, from: string): string {
  if (/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(reference)) return path.join(CATALOGS_DIR, reference);
  return path.resolve(from, reference);
}

export async function loadConfigPath(target: string, depth = 0): Promise<Result<BundledConfig>> {
  let info;
  try {
    info = await stat(target);
  } catch {
    return { ok: false, issues: [{ code: 'not-found', pointer: '', message: `no such file or folder: ${target}`, file: target }] };
  }
  let bundled: BundledConfig;
  const label = path.relative(process.cwd(), target) || '.';
  if (info.isDirectory()) {
    const files: SourceFile[] = [];
    const issues: Issue[] = [];
    for (const rel of await listJsonFiles(target)) {
      const parsed = await parseJsonFile(path.join(target, rel), `${label}/${rel}`);
      if (parsed.ok) files.push({ path: rel, content: parsed.value });
      else issues.push(parsed.issue);
    }
    if (issues.length > 0) return { ok: false, issues };
    const result = bundleFiles(files);
    if (!result.ok) return { ok: false, issues: result.issues.map((i) => ({ ...i, file: `${label}/${i.file ?? ''}` })) };
    bundled = { ...result.value, sources: Object.fromEntries(Object.entries(result.value.sources).map(([p, f]) => [p, `${label}/${f}`])) };
  } else {
    const parsed = await parseJsonFile(target, label);
    if (!parsed.ok) return { ok: false, issues: [parsed.issue] };
    if (parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
      return { ok: false, issues: [{ code: 'schema', pointer: '', message: 'a config must be a JSON object', file: label }] };
    }
    const config = { ...(parsed.value as Record<string, unknown>) };
    const ext = typeof config.extends === 'string' ? config.extends : undefined;
    delete config.extends;
    bundled = { config, sources: { '': label }, extends: ext };
  }
  if (!bundled.extends) return { ok: true, value: bundled };
  if (depth >= MAX_EXTENDS_DEPTH) return { ok: false, issues: [{ code: 'extends-too-deep', pointer: '/extends', message: `configs may extend at most ${MAX_EXTENDS_DEPTH} levels deep (is there a cycle?)`, file: label }] };
  const basePath = resolveExtends(bundled.extends, info.isDirectory() ? target : path.dirname(target));
  const base = await loadConfigPath(basePath, depth + 1);
  if (!base.ok) return { ok: false, issues: [{ code: 'bad-extends', pointer: '/extends', message: `cannot load "${bundled.extends}" (${basePath})`, file: label }, ...base.issues] };
  return { ok: true, value: { ...applyOverlay(base.value, bundled, ''), extends: undefined } };
}
