/** An amount of time: a number, its unit (minutes, hours, days) and, when asked, its clock (working or calendar time). */
import { InputNumber, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { displayToHours, hoursToDisplay, type ClockKind, type TimeUnit } from './sla-policy-model';

export interface LimitInputProps {
  hours: number;
  clock: ClockKind;
  onChange: (hours: number, clock: ClockKind) => void;
  /** Show the clock select (off when the clock is chosen elsewhere). */
  withClock?: boolean;
  name: string;
}

export function LimitInput({ hours, clock, onChange, withClock = true, name }: LimitInputProps) {
  const { t } = useTranslation();
  const shown = hoursToDisplay(hours, clock);
  // the unit a person picked stays picked while they type, even if the amount would read better in another
  const [unit, setUnit] = useState<TimeUnit>(shown.unit);
  const value = unit === shown.unit ? shown.value : Math.round((hours / displayToHours(1, unit)) * 1000) / 1000;
  const units: TimeUnit[] = clock === 'calendar' ? ['min', 'h', 'd'] : ['min', 'h'];
  return (
    <Space.Compact className="te-limit" data-field={name}>
      <InputNumber
        min={0.01}
        max={unit === 'min' ? 525_600 : unit === 'd' ? 365 : 8760}
        value={value}
        aria-label={name}
        name={name}
        style={{ width: 96 }}
        onChange={(v) => typeof v === 'number' && v > 0 && onChange(displayToHours(v, unit), clock)}
      />
      <Select<TimeUnit> value={unit} style={{ width: 84 }} options={units.map((u) => ({ value: u, label: t(`timeEditors.unit.${u}`) }))} onChange={(u) => (setUnit(u), onChange(displayToHours(value, u), clock))} data-field={`${name}-unit`} />
      {withClock && (
        <Select<ClockKind>
          value={clock}
          style={{ width: 136 }}
          options={(['working', 'calendar'] as const).map((c) => ({ value: c, label: t(`timeEditors.clock.${c}`) }))}
          onChange={(c) => {
            if (c === 'working' && unit === 'd') setUnit('h');
            onChange(hours, c);
          }}
          data-field={`${name}-clock`}
        />
      )}
    </Space.Compact>
  );
}
