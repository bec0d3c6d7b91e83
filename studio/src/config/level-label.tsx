/**
 * A level as the studio shows it: its number and its name in the page's language ("2 较大",
 * "2 Serious"), from the levels the config declares (level-names.ts). A badge for lists and
 * decisions, and the options of a level select.
 */
import { levelChoices, type LevelChoice } from './level-names';
import { useLabel, type LabelFn } from '../i18n/use-label';

/** "2 较大": the level's number and name; the number alone for a level the config does not declare. */
export function levelText(choices: readonly LevelChoice[], level: number, label: LabelFn): string {
  const found = choices.find((c) => c.level === level);
  return found ? `${level} ${label(found.name)}` : String(level);
}

/** A level badge (`badge level-N`), named by the config's levels. */
export function LevelBadge({ config, level }: { config: { levels?: unknown } | null | undefined; level: number }) {
  const label = useLabel();
  return <span className={`badge level-${level}`} data-level={level}>{levelText(levelChoices(config), level, label)}</span>;
}

/** The `<option>`s of a level select: every declared level, by name. */
export function LevelOptions({ config }: { config: { levels?: unknown } | null | undefined }) {
  const label = useLabel();
  const choices = levelChoices(config);
  return (
    <>
      {choices.map((c) => (
        <option key={c.level} value={c.level}>
          {levelText(choices, c.level, label)}
        </option>
      ))}
    </>
  );
}
