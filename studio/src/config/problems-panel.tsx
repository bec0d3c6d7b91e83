/** Every problem of the draft — JSON syntax and the engine's full compile — each a click from its place. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { issueMessage, type Issue } from '../../../engine/index';
import { useLanguage } from '../i18n/use-label';
import { sectionOfPointer, type ParseProblem, type SectionKey } from './sections';

export interface ProblemTarget {
  section: SectionKey;
  pointer?: string;
  offset?: number;
}

export function ProblemsPanel({ parseProblems, issues, warnings = [], compiling, onSelect }: { parseProblems: ParseProblem[]; issues: Issue[]; warnings?: readonly Issue[]; compiling: boolean; onSelect: (target: ProblemTarget) => void }) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const [open, setOpen] = useState(true);
  const errors = issues.filter((i) => i.severity !== 'warning');
  const count = parseProblems.length + errors.length;
  const listed = [...errors, ...warnings, ...issues.filter((i) => i.severity === 'warning')];
  return (
    <section className={`problems-panel ${count ? 'has-problems' : 'clean'}`} aria-label={t('problems.title')}>
      <button type="button" className="problems-head" onClick={() => setOpen(!open)} aria-expanded={open}>
        <span>{open ? '▾' : '▸'}</span>
        <strong>{t('problems.title')}</strong>
        <span className={`badge ${count ? 'badge-red' : 'badge-green'}`} data-testid="problem-count">
          {count}
        </span>
        <span className="muted">{compiling ? t('problems.compiling') : count ? t('problems.blocking') : t('problems.none')}</span>
        {listed.length > errors.length && <span className="badge badge-amber" data-testid="warning-count">{t('problems.warnings', { count: listed.length - errors.length })}</span>}
      </button>
      {open && listed.length + parseProblems.length > 0 && (
        <ol className="problems-list">
          {parseProblems.map((p) => (
            <li key={`parse-${p.section}`}>
              <button type="button" onClick={() => onSelect({ section: p.section, offset: p.offset })}>
                <span className="problem-code">json</span>
                <span className="problem-where">{t(`section.${p.section}`)}</span>
                <span className="problem-message">{p.message}</span>
              </button>
            </li>
          ))}
          {listed.map((issue, i) => {
            const { section, inner } = sectionOfPointer(issue.pointer);
            const warning = issue.severity === 'warning';
            return (
              <li key={`${issue.pointer}-${i}`} className={warning ? 'is-warning' : undefined}>
                <button type="button" onClick={() => onSelect({ section, pointer: issue.pointer })} title={issue.pointer}>
                  <span className="problem-code">{warning ? `${t('problems.warning')} · ` : ''}{issue.code}</span>
                  <span className="problem-where">
                    {t(`section.${section}`)} <code>{inner || '/'}</code>
                  </span>
                  <span className="problem-message" lang={language === 'zh' && issue.messageZh ? 'zh-CN' : 'en'}>
                    {/* compile says every problem in both languages, naming its item; an issue from elsewhere
                        (English only) gets its code's introduction in the page's language first */}
                    {!issue.messageZh && i18n.exists(`problemCode.${issue.code}`) && t(`problemCode.${issue.code}`) && <strong>{t(`problemCode.${issue.code}`)} </strong>}
                    {issueMessage(issue, language)}
                  </span>
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
