/**
 * The levels a config declares (its `levels` section: each level's number and zh/en name), for
 * every select, cell and badge that shows a level. A config without the section has the four of
 * the baseline model.
 */
import type { I18nText } from '../../../engine/index';

export interface LevelChoice {
  level: number;
  name: I18nText;
}

export const DEFAULT_LEVELS: readonly LevelChoice[] = [
  { level: 1, name: { zh: '一般', en: 'General' } },
  { level: 2, name: { zh: '较大', en: 'Serious' } },
  { level: 3, name: { zh: '重大', en: 'Major' } },
  { level: 4, name: { zh: '特别重大', en: 'Extraordinary' } },
];

/** The declared levels in order, or the default four. Reads a config or a draft's parsed sections. */
export function levelChoices(config: { levels?: unknown } | null | undefined): LevelChoice[] {
  const declared = config?.levels;
  if (!Array.isArray(declared) || declared.length === 0) return [...DEFAULT_LEVELS];
  return declared
    .filter((l): l is LevelChoice => typeof l === 'object' && l !== null && Number.isInteger((l as LevelChoice).level))
    .map((l) => ({ level: l.level, name: l.name ?? { zh: `${l.level} 级`, en: `Level ${l.level}` } }))
    .sort((a, b) => a.level - b.level);
}
