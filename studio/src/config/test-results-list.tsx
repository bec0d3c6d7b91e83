import { useTranslation } from 'react-i18next';
import type { TestResult } from '../../../engine/index';

const isTimer = (v: unknown): v is { of: string; at: string } => typeof v === 'object' && v !== null && typeof (v as { at?: unknown }).at === 'string';

/**
 * A value of a mismatch as a reader wants it: times as the engine gives them (ISO 8601 local time
 * with the county's offset), timers as "clock time" lines, a missing time as —, anything else as JSON.
 */
export function mismatchText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}T/.test(value) ? value : JSON.stringify(value);
  if (Array.isArray(value) && value.every(isTimer)) return value.length === 0 ? '—' : value.map((t) => `${t.of} ${t.at}`).join('\n');
  return JSON.stringify(value);
}

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
                    <td><code className="mismatch-value" style={{ whiteSpace: 'pre-line' }}>{mismatchText(m.expected)}</code></td>
                    <td><code className="mismatch-value" style={{ whiteSpace: 'pre-line' }}>{mismatchText(m.actual)}</code></td>
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
