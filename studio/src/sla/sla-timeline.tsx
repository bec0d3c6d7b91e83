/**
 * The SLA deadlines on a timeline of the days between the report and the last deadline, with
 * non-working time shaded from the county calendar: nights and weekends grey, public holidays
 * red, so it is plain why "8 working hours" can end days later.
 */
import { useTranslation } from 'react-i18next';
import type { SlaPlan } from '../../../engine/index';
import { useLanguage } from '../i18n/use-label';
import { dateOf, formatDateTime, nextDay, startOfDay, wallTime } from '../util/zoned';

export interface CalendarView {
  isWorkingTime(epochMs: number): boolean;
  isHoliday(date: string): boolean;
  isWorkingDay(date: string): boolean;
}

const HOUR = 3_600_000;
const STEP = HOUR / 4;
const MAX_DAYS = 45;

/** Rough width in px of a label in the timeline's 10 px font: CJK characters are about square. */
function labelWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.codePointAt(0)! >= 0x2e80 ? 10 : 5.6;
  return w;
}

/** A day's label with the kind of day (holiday, day off) when it fits the day's width; the shading says it otherwise. */
function dayLabel(date: string, kind: string, room: number): string {
  const full = kind ? `${date} · ${kind}` : date;
  return labelWidth(full) <= room ? full : date;
}

export function SlaTimeline({ plan, start, calendar, timeZone, now }: { plan: SlaPlan; start: number; calendar: CalendarView; timeZone: string; now?: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const dues = (['accept', 'resolve'] as const).flatMap((clock) => {
    const c = plan.clocks[clock];
    return c?.dueAt != null ? [{ clock, at: c.dueAt, hours: c.hours, kind: c.clock, doneAt: c.stoppedAt ?? null }] : [];
  });
  const last = Math.max(start + HOUR, ...dues.map((d) => d.at), ...plan.timers.map((x) => x.at));
  const days: Array<{ from: number; to: number; date: string }> = [];
  for (let d = startOfDay(start, timeZone); d < last && days.length < MAX_DAYS; ) {
    const to = nextDay(d, timeZone);
    days.push({ from: d, to, date: dateOf(d, timeZone) });
    d = to;
  }
  const from = days[0]?.from ?? start;
  const to = days.at(-1)?.to ?? last;
  // about 820 px for the whole span, but never so dense that an hour is under 2 px
  const PX_PER_HOUR = Math.min(8, Math.max(2, 820 / ((to - from) / HOUR)));
  const width = ((to - from) / HOUR) * PX_PER_HOUR;
  const x = (at: number) => ((Math.min(Math.max(at, from), to) - from) / HOUR) * PX_PER_HOUR;
  const height = 104;
  const bandTop = 24;
  const bandHeight = 40;

  const shades: Array<{ x: number; w: number; kind: 'off' | 'holiday' }> = [];
  for (const day of days) {
    const holiday = calendar.isHoliday(day.date);
    for (let at = day.from; at < day.to; at += STEP) {
      if (calendar.isWorkingTime(at)) continue;
      const kind = holiday ? 'holiday' : 'off';
      const last = shades.at(-1);
      if (last && last.kind === kind && Math.abs(last.x + last.w - x(at)) < 0.01) last.w += (STEP / HOUR) * PX_PER_HOUR;
      else shades.push({ x: x(at), w: (STEP / HOUR) * PX_PER_HOUR, kind });
    }
  }

  return (
    <figure className="sla-timeline" data-testid="sla-timeline">
      <div className="timeline-scroll">
        <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={t('sla.timeline')}>
          <rect x={0} y={bandTop} width={width} height={bandHeight} className="tl-working" />
          {shades.map((s, i) => <rect key={i} x={s.x} y={bandTop} width={s.w} height={bandHeight} className={s.kind === 'holiday' ? 'tl-holiday' : 'tl-off'} />)}
          {days.map((day) => {
            const w = wallTime(day.from + HOUR * 12, timeZone);
            const weekday = new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay();
            return (
              <g key={day.date}>
                <line x1={x(day.from)} x2={x(day.from)} y1={14} y2={bandTop + bandHeight} className="tl-midnight" />
                <text x={x(day.from) + 3} y={12} className="tl-day">
                  {dayLabel(`${w.month}/${w.day} ${t(`weekday.${weekday}`)}`, calendar.isHoliday(day.date) ? t('sla.holiday') : !calendar.isWorkingDay(day.date) ? t('sla.dayOff') : '', x(day.to) - x(day.from) - 6)}
                </text>
              </g>
            );
          })}
          <Marker x={x(start)} label={t('sla.reported')} className="tl-start" y={bandTop + bandHeight + 12} />
          {now !== undefined && now > from && now < to && <Marker x={x(now)} label={Math.abs(x(now) - x(start)) < 48 ? '' : t('sla.now')} className="tl-now" y={bandTop + bandHeight + 12} />}
          {plan.timers.filter((tm) => tm.kind === 'reminder').map((tm, i) => <line key={i} x1={x(tm.at)} x2={x(tm.at)} y1={bandTop} y2={bandTop + bandHeight} className="tl-reminder" />)}
          {dues.map((d, i) => <Marker key={d.clock} x={x(d.at)} label={t(`sla.due.${d.clock}`)} className={`tl-due-${d.clock}`} y={bandTop + bandHeight + 12 + (i + 1) * 11} />)}
        </svg>
      </div>
      <figcaption>
        <ul className="tl-legend">
          {(['accept', 'resolve'] as const).map((clock) => {
            // a paused clock has no deadline to draw: say so, and how much of its budget is used
            const c = plan.clocks[clock];
            if (!c || c.pausedAt == null || c.stoppedAt != null) return null;
            return (
              <li key={`${clock}-paused`} className={`tl-due-${clock}`} data-clock={clock} data-testid="clock-paused">
                <strong>{t(`sla.due.${clock}`)}</strong> {t('sla.paused', { at: formatDateTime(c.pausedAt, timeZone, language), used: Math.round(((c.consumedMs ?? 0) / HOUR) * 10) / 10, hours: c.hours })}
              </li>
            );
          })}
          {dues.map((d) => (
            <li key={d.clock} className={`tl-due-${d.clock}`} data-clock={d.clock}>
              <strong>{t(`sla.due.${d.clock}`)}</strong> {formatDateTime(d.at, timeZone, language)} ({t(`sla.hours.${d.kind}`, { count: d.hours })})
              {d.doneAt !== null && <span className={d.doneAt <= d.at ? 'ok-text' : 'error-text'}> · {t('sla.doneAt', { at: formatDateTime(d.doneAt, timeZone, language) })}</span>}
            </li>
          ))}
          <li className="swatch off">{t('sla.legendOff')}</li>
          <li className="swatch holiday">{t('sla.legendHoliday')}</li>
          {plan.timers.some((tm) => tm.kind === 'reminder') && <li className="swatch reminder">{t('sla.legendReminder')}</li>}
        </ul>
        {plan.warnings.length > 0 && <p className="notice notice-warn">{plan.warnings.join('; ')}</p>}
      </figcaption>
    </figure>
  );
}

function Marker({ x, label, className, y }: { x: number; label: string; className: string; y: number }) {
  return (
    <g className={className}>
      <line x1={x} x2={x} y1={20} y2={y - 8} />
      <text x={x + 2} y={y}>{label}</text>
    </g>
  );
}
