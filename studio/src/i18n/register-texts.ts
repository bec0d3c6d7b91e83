/**
 * Labels of a part of the studio that loads lazily, registered when its code loads (under their
 * namespace key, zh and en) rather than carried by every page's first load.
 */
import i18next from 'i18next';

export function registerTexts(namespace: string, texts: { zh: object; en: object }): void {
  i18next.addResourceBundle('zh', 'translation', { [namespace]: texts.zh }, true, true);
  i18next.addResourceBundle('en', 'translation', { [namespace]: texts.en }, true, true);
}
