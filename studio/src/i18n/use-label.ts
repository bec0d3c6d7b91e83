import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { I18nText } from '../../../engine/index';
import type { Language } from './i18n';

export type LabelFn = (text: I18nText | null | undefined, fallback?: string) => string;

/** The current language, narrowed to the two the studio speaks. */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'zh';
}

/** Picks a config label (`{zh, en}`) in the chosen language. */
export function useLabel(): LabelFn {
  const language = useLanguage();
  return useCallback<LabelFn>((text, fallback = '') => (text ? text[language] || text.zh || text.en : fallback), [language]);
}
