/**
 * An event as an Open311 service request. `status` is open/closed from the workflow state's
 * `open` flag; the internal detail (the state itself, red, supervision) goes to `status_notes`
 * and, with `extensions=true`, to `extended_attributes` and `notes`. Names come from the config
 * version the event was created under, times are written in the county's zone.
 */
import type { CompiledConfig, SlaPlan } from '../../engine/index';
import type { EventAttributes } from '../events/event-record';
import { inLocale, type Locale } from './locale';
import { serviceAttributes, GRID_ATTRIBUTE } from './service-attributes';
import { levelName } from './level-attribute';
import { formatW3c } from './w3c-datetime';
import { mediaUrlOf } from './request-media';
import type { XmlValue } from './xml-serializer';

/** One history entry, as the notes extension shows it. */
export interface HistoryNote {
  at: Date;
  action: string;
  toState: string | null;
  detail: Record<string, unknown>;
}

export interface RequestViewOptions {
  row: EventAttributes;
  /** The compiled config of the event's own version. */
  compiled: CompiledConfig;
  locale: Locale;
  supervisionTickets: number;
  /** Present with `extensions=true`: the event's history, oldest first. */
  history?: readonly HistoryNote[];
}

type Location = { grid?: unknown; address?: unknown; lat?: unknown; lng?: unknown };

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** True when the event is open for Open311: its state says so (an unknown state: open unless terminal). */
export function isOpen(compiled: CompiledConfig, row: Pick<EventAttributes, 'state' | 'closed'>): boolean {
  return compiled.workflow.states.get(row.state)?.open ?? !row.closed;
}

function unitName(compiled: CompiledConfig, id: string | null, locale: Locale): string | null {
  if (!id) return null;
  const unit = compiled.unit(id);
  return unit ? inLocale(unit.name, locale) : id;
}

function stateName(compiled: CompiledConfig, state: string, locale: Locale): string {
  const def = compiled.workflow.states.get(state);
  return def ? inLocale(def.name, locale) : state;
}

/** The internal state in words: the state's name, red, supervision. */
export function statusNotes(opts: Pick<RequestViewOptions, 'row' | 'compiled' | 'locale' | 'supervisionTickets'>): string {
  const { row, compiled, locale, supervisionTickets: tickets } = opts;
  const zh = locale === 'zh';
  const parts = [stateName(compiled, row.state, locale)];
  if (row.red) parts.push(zh ? '已超时（红灯）' : 'overdue (red)');
  if (tickets > 0) parts.push(zh ? `已督办 ${tickets} 次` : `supervised (${tickets} ticket${tickets > 1 ? 's' : ''})`);
  return parts.join(zh ? '；' : '; ');
}

/** The SLA resolve deadline, epoch ms, or null when no resolve clock runs (not dispatched, paused). */
export function resolveDeadline(row: Pick<EventAttributes, 'sla'>): number | null {
  return (row.sla as unknown as SlaPlan).clocks?.resolve?.dueAt ?? null;
}

/** What will happen to the request: who handles it and by when, or that it awaits dispatch. */
export function serviceNotice(opts: Pick<RequestViewOptions, 'row' | 'compiled' | 'locale'>): string {
  const { row, compiled, locale } = opts;
  const zh = locale === 'zh';
  if (!isOpen(compiled, row)) return zh ? `已完结：${stateName(compiled, row.state, locale)}` : `Finished: ${stateName(compiled, row.state, locale)}`;
  const unit = unitName(compiled, row.handlingUnit, locale);
  if (!unit) return zh ? '等待指挥中心分拨' : 'Waiting to be dispatched by the command centre';
  const due = resolveDeadline(row);
  const by = due === null ? '' : formatW3c(due, compiled.timeZone);
  if (zh) return by ? `由${unit}处置，应于 ${by} 前办结` : `由${unit}处置`;
  return by ? `Handled by ${unit}; to be resolved by ${by}` : `Handled by ${unit}`;
}

function address(compiled: CompiledConfig, location: Location, locale: Locale): string | null {
  const grid = str(location.grid);
  const township = grid ? compiled.units.townshipOf(grid) : undefined;
  const parts = [str(location.address), grid ? unitName(compiled, grid, locale) : null, township ? inLocale(township.name, locale) : null].filter((p): p is string => p !== null);
  return parts.length > 0 ? parts.join(locale === 'zh' ? '，' : ', ') : null;
}

function noteText(compiled: CompiledConfig, note: HistoryNote, locale: Locale): string {
  const zh = locale === 'zh';
  const d = note.detail;
  switch (note.action) {
    case 'report':
      return zh ? `上报（渠道：${String(d.source ?? '-')}）` : `Reported (channel: ${String(d.source ?? '-')})`;
    case 'dispatch-refused':
      return zh ? '等待人工分拨' : 'Waiting for a dispatcher';
    case 'auto-escalate-refused':
      return zh ? '自动上报上级未成功，等待人工处理' : 'Automatic escalation refused; waiting for a person';
    case 'breach': {
      const clock = d.clock === 'accept' ? (zh ? '受理' : 'accept') : zh ? '办结' : 'resolve';
      const extra = [d.red ? (zh ? '亮红灯' : 'turned red') : null, d.supervisionTicket ? (zh ? '已发督办单' : 'supervision ticket issued') : null].filter(Boolean);
      return zh ? `超过${clock}时限${extra.length ? `，${extra.join('，')}` : ''}` : `Missed the ${clock} deadline${extra.length ? `; ${extra.join('; ')}` : ''}`;
    }
    default: {
      const transitions = compiled.workflow.byAction.get(note.action);
      const name = transitions ? inLocale([...transitions.values()][0].name, locale) : note.action;
      const unit = typeof d.unit === 'string' ? unitName(compiled, d.unit, locale) : null;
      const to = note.toState ? stateName(compiled, note.toState, locale) : null;
      return [name + (unit ? (zh ? `：${unit}` : `: ${unit}`) : ''), to].filter(Boolean).join(' → ');
    }
  }
}

function attributeValues(opts: RequestViewOptions): XmlValue[] {
  const { row, compiled, locale } = opts;
  const specs = serviceAttributes(compiled, row.category, locale) ?? [];
  const data = row.data as Record<string, unknown>;
  const out: XmlValue[] = [];
  for (const spec of specs) {
    const value = spec.code === GRID_ATTRIBUTE ? (data.location as Location | undefined)?.grid : data[spec.code];
    if (value === undefined || value === null) continue;
    const list = Array.isArray(value) ? value : [value];
    const values = 'values' in spec.kind ? spec.kind.values : [];
    const names = list.map((v) => values.find((lv) => lv.value === v)?.name ?? String(v));
    out.push({ code: spec.code, label: spec.title, value: list.map(String).join(','), name: names.join(locale === 'zh' ? '、' : ', ') });
  }
  return out;
}

/** The Open311 request of an event (with the extensions when `history` is given). */
export function requestView(opts: RequestViewOptions): Record<string, XmlValue> {
  const { row, compiled, locale } = opts;
  const tz = compiled.timeZone;
  const data = row.data as Record<string, unknown>;
  const location = (data.location ?? {}) as Location;
  const category = compiled.category(row.category);
  const due = resolveDeadline(row);
  const attachments = Array.isArray(data.attachments) ? data.attachments : [];
  const view: Record<string, XmlValue> = {
    service_request_id: row.id,
    status: isOpen(compiled, row) ? 'open' : 'closed',
    status_notes: statusNotes(opts),
    service_name: category ? inLocale(category.minor.name, locale) : null,
    service_code: row.category,
    description: str(data.description),
    agency_responsible: unitName(compiled, row.handlingUnit ?? row.dispatcher, locale),
    service_notice: serviceNotice(opts),
    requested_datetime: formatW3c(new Date(row.reportedAt).getTime(), tz),
    updated_datetime: formatW3c(new Date(row.updatedAt).getTime(), tz),
    expected_datetime: due === null ? null : formatW3c(due, tz),
    address: address(compiled, location, locale),
    address_id: str(location.grid),
    zipcode: null,
    lat: num(location.lat),
    long: num(location.lng),
    media_url: mediaUrlOf(str(attachments[0]), row.countyId),
  };
  if (!opts.history) return view;
  return {
    ...view,
    attributes: attributeValues(opts),
    extended_attributes: {
      state: row.state,
      state_name: stateName(compiled, row.state, locale),
      level: row.level,
      level_name: levelName(compiled, row.level, locale),
      red: row.red,
      supervision_tickets: opts.supervisionTickets,
      grid: row.grid,
      township: row.township,
      handling_unit: row.handlingUnit,
      source: row.source,
      config_version: row.configVersion,
    },
    notes: opts.history.map((h) => ({ datetime: formatW3c(h.at.getTime(), tz), description: noteText(compiled, h, locale), type: h.action })),
  };
}
