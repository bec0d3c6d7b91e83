/**
 * The notifications the runtime itself sends (beside those the rules ask for), as outbox drafts:
 * one per channel. Messages are bilingual; providers pick the language they need.
 */
import type { I18nText } from '../../engine/index';
import type { OutboxDraft } from '../events/event-writes';

/** Channels of the runtime's own notifications (assignment, escalation) when the config names none. */
export const DEFAULT_CHANNELS: readonly string[] = ['app'];

export type NotificationType = 'alert.raised' | 'assigned' | 'rule-notification' | 'reminder' | 'breach' | 'supervision-ticket' | 'auto-escalation-refused';

export interface Notification {
  countyId: string;
  eventId: string;
  unit: string;
  channels: readonly string[];
  type: NotificationType;
  message: I18nText;
  at: number;
  detail?: Record<string, unknown>;
}

/** One outbox draft per channel (duplicates dropped); none for an empty channel list. */
export function notificationDrafts(n: Notification): OutboxDraft[] {
  return [...new Set(n.channels)].map((channel) => ({
    countyId: n.countyId,
    eventId: n.eventId,
    channel,
    targetUnit: n.unit,
    payload: { type: n.type, county: n.countyId, eventId: n.eventId, unit: n.unit, message: n.message, at: new Date(n.at).toISOString(), ...n.detail },
  }));
}

export function assignedMessage(opts: { categoryName: I18nText; level: number; action: string }): I18nText {
  return {
    zh: `新的${opts.level}级事件交由贵单位处置：${opts.categoryName.zh}`,
    en: `A level ${opts.level} event was assigned to your unit (${opts.action}): ${opts.categoryName.en}`,
  };
}

export function reminderMessage(opts: { clock: string; dueAt: number }): I18nText {
  const due = new Date(opts.dueAt).toISOString();
  const zhClock = opts.clock === 'accept' ? '受理' : '办结';
  return { zh: `事件${zhClock}时限将于 ${due} 到期，请及时处理`, en: `The ${opts.clock} deadline of an event falls at ${due}` };
}

export function breachMessage(opts: { clock: string; red: boolean; ticket: boolean }): I18nText {
  const zhClock = opts.clock === 'accept' ? '受理' : '办结';
  return {
    zh: `事件已超过${zhClock}时限${opts.red ? '，已亮红灯' : ''}${opts.ticket ? '，已下发督办单' : ''}`,
    en: `An event missed its ${opts.clock} deadline${opts.red ? ' and turned red' : ''}${opts.ticket ? '; a supervision ticket was issued' : ''}`,
  };
}

/** What `alert.raised` messages carry: the alert as stored. */
export interface RaisedAlert {
  countyId: string;
  id: string;
  kind: string;
  rule: string;
  name: I18nText;
  category: string;
  area: string;
  areaKind: string;
  commandRoom: string;
  windowFrom: number;
  windowTo: number;
  count: number;
  expected: number | null;
  raisedAt: number;
}

/**
 * The outbox message of a raised alert (type `alert.raised`) to the command room it goes to, on
 * the runtime's default channels; no event is attached (`eventId` null), the alert's id is.
 */
export function alertRaisedDrafts(alert: RaisedAlert): OutboxDraft[] {
  const expected = alert.expected === null ? '' : `（基线约 ${alert.expected.toFixed(1)} 起）`;
  const message: I18nText = {
    zh: `预警：${alert.name.zh}，${alert.area} ${alert.category} 共 ${alert.count} 起${expected}，请研判`,
    en: `Alert: ${alert.name.en}: ${alert.count} reports of ${alert.category} in ${alert.area}${alert.expected === null ? '' : ` (baseline about ${alert.expected.toFixed(1)})`}`,
  };
  return [...new Set(DEFAULT_CHANNELS)].map((channel) => ({
    countyId: alert.countyId,
    eventId: null,
    channel,
    targetUnit: alert.commandRoom,
    payload: {
      type: 'alert.raised', county: alert.countyId, alertId: alert.id, unit: alert.commandRoom, message, at: new Date(alert.raisedAt).toISOString(),
      kind: alert.kind, rule: alert.rule, category: alert.category, area: alert.area, areaKind: alert.areaKind, count: alert.count, expected: alert.expected,
      windowFrom: new Date(alert.windowFrom).toISOString(), windowTo: new Date(alert.windowTo).toISOString(),
    },
  }));
}
