import { useTranslation } from 'react-i18next';
import type { I18nText } from '../../../engine/index';

/** The two halves of a bilingual label. */
export function NameFields({ value, onChange, prefix }: { value: I18nText; onChange: (v: I18nText) => void; prefix: string }) {
  const { t } = useTranslation();
  return (
    <>
      <label className="field inline">
        <span>{t('common.nameZh')}</span>
        <input name={`${prefix}-zh`} value={value.zh} onChange={(e) => onChange({ ...value, zh: e.target.value })} />
      </label>
      <label className="field inline">
        <span>{t('common.nameEn')}</span>
        <input name={`${prefix}-en`} value={value.en} onChange={(e) => onChange({ ...value, en: e.target.value })} />
      </label>
    </>
  );
}
