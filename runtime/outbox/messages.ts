/**
 * The notifications the runtime itself sends (beside those the rules ask for), as outbox drafts:
 * one per channel. Messages are bilingual; providers pick the language they need.
 */
import type { I18nText } from '../../engine/index';
import type { OutboxDraft } from '../events/event-writes';

/** Channels of the runtime's own notifications (assignment, escalation) when the config names none. */
export const DEFAULT_CHANNELS: readonly string[] = ['app'];

export type NotificationType = 'assigned' | 'rule-notification' | 'reminder' | 'breach' | 'supervision-ticket' | 'auto-escalation-refused';

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
