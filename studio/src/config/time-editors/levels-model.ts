/**
 * The `levels` section as the levels editor edits it: 1 to 9 levels numbered from 1, each with
 * a zh/en name. Levels are added and removed at the end, so the numbers stay 1…n and rules and
 * time limits that name a level keep meaning the same one.
 */
import type { I18nText } from '../../../../engine/index';
import { DEFAULT_LEVELS, type LevelChoice } from '../level-names';
import { isObject, replaceAt, withKey } from './object-edits';

export const MIN_LEVELS = 1;
export const MAX_LEVELS = 9;

export interface LevelEntry {
  level: number;
  name: I18nText;
}

/** The declared levels, or the default four when the section is absent (`declared` false then). */
export function readLevels(value: unknown): { levels: LevelEntry[]; declared: boolean } | null {
  if (value === undefined || value === null) return { levels: DEFAULT_LEVELS.map((l: LevelChoice) => ({ level: l.level, name: { ...l.name } })), declared: false };
  if (!Array.isArray(value) || !value.every((l) => isObject(l) && Number.isInteger(l.level) && isObject(l.name))) return null;
  return { levels: value as LevelEntry[], declared: true };
}

/** A level after the last, named "N 级" / "Level N"; nothing past nine. */
export function addLevel(levels: readonly LevelEntry[], name?: I18nText): LevelEntry[] {
  if (levels.length >= MAX_LEVELS) return [...levels];
  const level = levels.length + 1;
  return [...levels, { level, name: name ?? { zh: `${level} 级`, en: `Level ${level}` } }];
}

/** Without the last level; a config keeps at least one. */
export function removeLevel(levels: readonly LevelEntry[]): LevelEntry[] {
  return levels.length <= MIN_LEVELS ? [...levels] : levels.slice(0, -1);
}

export function renameLevel(levels: readonly LevelEntry[], level: number, language: 'zh' | 'en', text: string): LevelEntry[] {
  const index = levels.findIndex((l) => l.level === level);
  return index < 0 ? [...levels] : replaceAt(levels, index, (l) => withKey(l, 'name', withKey(l.name, language, text)));
}

/** Where the config still names a level past `count` (SLA policies' levels, grade rules, categories' default level): what removing it would break. */
export function usesOfLevelsAbove(config: { sla?: unknown; rules?: unknown; categories?: unknown }, count: number): string[] {
  const uses: string[] = [];
  const policies = isObject(config.sla) && Array.isArray(config.sla.policies) ? config.sla.policies : [];
  for (const p of policies) if (isObject(p) && Array.isArray(p.levels) && p.levels.some((l) => typeof l === 'number' && l > count)) uses.push(`sla:${String(p.id)}`);
  for (const r of Array.isArray(config.rules) ? config.rules : []) {
    if (isObject(r) && isObject(r.event) && r.event.type === 'grade' && isObject(r.event.params) && Number(r.event.params.level) > count) uses.push(`rule:${String(r.id)}`);
  }
  for (const major of Array.isArray(config.categories) ? config.categories : []) {
    for (const minor of isObject(major) && Array.isArray(major.children) ? major.children : []) if (isObject(minor) && Number(minor.level) > count) uses.push(`category:${String(minor.code)}`);
  }
  return uses;
}
