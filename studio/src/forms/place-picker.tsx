/** The place of an event as a picker over the county's grids, grouped by township and village. */
import { useTranslation } from 'react-i18next';
import type { Unit } from '../../../engine/index';
import { useLabel } from '../i18n/use-label';
import { gridGroups } from './grid-options';

export function PlacePicker({ units, value, onChange }: { units: readonly Unit[]; value: string | undefined; onChange: (grid: string) => void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const groups = gridGroups(units);
  if (!groups.length) return <p className="muted">{t('form.noGrids')}</p>;
  return (
    <div className="place-picker" role="radiogroup" aria-label={t('bench.place')}>
      {groups.map((g) => (
        <fieldset key={g.village?.id ?? '-'}>
          <legend>{[g.township, g.village].filter(Boolean).map((u) => label(u!.name)).join(' · ')}</legend>
          {g.grids.map((grid) => (
            <button key={grid.id} type="button" role="radio" aria-checked={grid.id === value} className={grid.id === value ? 'on' : ''} onClick={() => onChange(grid.id)} data-grid={grid.id}>
              {label(grid.name)}
            </button>
          ))}
        </fieldset>
      ))}
    </div>
  );
}
