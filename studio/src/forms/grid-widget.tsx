/**
 * rjsf widget for `location.grid`: the county's grids grouped by township and village, in an antd
 * select a grid worker can search by name or code on a phone.
 */
import type { WidgetProps } from '@rjsf/utils';
import { Select } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../../../engine/index';
import { useLabel } from '../i18n/use-label';
import { gridGroups } from './grid-options';

export function GridWidget(props: WidgetProps) {
  const { t } = useTranslation();
  const label = useLabel();
  const units = ((props.registry.formContext as { units?: Unit[] } | undefined)?.units ?? []) as Unit[];
  const options = useMemo(
    () =>
      gridGroups(units).map((g) => ({
        label: [g.township, g.village].filter(Boolean).map((u) => label(u!.name)).join(' · '),
        title: g.village?.id ?? '-',
        options: g.grids.map((grid) => ({ value: grid.id, label: `${label(grid.name)} (${grid.id})` })),
      })),
    [units, label],
  );
  return (
    <Select
      id={props.id}
      className="grid-select"
      style={{ width: '100%' }}
      value={typeof props.value === 'string' && props.value ? props.value : undefined}
      placeholder={t('form.chooseGrid')}
      disabled={props.disabled || props.readonly}
      allowClear={!props.required}
      showSearch={{ optionFilterProp: 'label' }}
      options={options}
      onChange={(value: string | undefined) => props.onChange(value || undefined)}
    />
  );
}
