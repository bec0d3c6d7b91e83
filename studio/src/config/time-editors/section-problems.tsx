/** The draft's compile problems inside one section, said in the page's language first where the code is known. */
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Draft } from '../use-draft';

export function SectionProblems({ draft, prefix }: { draft: Draft; prefix: string }) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language !== 'en';
  const issues = draft.compiled && !draft.compiled.ok ? draft.compiled.issues.filter((i) => i.pointer === prefix || i.pointer.startsWith(`${prefix}/`)) : [];
  if (issues.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      className="te-problems"
      data-testid={`te-problems-${prefix.slice(1)}`}
      title={t('timeEditors.problems', { count: issues.length })}
      description={
        <ul>
          {issues.slice(0, 12).map((issue, i) => (
            <li key={`${issue.pointer}-${i}`}>
              <code>{issue.pointer}</code>{' '}
              {zh && issue.messageZh ? issue.messageZh : (
                <>
                  {zh && i18n.exists(`problemCode.${issue.code}`) && <strong>{t(`problemCode.${issue.code}`)} </strong>}
                  {issue.message}
                </>
              )}
            </li>
          ))}
        </ul>
      }
    />
  );
}
