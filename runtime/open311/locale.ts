/**
 * The language of Open311 responses: Chinese by default, English with `?locale=en` or when the
 * client's Accept-Language prefers English.
 */
import type { Request } from 'express';
import type { I18nText } from '../../engine/index';

export const LOCALES = ['zh', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** The language `?locale=` asks for, or null when it asks for none we speak. */
function queryLocale(req: Request): Locale | null {
  const asked = typeof req.query.locale === 'string' ? req.query.locale.toLowerCase() : '';
  if (asked.startsWith('en')) return 'en';
  if (asked.startsWith('zh')) return 'zh';
  return null;
}

export function localeOf(req: Request): Locale {
  return queryLocale(req) ?? (req.acceptsLanguages('zh', 'en') === 'en' ? 'en' : 'zh');
}

/**
 * True when the answer's language comes from Accept-Language (no `?locale=` fixes it): such
 * answers must say `Vary: Accept-Language`, or a shared cache would serve one client's language
 * to the next.
 */
export function localeFromHeader(req: Request): boolean {
  return queryLocale(req) === null;
}

export function inLocale(value: I18nText, locale: Locale): string {
  return value[locale];
}

/** The other language (for a service's description: its name in the other language). */
export function otherLocale(locale: Locale): Locale {
  return locale === 'zh' ? 'en' : 'zh';
}
