/**
 * Bundling: a config authored as a folder (one file per section; `forms/` and `rules/` may be
 * folders of files) becomes one document. Pure: the caller reads the files and passes their
 * parsed contents; this module decides where each goes and remembers which file each part came
 * from, so compile problems can name the source file.
 */
import type { Issue } from '../types';
import { mergeOverlay } from './overlay';
import { problem } from './messages';

export interface SourceFile {
  /** Path relative to the config folder, with `/` separators, e.g. `rules/routing.json`. */
  path: string;
  content: unknown;
}

/** JSON Pointer prefix → source file. The longest matching prefix names a problem's file. */
export type SourceMap = Record<string, string>;

export interface BundledConfig {
  config: Record<string, unknown>;
  sources: SourceMap;
  /** The `extends` reference of the manifest, if any (resolved by the caller). */
  extends?: string;
}

const SECTION_FILES = ['levels', 'calendars', 'units', 'categories', 'sla', 'workflow', 'assessment', 'tests', 'geography', 'alerts'] as const;
const ARRAY_FOLDERS = ['forms', 'rules'] as const;

/**
 * Turns the files of a config folder into one document. `config.json` is the manifest (id, name,
 * county, extends, ...); every other top-level `<section>.json` becomes that section; files in
 * `forms/` are one form each (or arrays of forms); files in `rules/` are arrays of rules,
 * concatenated in file-name order.
 */
export function bundleFiles(files: SourceFile[]): { ok: true; value: BundledConfig } | { ok: false; issues: Issue[] } {
  const issues: Issue[] = [];
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const manifest = sorted.find((f) => f.path === 'config.json');
  if (!manifest || typeof manifest.content !== 'object' || manifest.content === null || Array.isArray(manifest.content)) {
    return { ok: false, issues: [{ ...problem('missing-manifest', ''), file: 'config.json' }] };
  }
  const config: Record<string, unknown> = { ...(manifest.content as Record<string, unknown>) };
  const sources: SourceMap = { '': 'config.json' };
  const ext = typeof config.extends === 'string' ? config.extends : undefined;
  delete config.extends;
  for (const section of SECTION_FILES) {
    const file = sorted.find((f) => f.path === `${section}.json`);
    if (!file) continue;
    if (section in config) issues.push({ ...problem('duplicate-section', `/${section}`, { section, file: file.path }), file: file.path });
    config[section] = file.content;
    sources[`/${section}`] = file.path;
  }
  for (const folder of ARRAY_FOLDERS) {
    const inFolder = sorted.filter((f) => f.path.startsWith(`${folder}/`) && f.path.endsWith('.json'));
    if (inFolder.length === 0) continue;
    const items: unknown[] = [];
    for (const file of inFolder) {
      const list = Array.isArray(file.content) ? file.content : [file.content];
      list.forEach((_, i) => (sources[`/${folder}/${items.length + i}`] = file.path));
      items.push(...list);
    }
    config[folder] = items;
  }
  for (const file of sorted) {
    const known = file.path === 'config.json' || SECTION_FILES.some((s) => file.path === `${s}.json`) || ARRAY_FOLDERS.some((f) => file.path.startsWith(`${f}/`));
    if (!known && file.path.endsWith('.json')) issues.push({ ...problem('unknown-file', '', { file: file.path, expected: `config.json, ${SECTION_FILES.join('.json, ')}.json, forms/, rules/` }), file: file.path });
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: { config, sources, extends: ext } };
}

/**
 * Applies an overlay's bundle on top of its base. Overlay rules and forms are keyed by id, so
 * new ones are appended after the base's and same-id ones replace fields of the base's.
 */
export function applyOverlay(base: BundledConfig, overlay: BundledConfig, overlayName: string): BundledConfig {
  const config = mergeOverlay(base.config, overlay.config) as Record<string, unknown>;
  const sources: SourceMap = { ...base.sources };
  for (const [pointer, file] of Object.entries(overlay.sources)) {
    if (pointer === '') continue;
    const section = pointer.split('/')[1];
    if (section === 'rules' || section === 'forms' || section === 'tests') {
      // overlay items of keyed lists: find where each landed by id
      const index = Number(pointer.split('/')[2]);
      const list = (overlay.config[section] as Array<Record<string, unknown>> | undefined) ?? [];
      const item = list[index];
      const merged = (config[section] as Array<Record<string, unknown>> | undefined) ?? [];
      const at = item ? merged.findIndex((m) => m.id === item.id) : -1;
      if (at >= 0) sources[`/${section}/${at}`] = overlayName ? `${overlayName}/${file}` : file;
    } else if (section && !(pointer in base.sources)) {
      sources[pointer] = overlayName ? `${overlayName}/${file}` : file;
    }
  }
  return { config, sources, extends: base.extends };
}

/** Names the source file of a JSON Pointer: the longest known prefix wins. */
export function sourceOf(sources: SourceMap | undefined, pointer: string): string | undefined {
  if (!sources) return undefined;
  let best: string | undefined;
  let bestLength = -1;
  for (const [prefix, file] of Object.entries(sources)) {
    if ((pointer === prefix || pointer.startsWith(prefix + '/') || prefix === '') && prefix.length > bestLength) {
      best = file;
      bestLength = prefix.length;
    }
  }
  return best;
}
