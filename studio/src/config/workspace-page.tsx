/**
 * The config workspace of one version: section editors, structured editors (categories, units),
 * the form designer, the rule test bench and the tests, over one draft state; the compile
 * problems of the whole draft below, each one click from its place.
 */
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RevealRequest } from '../editor/lazy-editors';
import { Link } from '../router/link';
import { guardLeaving, navigate, useRoute, withQuery } from '../router/router';
import { locatePointer } from './json-pointer-locator';
import { ProblemsPanel, type ProblemTarget } from './problems-panel';
import { PublishBar } from './publish-bar';
import { SECTIONS, sectionOfPointer, type SectionKey } from './sections';
import { SectionsTab } from './sections-tab';
import { CategoryTreeEditor } from './category-tree-editor';
import { UnitTreeEditor } from './unit-tree-editor';
import { FormDesigner } from './form-designer';
import { RuleTestBench } from './rule-test-bench';
import { TestsPanel } from './tests-panel';
import { useDraft } from './use-draft';
import { registerTexts } from '../i18n/register-texts';
import { formBuilderText } from '../i18n/form-builder';
import { decisionTableText } from '../i18n/decision-table';
import { timeEditorsText } from '../i18n/time-editors';

registerTexts('formBuilder', formBuilderText);
registerTexts('decisionTable', decisionTableText);
registerTexts('timeEditors', timeEditorsText);

const DecisionTablesTab = lazy(() => import('./decision-table/decision-tables-tab'));
const TimeLimitsTab = lazy(() => import('./time-editors/time-limits-tab'));
const LintTab = lazy(() => import('./lint/lint-tab'));

// structured views first; the JSON of every section stays one tab away, last
const TABS = ['categories', 'forms', 'rules', 'time', 'units', 'bench', 'tests', 'lint', 'sections'] as const;
type Tab = (typeof TABS)[number];

export function WorkspacePage({ version }: { version: number }) {
  const { t } = useTranslation();
  const route = useRoute();
  const { draft, error } = useDraft(version);
  // unsaved edits are not left behind without a question (in-app links, reload, closing the tab)
  const dirty = draft?.dirty ?? false;
  useEffect(() => {
    if (!dirty) return undefined;
    return guardLeaving(() => window.confirm(t('workspace.leaveUnsaved')));
  }, [dirty, t]);
  const [runRequest, setRunRequest] = useState(0);
  const [reveal, setReveal] = useState<(RevealRequest & { section: SectionKey }) | null>(null);
  const tab = (TABS as readonly string[]).includes(route.query.get('tab') ?? '') ? (route.query.get('tab') as Tab) : 'categories';
  const section = (SECTIONS as readonly string[]).includes(route.query.get('section') ?? '') ? (route.query.get('section') as SectionKey) : 'categories';

  const goTo = useCallback(
    (target: ProblemTarget) => {
      if (!draft) return;
      let span = { offset: target.offset ?? 0, length: 1 };
      if (target.pointer !== undefined) span = locatePointer(draft.texts[target.section], sectionOfPointer(target.pointer).inner);
      navigate(withQuery(route, { tab: 'sections', section: target.section }));
      setReveal({ ...span, section: target.section, nonce: Date.now() });
    },
    [draft, route],
  );

  // a tab opens at its top, not where the last one was scrolled to
  useEffect(() => {
    if (typeof window !== 'undefined') window.scrollTo(0, 0);
  }, [tab]);

  if (error) return <main className="page"><p className="error-text">{error}</p></main>;
  if (!draft) return <main className="page"><p className="muted">{t('common.loading')}</p></main>;

  const issues = draft.compiled && !draft.compiled.ok ? draft.compiled.issues : [];
  const warnings = draft.compiled?.ok ? draft.compiled.value.warnings : [];
  return (
    <main className="workspace">
      <div className="workspace-head">
        <Link to="/configs" className="back">← {t('versions.title')}</Link>
        <h1>
          {t('workspace.title', { version: draft.version })}{' '}
          <span className={`badge status-${draft.status}`}>{t(`status.${draft.status}`, { defaultValue: draft.status })}</span>
          {draft.active && <span className="badge badge-green">{t('versions.active')}</span>}
        </h1>
        <PublishBar draft={draft} onShowTests={() => (setRunRequest((n) => n + 1), navigate(withQuery(route, { tab: 'tests' })))} />
      </div>
      <nav className="tabs" aria-label={t('workspace.tabs')}>
        {TABS.map((name) => (
          <button key={name} type="button" className={name === tab ? 'on' : ''} data-tab={name} onClick={() => navigate(withQuery(route, { tab: name }))}>
            {t(`workspace.tab.${name}`)}
          </button>
        ))}
      </nav>
      <div className="workspace-body">
        {tab === 'sections' && <SectionsTab draft={draft} section={section} reveal={reveal?.section === section ? reveal : null} onSection={(s) => navigate(withQuery(route, { section: s }))} />}
        {tab === 'categories' && <CategoryTreeEditor draft={draft} />}
        {tab === 'units' && <UnitTreeEditor draft={draft} />}
        {tab === 'forms' && <FormDesigner draft={draft} />}
        <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
          {tab === 'rules' && <DecisionTablesTab draft={draft} />}
          {tab === 'time' && <TimeLimitsTab draft={draft} />}
          {tab === 'lint' && <LintTab draft={draft} onSelect={goTo} />}
        </Suspense>
        {tab === 'bench' && <RuleTestBench draft={draft} />}
        {tab === 'tests' && <TestsPanel draft={draft} runRequest={runRequest} />}
      </div>
      <ProblemsPanel parseProblems={draft.parseProblems} issues={issues} warnings={warnings} compiling={draft.compiling} onSelect={goTo} />
    </main>
  );
}
