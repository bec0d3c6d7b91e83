import { useTranslation } from 'react-i18next';
import type { I18nText } from '../../../engine/index';

interface Choice {
  code: string;
  name: I18nText;
}
import { useLabel } from '../i18n/use-label';

/** Minor categories grouped by their major category. */
/** `codes`: show each category's code beside its name (for administrators; reporters read names only). */
export function CategorySelect({ categories, value, onChange, name = 'category', emptyLabel, codes = true }: { categories: ReadonlyArray<Choice & { children: readonly Choice[] }>; value: string; onChange: (code: string) => void; name?: string; emptyLabel?: string; codes?: boolean }) {
  const { t } = useTranslation();
  const label = useLabel();
  return (
    <select name={name} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{emptyLabel ?? t('form.chooseCategory')}</option>
      {categories.map((major) => (
        <optgroup key={major.code} label={codes ? `${major.code} ${label(major.name)}` : label(major.name)}>
          {major.children.map((minor) => (
            <option key={minor.code} value={minor.code}>
              {codes ? `${minor.code} ${label(minor.name)}` : label(minor.name)}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}
