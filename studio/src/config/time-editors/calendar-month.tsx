/** A month of the calendar: holidays red (休), adjusted working days blue (班), days off grey; a click cycles the day's kind. */
import { Calendar as MonthCalendar } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Calendar } from '../../../../engine/index';
import { useLabel } from '../../i18n/use-label';
import { dayInfo, nextKind, type DayKind } from './calendar-model';

export interface CalendarMonthProps {
  calendar: Calendar;
  value: Dayjs;
  onPanelChange: (value: Dayjs) => void;
  onDayKind: (date: string, kind: DayKind) => void;
  editable: boolean;
}

export function CalendarMonth({ calendar, value, onPanelChange, onDayKind, editable }: CalendarMonthProps) {
  const { t } = useTranslation();
  const label = useLabel();
  return (
    <div className="te-month" data-testid="te-month">
      <MonthCalendar
        fullscreen={false}
        value={value}
        onPanelChange={(d) => onPanelChange(d)}
        onSelect={(d, info) => {
          if (info.source !== 'date') return onPanelChange(d);
          const date = d.format('YYYY-MM-DD');
          if (editable) onDayKind(date, nextKind(dayInfo(calendar, date).kind));
          if (d.month() !== value.month()) onPanelChange(d);
        }}
        fullCellRender={(d, info) => {
          if (info.type !== 'date') return info.originNode;
          const date = d.format('YYYY-MM-DD');
          const day = dayInfo(calendar, date);
          const off = day.kind === 'normal' && !day.weekdayWorked;
          const outside = d.month() !== value.month();
          const title = day.kind === 'holiday' ? label(day.holiday!.name) : day.kind === 'working' ? `${t('timeEditors.calendar.kind.working')} · ${day.adjusted!.for}` : t(`timeEditors.calendar.kind.normal`);
          return (
            <div className={`te-day te-day-${day.kind}${off ? ' te-day-off' : ''}${outside ? ' te-day-outside' : ''}`} data-date={date} data-kind={day.kind} title={`${date} ${title}`}>
              <span className="te-day-number">{d.date()}</span>
              {day.kind !== 'normal' && <span className="te-day-mark">{t(`timeEditors.calendar.mark.${day.kind}`)}</span>}
            </div>
          );
        }}
      />
    </div>
  );
}
