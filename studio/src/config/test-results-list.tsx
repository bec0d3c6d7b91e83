import { useTranslation } from 'react-i18next';
import type { TestResult } from '../../../engine/index';

const show = (v: unknown) => (typeof v === 'number' && v > 1e12 ? new Date(v).toISOString() : JSON.stringify(v));

/** Results of the config's tests: each failure with what was expected and what the engine decided. */
export function TestResultsList({ results, onlyFailures = false }: { results: readonly TestResult[]; onlyFailures?: boolean }) {
  const { t } = useTranslation();
  const shown = onlyFailures ? results.filter((r) => !r.pass) : results;
  return (
    <ul className="test-results">
      {shown.map((r) => (
        <li key={r.id} className={r.pass ? 'pass' : 'fail'} data-test-id={r.id}>
          <span className={`badge ${r.pass ? 'badge-green' : 'badge-red'}`}>{r.pass ? t('tests.pass') : t('tests.fail')}</span>
          <strong>{r.id}</strong> <span className="muted">{r.description}</span>
          {r.error && <div className="error-text">{r.error}</div>}
          {r.mismatches.length > 0 && (
            <table className="mismatches">
              <thead>
                <tr>
                  <th>{t('tests.field')}</th>
                  <th>{t('tests.expected')}</th>
                  <th>{t('tests.actual')}</th>
                </tr>
              </thead>
              <tbody>
                {r.mismatches.map((m) => (
                  <tr key={m.field}>
                    <td>{m.field}</td>
                    <td><code>{show(m.expected)}</code></td>
                    <td><code>{show(m.actual)}</code></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </li>
      ))}
    </ul>
  );
}
