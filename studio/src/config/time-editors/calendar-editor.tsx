/** The calendars section: a calendar's working days and hours, its holidays and adjusted working days on a month view, and importing a year. */
import { Alert, Button, Checkbox, DatePicker, Input, Select, Space, Table, Tag, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Calendar } from '../../../../engine/index';
import { useLabel } from '../../i18n/use-label';
import type { Draft } from '../use-draft';
import { CalendarImportButton } from './calendar-import-button';
import { CalendarMonth } from './calendar-month';
import {
  addWorkingBlock,
  readCalendars,
  removeAdjusted,
  removeHoliday,
  removeWorkingBlock,
  setDayKind,
  setWorkingDays,
  setYearSource,
  updateAdjusted,
  updateHoliday,
  updateWorkingBlock,
  workingMinutesPerDay,
  type CalendarYear,
} from './calendar-model';
import { countyCalendarId, setCountyCalendar } from './draft-sections';
import { replaceAt, withKey } from './object-edits';
import { SectionProblems } from './section-problems';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

export function CalendarEditor({ draft }: { draft: Draft }) {
  const { t } = useTranslation();
  const label = useLabel();
  const calendars = readCalendars(draft.values.calendars);
  const countyId = countyCalendarId(draft);
  const [picked, setPicked] = useState<string | null>(null);
  const [month, setMonth] = useState<Dayjs>(() => dayjs('2026-10-01'));
  if (!calendars) return <Alert type="warning" title={t('timeEditors.notEditable')} />;
  const index = Math.max(0, calendars.findIndex((c) => c.id === (picked ?? countyId)));
  const calendar = calendars[index];
  if (!calendar) return <Alert type="warning" title={t('timeEditors.notEditable')} />;
  const write = (next: Calendar) => draft.setValue('calendars', replaceAt(calendars, index, () => next));
  const year = String(month.year());
  const entry: CalendarYear | undefined = calendar.years[year];
  return (
    <div className="te-calendar" data-testid="te-calendar" data-calendar={calendar.id}>
      <SectionProblems draft={draft} prefix="/calendars" />
      <div className="te-grid">
        <span className="te-label">{t('timeEditors.calendar.pick')}</span>
        <Space wrap>
          <Select value={calendar.id} style={{ minWidth: 220 }} options={calendars.map((c) => ({ value: c.id, label: `${label(c.name)} (${c.id})` }))} onChange={setPicked} />
          {calendar.id === countyId ? <Tag color="blue">{t('timeEditors.calendar.countyUses')}</Tag> : <Button size="small" onClick={() => setCountyCalendar(draft, calendar.id)}>{t('timeEditors.calendar.useForCounty')}</Button>}
        </Space>
        <span className="te-label">{t('timeEditors.id')}</span>
        <Input
          value={calendar.id}
          name="calendar-id"
          title={t('timeEditors.idHint')}
          style={{ width: 220 }}
          onChange={(e) => {
            // the county's reference follows its calendar's new id
            if (calendar.id === countyId) setCountyCalendar(draft, e.target.value);
            write(withKey(calendar, 'id', e.target.value));
            setPicked(e.target.value);
          }}
        />
        <span className="te-label">{t('common.nameZh')} / {t('common.nameEn')}</span>
        <Space wrap>
          <Input value={calendar.name.zh} onChange={(e) => write(withKey(calendar, 'name', withKey(calendar.name, 'zh', e.target.value)))} aria-label={t('common.nameZh')} style={{ width: 220 }} />
          <Input value={calendar.name.en} onChange={(e) => write(withKey(calendar, 'name', withKey(calendar.name, 'en', e.target.value)))} aria-label={t('common.nameEn')} style={{ width: 260 }} />
        </Space>
        <span className="te-label">{t('timeEditors.calendar.workingDays')}</span>
        <Checkbox.Group value={calendar.workingDays} options={WEEKDAYS.map((d) => ({ value: d, label: t(`timeEditors.calendar.weekday.${d}`) }))} onChange={(v) => write(setWorkingDays(calendar, v as number[]))} data-field="working-days" />
        <span className="te-label">{t('timeEditors.calendar.workingHours')}</span>
        <div className="te-blocks" data-field="working-hours">
          {calendar.workingHours.map((block, i) => (
            <Space key={i} size={4}>
              <TimePicker.RangePicker
                format="HH:mm"
                minuteStep={5}
                allowClear={false}
                order
                value={[dayjs(`2000-01-01T${block.from}`), dayjs(`2000-01-01T${block.to === '24:00' ? '23:59' : block.to}`)]}
                onChange={(v) => v?.[0] && v[1] && write(updateWorkingBlock(calendar, i, { from: v[0].format('HH:mm'), to: v[1].format('HH:mm') }))}
              />
              <Button size="small" type="text" danger disabled={calendar.workingHours.length <= 1} onClick={() => write(removeWorkingBlock(calendar, i))} aria-label={t('common.delete')}>✕</Button>
            </Space>
          ))}
          <Space>
            <Button size="small" type="dashed" onClick={() => write(addWorkingBlock(calendar))} data-action="add-block">+ {t('timeEditors.calendar.addBlock')}</Button>
            <span className="muted">{t('timeEditors.calendar.perDay', { hours: Math.round((workingMinutesPerDay(calendar) / 60) * 100) / 100 })}</span>
          </Space>
        </div>
        <span className="te-label">{t('timeEditors.calendar.year')}</span>
        <Space wrap>
          <Select value={year} style={{ width: 100 }} options={[...new Set([...Object.keys(calendar.years), year, String(month.year() + 1)])].sort().map((y) => ({ value: y, label: y }))} onChange={(y) => setMonth(month.year(Number(y)))} data-field="year" />
          <CalendarImportButton calendar={calendar} onApply={write} disabled={!draft.editable} />
        </Space>
        <span className="te-label">{t('timeEditors.calendar.source')}</span>
        <Input value={entry?.source ?? ''} disabled={!entry} onChange={(e) => e.target.value && write(setYearSource(calendar, year, e.target.value))} aria-label={t('timeEditors.calendar.source')} className="te-wide" />
      </div>
      <div className="te-calendar-body">
        <div>
          <p className="muted">{t('timeEditors.calendar.monthHint')}</p>
          <CalendarMonth calendar={calendar} value={month} onPanelChange={setMonth} editable={draft.editable} onDayKind={(date, kind) => write(setDayKind(calendar, date, kind, { name: { zh: t('timeEditors.calendar.kind.holiday', { lng: 'zh' }), en: t('timeEditors.calendar.kind.holiday', { lng: 'en' }) } }))} />
        </div>
        {entry && <YearLists calendar={calendar} year={year} entry={entry} write={write} onShow={(date) => setMonth(dayjs(date))} />}
      </div>
    </div>
  );
}

function YearLists({ calendar, year, entry, write, onShow }: { calendar: Calendar; year: string; entry: CalendarYear; write: (c: Calendar) => void; onShow: (date: string) => void }) {
  const { t } = useTranslation();
  const dateInput = (value: string, onChange: (v: string) => void) => (
    <DatePicker size="small" format="YYYY-MM-DD" allowClear={false} value={dayjs(value)} onChange={(d) => d && (onChange(d.format('YYYY-MM-DD')), onShow(d.format('YYYY-MM-DD')))} onOpenChange={(open) => open && onShow(value)} style={{ width: 124 }} />
  );
  return (
    <div className="te-year-lists">
      <h4>{t('timeEditors.calendar.holidays')} · {year}</h4>
      <Table
        size="small"
        pagination={false}
        rowKey={(_, i) => String(i)}
        dataSource={entry.holidays}
        data-testid="te-holidays"
        scroll={{ x: true }}
        columns={[
          { title: t('common.nameZh'), render: (_, h, i) => <Input size="small" value={h.name.zh} onChange={(e) => write(updateHoliday(calendar, year, i, { name: { ...h.name, zh: e.target.value } }))} style={{ width: 96 }} /> },
          { title: t('common.nameEn'), render: (_, h, i) => <Input size="small" value={h.name.en} onChange={(e) => write(updateHoliday(calendar, year, i, { name: { ...h.name, en: e.target.value } }))} style={{ width: 140 }} /> },
          { title: t('timeEditors.calendar.from'), render: (_, h, i) => dateInput(h.from, (from) => write(updateHoliday(calendar, year, i, { from }))) },
          { title: t('timeEditors.calendar.to'), render: (_, h, i) => dateInput(h.to, (to) => write(updateHoliday(calendar, year, i, { to }))) },
          { title: '', render: (_, _h, i) => <Button size="small" type="text" danger onClick={() => write(removeHoliday(calendar, year, i))} aria-label={t('common.delete')}>✕</Button> },
        ]}
      />
      <h4>{t('timeEditors.calendar.adjusted')} · {year}</h4>
      <Table
        size="small"
        pagination={false}
        rowKey={(_, i) => String(i)}
        dataSource={entry.adjustedWorkingDays}
        data-testid="te-adjusted"
        columns={[
          { title: t('timeEditors.calendar.date'), render: (_, a, i) => dateInput(a.date, (date) => write(updateAdjusted(calendar, year, i, { date }))) },
          { title: t('timeEditors.calendar.for'), render: (_, a, i) => <Input size="small" value={a.for} onChange={(e) => write(updateAdjusted(calendar, year, i, { for: e.target.value }))} style={{ width: 110 }} /> },
          { title: '', render: (_, _a, i) => <Button size="small" type="text" danger onClick={() => write(removeAdjusted(calendar, year, i))} aria-label={t('common.delete')}>✕</Button> },
        ]}
      />
    </div>
  );
}
