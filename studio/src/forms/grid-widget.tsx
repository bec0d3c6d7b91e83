/** rjsf widget for `location.grid`: the county's grids grouped by township and village. */
import type { WidgetProps } from '@rjsf/utils';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../../../engine/index';
import { useLabel } from '../i18n/use-label';
import { gridGroups } from './grid-options';

export function GridWidget(props: WidgetProps) {
  const { t } = useTranslation();
  const label = useLabel();
  const units = ((props.registry.formContext as { units?: Unit[] } | undefined)?.units ?? []) as Unit[];
  const groups = gridGroups(units);
  return (
    <select
      id={props.id}
      name={props.id}
      className="form-control"
      value={typeof props.value === 'string' ? props.value : ''}
      required={props.required}
      disabled={props.disabled || props.readonly}
      onChange={(e) => props.onChange(e.target.value === '' ? undefined : e.target.value)}
    >
      <option value="">{t('form.chooseGrid')}</option>
      {groups.map((g) => (
        <optgroup key={g.village?.id ?? '-'} label={[g.township, g.village].filter(Boolean).map((u) => label(u!.name)).join(' · ')}>
          {g.grids.map((grid) => (
            <option key={grid.id} value={grid.id}>
              {label(grid.name)} ({grid.id})
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}
