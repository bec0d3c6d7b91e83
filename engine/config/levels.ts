/**
 * A county's event levels: its `levels` section (1 to 9 levels, numbered 1…n, each with a zh/en
 * name), or the baseline four of the Zhejiang model when the section is absent. Every level a
 * category, a grade rule, an SLA policy or a test names must be one of them.
 */
import type { CountyConfig, LevelDefinition } from '../schema/config-schema';
import type { Issue } from '../types';
import { problem } from './messages';

/** The baseline four (keep in sync with studio/src/config/level-names.ts DEFAULT_LEVELS). */
export const DEFAULT_LEVELS: readonly LevelDefinition[] = Object.freeze([
  { level: 1, name: { zh: '一般', en: 'General' } },
  { level: 2, name: { zh: '较大', en: 'Serious' } },
  { level: 3, name: { zh: '重大', en: 'Major' } },
  { level: 4, name: { zh: '特别重大', en: 'Extraordinary' } },
]);

/** The levels a config declares, in order, or the baseline four. */
export function levelsOf(config: Pick<CountyConfig, 'levels'>): readonly LevelDefinition[] {
  return config.levels && config.levels.length > 0 ? config.levels : DEFAULT_LEVELS;
}

/** `1 一般, 2 较大, …` in both languages: the list a message about an undeclared level shows. */
export function levelList(levels: readonly LevelDefinition[]): { zh: string; en: string } {
  return { zh: levels.map((l) => `${l.level} ${l.name.zh}`).join('、'), en: levels.map((l) => `${l.level} ${l.name.en}`).join(', ') };
}

/** The `levels` section numbers its levels 1…n in order, without gaps. */
export function checkLevels(config: CountyConfig, issues: Issue[]): void {
  const declared = config.levels ?? [];
  declared.forEach((entry, i) => {
    if (entry.level !== i + 1) issues.push(problem('level-numbering', `/levels/${i}/level`, { count: declared.length, expected: i + 1, level: entry.level }));
  });
}

/** Reports `level` at `pointer` when the config does not declare it. */
export function checkLevelDeclared(levels: readonly LevelDefinition[], level: number, pointer: string, issues: Issue[]): void {
  if (levels.some((l) => l.level === level)) return;
  issues.push(problem('undeclared-level', pointer, { level, levels: levelList(levels) }));
}
