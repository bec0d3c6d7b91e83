import { setLanguage, LANGUAGES } from '../i18n/i18n';
import { useLanguage } from '../i18n/use-label';

const NAMES = { zh: '中文', en: 'English' } as const;

export function LanguageSwitch() {
  const current = useLanguage();
  return (
    <div className="language-switch" role="group" aria-label="Language / 语言">
      {LANGUAGES.map((language) => (
        <button key={language} type="button" className={language === current ? 'on' : ''} aria-pressed={language === current} data-lang={language} onClick={() => setLanguage(language)}>
          {NAMES[language]}
        </button>
      ))}
    </div>
  );
}
