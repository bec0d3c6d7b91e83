/**
 * i18next with the studio's two languages. Chinese is the default; the choice is remembered in
 * localStorage. Labels inside county configs are `{zh, en}` objects and go through `useLabel`.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { attachmentsText } from './attachments';
import { reporterPrivacyText } from './reporter-privacy';
import { countiesText } from './counties';
import { accountsText } from './accounts';
import { zh } from './zh';

export const LANGUAGES = ['zh', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'pingtai.lang';

function storedLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

const initial = storedLanguage();
// (no document when a component is rendered to HTML in a test)
if (typeof document !== 'undefined') document.documentElement.lang = initial === 'zh' ? 'zh-CN' : 'en';

void i18next.use(initReactI18next).init({
  resources: {
    zh: { translation: { ...zh, reporterPrivacy: reporterPrivacyText.zh, counties: countiesText.zh, attachments: attachmentsText.zh, accounts: accountsText.zh } },
    en: { translation: { ...en, reporterPrivacy: reporterPrivacyText.en, counties: countiesText.en, attachments: attachmentsText.en, accounts: accountsText.en } },
  },
  lng: initial,
  fallbackLng: 'zh',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export function setLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // private mode: the choice lasts for this page only
  }
  if (typeof document !== 'undefined') document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  void i18next.changeLanguage(language);
}

export { i18next };
