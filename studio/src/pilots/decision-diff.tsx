/**
 * A diff report of decisions: what changed by township and category, the load moved between
 * units, and every changed event with the real and the other side, field by field. Shadow runs
 * show it; its inputs are the backtest's shapes.
 */
import { useTranslation } from 'react-i18next';
import { Table } from 'antd';
import type { DecisionSide, DiffSummary, ShadowChange } from '../api/shadows-client';
import { useLanguage } from '../i18n/use-label';
import { formatDateTime } from '../util/zoned';

const FIELDS = ['level', 'unit', 'dispatcher', 'slaPolicy', 'acceptDue', 'resolveDue'] as const;

export function DecisionDiff({ summary, changes, name, timeZone }: { summary: DiffSummary; changes: ShadowChange[]; name: (kind: 'unit' | 'category', id: string | null) => string; timeZone: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const shown = (field: (typeof FIELDS)[number], side: DecisionSide | null) => {
    if (!side) return '—';
    const v = side[field];
    if (v === null) return '—';
    if (field === 'unit' || field === 'dispatcher') return name('unit', String(v));
    if (field === 'acceptDue' || field === 'resolveDue') return formatDateTime(String(v), timeZone, language);
    return String(v);
  };
  const groupColumns = (key: 'township' | 'category') => [
    { title: t(key === 'township' ? 'pilots.diff.byTownship' : 'pilots.diff.byCategory'), key, render: (_: unknown, r: Record<string, unknown>) => (r[key] === null ? t('pilots.diff.noPlace') : name(key === 'township' ? 'unit' : 'category', String(r[key]))) },
    { title: t('pilots.diff.events'), dataIndex: 'events', key: 'events' },
    { title: t('pilots.diff.changed'), dataIndex: 'changed', key: 'changed', render: (n: number) => <span data-cell="changed">{n}</span> },
  ];
  return (
    <div className="decision-diff" data-testid="decision-diff">
      <div className="diff-groups">
        <Table size="small" pagination={false} rowKey={(r) => String(r.township)} dataSource={summary.byTownship} columns={groupColumns('township')} data-testid="diff-by-township" />
        <Table size="small" pagination={false} rowKey={(r) => String(r.category)} dataSource={summary.byCategory} columns={groupColumns('category')} />
        <Table
          size="small"
          pagination={false}
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
      <h3>{t('pilots.diff.changes')}</h3>
      {changes.length === 0 && <p className="muted">{t('pilots.diff.none')}</p>}
      <ul className="diff-changes">
        {changes.map((c) => (
          <li key={c.eventId} data-event={c.eventId}>
            <a href={`/events/${c.eventId}`}>{formatDateTime(c.reportedAt, timeZone, language)}</a> · {name('category', c.category)} · {c.township ? name('unit', c.township) : t('pilots.diff.noPlace')}
            {c.error ? (
              <p className="notice notice-error">{t('pilots.diff.failed', { message: c.error.message })}</p>
            ) : (
              <table className="diff-sides">
                <thead>
                  <tr>
                    <th />
                    <th>{t('pilots.diff.real')}</th>
                    <th>{t('pilots.diff.shadow')}</th>
                  </tr>
                </thead>
                <tbody>
                  {FIELDS.filter((f) => c.changes.includes(f)).map((f) => (
                    <tr key={f} data-field={f}>
                      <th>{t(`pilots.diff.field.${f}`)}</th>
                      <td data-side="real">{shown(f, c.real)}</td>
                      <td data-side="shadow">{shown(f, c.shadow)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
