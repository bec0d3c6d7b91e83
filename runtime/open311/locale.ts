/**
 * The language of Open311 responses: Chinese by default, English with `?locale=en` or when the
 * client's Accept-Language prefers English.
 */
import type { Request } from 'express';
import type { I18nText } from '../../engine/index';

export const LOCALES = ['zh', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export function localeOf(req: Request): Locale {
  const asked = typeof req.query.locale === 'string' ? req.query.locale.toLowerCase() : '';
  if (asked.startsWith('en')) return 'en';
  if (asked.startsWith('zh')) return 'zh';
  return req.acceptsLanguages('zh', 'en') === 'en' ? 'en' : 'zh';
}

export function inLocale(value: I18nText, locale: Locale): string {
  return value[locale];
}

/** The other language (for a service's description: its name in the other language). */
export function otherLocale(locale: Locale): Locale {
  return locale === 'zh' ? 'en' : 'zh';
}
