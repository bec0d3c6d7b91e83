/**
 * A diff report of decisions: what changed by township and category, the load moved between
 * units, and every changed event with the real and the other side, field by field. Shadow runs
 * show it whole; the replay page (backtests, whose shapes these are) uses its summary tables and
 * its side-by-side table with explanations of its own.
 */
import { useTranslation } from 'react-i18next';
import { Table } from 'antd';
import type { DecisionSide, DiffSummary, ShadowChange } from '../api/shadows-client';
import { useLanguage } from '../i18n/use-label';
import { formatDateTime } from '../util/zoned';

export const DIFF_FIELDS = ['level', 'unit', 'dispatcher', 'slaPolicy', 'acceptDue', 'resolveDue'] as const;
export type DiffField = (typeof DIFF_FIELDS)[number];
export type NameFn = (kind: 'unit' | 'category', id: string | null) => string;

/** Changed events by township and by category, and the load moved between units: each table scrolls in its own box. */
export function DiffSummaryTables({ summary, name }: { summary: DiffSummary; name: NameFn }) {
  const { t } = useTranslation();
  const groupColumns = (key: 'township' | 'category') => [
    { title: t(key === 'township' ? 'pilots.diff.byTownship' : 'pilots.diff.byCategory'), key, render: (_: unknown, r: Record<string, unknown>) => (r[key] === null ? t('pilots.diff.noPlace') : name(key === 'township' ? 'unit' : 'category', String(r[key]))) },
    { title: t('pilots.diff.events'), dataIndex: 'events', key: 'events' },
    { title: t('pilots.diff.changed'), dataIndex: 'changed', key: 'changed', render: (n: number) => <span data-cell="changed">{n}</span> },
  ];
  return (
    <div className="diff-groups">
      <Table size="small" pagination={false} scroll={{ x: 'max-content' }} rowKey={(r) => String(r.township)} dataSource={summary.byTownship} columns={groupColumns('township')} data-testid="diff-by-township" />
      <Table size="small" pagination={false} scroll={{ x: 'max-content' }} rowKey={(r) => String(r.category)} dataSource={summary.byCategory} columns={groupColumns('category')} data-testid="diff-by-category" />
      <Table
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        rowKey={(r) => `${r.from}>${r.to}`}
        dataSource={summary.loadMoved}
        data-testid="diff-load-moved"
        columns={[
          { title: t('pilots.diff.from'), key: 'from', render: (_, r) => name('unit', r.from) },
          { title: t('pilots.diff.to'), key: 'to', render: (_, r) => name('unit', r.to) },
          { title: t('pilots.diff.events'), dataIndex: 'events', key: 'events' },
        ]}
        title={() => t('pilots.diff.loadMoved')}
      />
    </div>
  );
}

/**
 * The changed fields of one event, one row each, the real side beside the other. `sides` names the
 * two columns (their `data-side` and heading); `late` marks a deadline the side would have missed.
 */
export function DecisionSides({ changes, real, other, sides, name, timeZone, late, policyName }: {
  changes: string[];
  real: DecisionSide | null;
  other: DecisionSide | null;
  sides: { real: string; other: string; otherKey: string };
  name: NameFn;
  timeZone: string;
  late?: (side: 'real' | 'other', field: DiffField) => boolean;
  /** An SLA policy's name (its id otherwise). */
  policyName?: (id: string) => string;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const shown = (field: DiffField, side: DecisionSide | null) => {
    if (!side) return '—';
    const v = side[field];
    if (v === null) return '—';
    if (field === 'unit' || field === 'dispatcher') return name('unit', String(v));
    if (field === 'acceptDue' || field === 'resolveDue') return formatDateTime(String(v), timeZone, language);
    if (field === 'slaPolicy' && policyName) return policyName(String(v));
    return String(v);
  };
  const cell = (field: DiffField, which: 'real' | 'other') => (
    <td data-side={which === 'real' ? 'real' : sides.otherKey} className={late?.(which, field) ? 'diff-late' : undefined}>
      {shown(field, which === 'real' ? real : other)}
      {late?.(which, field) && <> <span className="badge badge-red">{t('pilots.diff.late')}</span></>}
    </td>
  );
  return (
    <table className="diff-sides">
      <thead>
        <tr>
          <th />
          <th>{sides.real}</th>
          <th>{sides.other}</th>
        </tr>
      </thead>
      <tbody>
        {DIFF_FIELDS.filter((f) => changes.includes(f)).map((f) => (
          <tr key={f} data-field={f}>
            <th>{t(`pilots.diff.field.${f}`)}</th>
            {cell(f, 'real')}
            {cell(f, 'other')}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function DecisionDiff({ summary, changes, name, timeZone }: { summary: DiffSummary; changes: ShadowChange[]; name: NameFn; timeZone: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <div className="decision-diff" data-testid="decision-diff">
      <DiffSummaryTables summary={summary} name={name} />
      <h3>{t('pilots.diff.changes')}</h3>
      {changes.length === 0 && <p className="muted">{t('pilots.diff.none')}</p>}
      <ul className="diff-changes">
        {changes.map((c) => (
          <li key={c.eventId} data-event={c.eventId}>
            <a href={`/events/${c.eventId}`}>{formatDateTime(c.reportedAt, timeZone, language)}</a> · {name('category', c.category)} · {c.township ? name('unit', c.township) : t('pilots.diff.noPlace')}
            {c.error ? (
              <p className="notice notice-error">{t('pilots.diff.failed', { message: c.error.message })}</p>
            ) : (
              <DecisionSides changes={c.changes} real={c.real} other={c.shadow} sides={{ real: t('pilots.diff.real'), other: t('pilots.diff.shadow'), otherKey: 'shadow' }} name={name} timeZone={timeZone} />
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
