/** The draft's tests: run them all in the page with the engine's runConfigTests; remove one. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { runConfigTests, type TestCase, type TestResult } from '../../../engine/index';
import { TestResultsList } from './test-results-list';
import type { Draft } from './use-draft';

export function TestsPanel({ draft, runRequest = 0 }: { draft: Draft; runRequest?: number }) {
  const { t } = useTranslation();
  const tests = Array.isArray(draft.values.tests) ? (draft.values.tests as TestCase[]) : null;
  const [run, setRun] = useState<{ passed: number; failed: number; results: TestResult[] } | null>(null);
  const compiled = draft.compiled?.ok ? draft.compiled.value : null;

  const runAll = () => {
    const now = draft.compileNow();
    if (!now?.ok || !tests) return;
    setRun(runConfigTests(now.value, tests));
  };
  // "Run all tests" in the toolbar asks by bumping runRequest; run once the draft has compiled
  const [handled, setHandled] = useState(0);
  useEffect(() => {
    if (runRequest > handled && compiled) {
      setHandled(runRequest);
      runAll();
    }
  });

  if (!tests) return <p className="notice notice-error">{t('tree.fixJson', { section: t('section.tests') })}</p>;
  return (
    <div className="tests-panel">
      <div className="inline-form">
        <button type="button" className="primary" onClick={runAll} disabled={!compiled} data-action="run-tests">
          {t('tests.runAll')}
        </button>
        <span className="muted">{t('tests.count', { count: tests.length })}</span>
        {!compiled && <span className="error-text">{t('bench.needsCompile', { count: draft.compiled && !draft.compiled.ok ? draft.compiled.issues.length : 0 })}</span>}
        {run && (
          <strong className={run.failed ? 'error-text' : 'ok-text'} data-testid="tests-summary">
            {t('tests.summary', { passed: run.passed, failed: run.failed })}
          </strong>
        )}
      </div>
      {run ? (
        <TestResultsList results={run.results} />
      ) : (
        <ul className="test-results">
          {tests.map((tc) => (
            <li key={tc.id} data-test-id={tc.id}>
              <strong>{tc.id}</strong> <span className="muted">{tc.description}</span> <code className="small">{tc.input.category} · {tc.input.at}</code>
              {draft.editable && (
                <button type="button" className="link-button danger" onClick={() => draft.setValue('tests', tests.filter((x) => x.id !== tc.id))}>
                  {t('common.delete')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
