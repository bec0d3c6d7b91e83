/**
 * The dashboard (数据看板) of a county administrator, a command room or a unit, each over the
 * events it may see: reports today / this week / this month beside the same span before, open,
 * red and overdue events, on-time acceptance and resolution, 30 days of reports and closures,
 * breakdowns by category, township, unit and source, and the units with most overdue events.
 * Every number is a link to the worklist of the events behind it (docs/dashboards.md).
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Segmented, Space, Table } from 'antd';
import { BREAKDOWNS, statsApi, type BreakdownBy, type BreakdownRow, type Overview, type OverdueUnit, type TrendDay } from '../api/command-client';
import { commandText } from '../i18n/command';
import { registerTexts } from '../i18n/register-texts';
import { useLabel, useLanguage } from '../i18n/use-label';
import { Link } from '../router/link';
import { navigate } from '../router/router';
import { useSession } from '../session/session-context';
import { formatDateTime } from '../util/zoned';
import { daySpan, periodSpans, worklistHref } from './drill-links';
import { EChart } from './echart';
import { useCountyConfig } from './use-county-config';

registerTexts('command', commandText);

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

function Figure({ label, value, href, sub, tone }: { label: string; value: ReactNode; href: string; sub?: ReactNode; tone?: 'red' | 'warn' }) {
  return (
    <Link to={href} className={`figure ${tone ? `figure-${tone}` : ''}`} data-figure={label}>
      <span className="figure-label">{label}</span>
      <strong className="figure-value">{value}</strong>
      {sub && <span className="figure-sub muted">{sub}</span>}
    </Link>
  );
}

export function DashboardPage() {
  const { t } = useTranslation();
  const label = useLabel();
  const language = useLanguage();
  const { api, me } = useSession();
  const { compiled } = useCountyConfig();
  const [overview, setOverview] = useState<Overview | null>(null);
  const [trend, setTrend] = useState<TrendDay[] | null>(null);
  const [by, setBy] = useState<BreakdownBy>('category');
  const [rows, setRows] = useState<BreakdownRow[] | null>(null);
  const [overdueUnits, setOverdueUnits] = useState<OverdueUnit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timeZone = overview?.timeZone ?? compiled?.timeZone ?? 'Asia/Shanghai';
  const spans = useMemo(() => periodSpans(overview ? Date.parse(overview.asOf) : Date.now(), timeZone), [overview, timeZone]);

  useEffect(() => {
    let live = true;
    const fail = (e: Error) => live && setError(e.message);
    statsApi.overview(api, me.county).then((o) => live && setOverview(o), fail);
    statsApi.trend(api, me.county, 30).then((r) => live && setTrend(r.days), fail);
    // units with nothing overdue or red are not "most overdue"
    statsApi.overdueUnits(api, me.county, 10).then((r) => live && setOverdueUnits(r.rows.filter((u) => u.overdue > 0 || u.red > 0)), fail);
    return () => {
      live = false;
    };
  }, [api, me.county]);

  useEffect(() => {
    let live = true;
    setRows(null);
    statsApi.breakdown(api, me.county, by, spans.month.from, spans.month.to).then(
      (r) => live && setRows(r.rows),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [api, me.county, by, spans.month.from, spans.month.to]);

  const trendOption = useMemo(
    () =>
      trend && {
        tooltip: { trigger: 'axis' },
        legend: { top: 0, data: [t('command.dashboard.reported'), t('command.dashboard.closed')] },
        grid: { left: 40, right: 16, top: 36, bottom: 28 },
        xAxis: { type: 'category', data: trend.map((d) => d.date.slice(5)) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { name: t('command.dashboard.reported'), type: 'line', data: trend.map((d) => d.reported) },
          { name: t('command.dashboard.closed'), type: 'line', data: trend.map((d) => d.closed) },
        ],
      },
    [trend, t],
  );

  const rowName = (row: BreakdownRow) => (row.key === null ? t('command.dashboard.none') : row.name ? label(row.name, row.key) : by === 'source' ? t(`command.dashboard.sources.${row.key}`, { defaultValue: row.key }) : row.key);
  const monthQuery = { from: spans.month.from, to: spans.month.to };
  // a unit's row counts the events it leads (the worklist's unit alone takes those it assists too)
  const rowQuery = (row: BreakdownRow) => ({ ...monthQuery, [by]: row.key ?? '', ...(by === 'unit' ? { lead: 'true' } : {}) });
  const barOption = useMemo(
    () =>
      rows && {
        tooltip: { trigger: 'axis' },
        grid: { left: 110, right: 16, top: 8, bottom: 24 },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', inverse: true, data: rows.slice(0, 10).map(rowName), axisLabel: { width: 100, overflow: 'truncate' } },
        series: [{ name: t('command.dashboard.reported'), type: 'bar', data: rows.slice(0, 10).map((r) => r.reported), itemStyle: { color: '#1668dc' } }],
      },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [rows, language, t],
  );

  // a row without a key (events not yet dispatched, or placed in no township) has no worklist of its own
  const number = (value: number, query: Record<string, string | boolean>) => (query[by] === '' ? value : <Link to={worklistHref(query)}>{value}</Link>);
  const columns = [
    { title: t('command.dashboard.columns.name'), key: 'name', render: (_: unknown, row: BreakdownRow) => rowName(row) },
    { title: t('command.dashboard.columns.reported'), key: 'reported', align: 'right' as const, render: (_: unknown, r: BreakdownRow) => number(r.reported, rowQuery(r)) },
    { title: t('command.dashboard.columns.open'), key: 'open', align: 'right' as const, render: (_: unknown, r: BreakdownRow) => number(r.open, { ...rowQuery(r), closed: 'false' }) },
    { title: t('command.dashboard.columns.red'), key: 'red', align: 'right' as const, render: (_: unknown, r: BreakdownRow) => number(r.red, { ...rowQuery(r), red: 'true' }) },
    { title: t('command.dashboard.columns.overdue'), key: 'overdue', align: 'right' as const, render: (_: unknown, r: BreakdownRow) => number(r.overdue, { ...rowQuery(r), overdue: 'true' }) },
    { title: t('command.dashboard.columns.closed'), key: 'closed', align: 'right' as const, render: (_: unknown, r: BreakdownRow) => number(r.closed, { ...rowQuery(r), closed: 'true' }) },
  ];
  const exportBreakdown = (format: 'csv' | 'xlsx') =>
    api.download(`/counties/${encodeURIComponent(me.county)}/stats/breakdown?by=${by}&from=${encodeURIComponent(spans.month.from)}&to=${encodeURIComponent(spans.month.to)}&format=${format}`, `breakdown-${by}.${format}`).catch((e: Error) => setError(e.message));

  const o = overview;
  const previous = (count: number) => t('command.dashboard.previous', { count });
  return (
    <main className="page dashboard-page">
      <div className="page-title-row">
        <h1>{t('command.dashboard.title')}</h1>
        {o && (
          <span className="muted">
            {o.scope.kind === 'county' ? t('command.dashboard.scopeCounty') : t('command.dashboard.scopeUnit', { unit: label(compiled?.unit(o.scope.unit ?? '')?.name, o.scope.unit ?? '') })} · {t('command.dashboard.asOf', { time: formatDateTime(o.asOf, timeZone, language) })}
          </span>
        )}
      </div>
      {error && <p className="notice notice-error" role="alert">{error}</p>}
      {!o && !error && <p className="muted">{t('common.loading')}</p>}
      {o && (
        <section className="figures" aria-label={t('command.dashboard.drillHint')}>
          <Figure label={t('command.dashboard.today')} value={o.reports.today.count} sub={previous(o.reports.today.previous)} href={worklistHref(spans.today)} />
          <Figure label={t('command.dashboard.week')} value={o.reports.week.count} sub={previous(o.reports.week.previous)} href={worklistHref(spans.week)} />
          <Figure label={t('command.dashboard.month')} value={o.reports.month.count} sub={previous(o.reports.month.previous)} href={worklistHref(spans.month)} />
          <Figure label={t('command.dashboard.open')} value={o.open} href={worklistHref({ closed: 'false' })} />
          <Figure label={t('command.dashboard.red')} value={o.red} href={worklistHref({ closed: 'false', red: 'true' })} tone="red" />
          <Figure label={t('command.dashboard.overdue')} value={o.overdue} href={worklistHref({ overdue: 'true' })} tone="warn" />
          <Figure label={t('command.dashboard.onTimeAcceptance')} value={percent(o.onTimeAcceptance.rate)} sub={o.onTimeAcceptance.total ? t('command.dashboard.ofTotal', { ...o.onTimeAcceptance }) : t('command.dashboard.noData')} href="/assessment" />
          <Figure label={t('command.dashboard.onTimeResolution')} value={percent(o.onTimeResolution.rate)} sub={o.onTimeResolution.total ? t('command.dashboard.ofTotal', { ...o.onTimeResolution }) : t('command.dashboard.noData')} href="/assessment" />
        </section>
      )}
      <section className="dash-panel">
        <h2>{t('command.dashboard.trend')}</h2>
        {trendOption && <EChart option={trendOption} testId="trend-chart" onClick={(p) => trend && navigate(worklistHref(daySpan(trend[p.dataIndex].date, timeZone)))} />}
      </section>
      <section className="dash-panel">
        <div className="panel-head">
          <h2>{t('command.dashboard.breakdown')}</h2>
          <Space wrap>
            <Button size="small" onClick={() => void exportBreakdown('csv')}>{t('command.dashboard.exportCsv')}</Button>
            <Button size="small" onClick={() => void exportBreakdown('xlsx')}>{t('command.dashboard.exportXlsx')}</Button>
          </Space>
        </div>
        <Segmented<BreakdownBy> value={by} onChange={setBy} options={BREAKDOWNS.map((b) => ({ value: b, label: t(`command.dashboard.by.${b}`) }))} />
        {barOption && rows && rows.length > 0 && <EChart option={barOption} height={Math.max(120, Math.min(rows.length, 10) * 28 + 40)} testId="breakdown-chart" onClick={(p) => rows[p.dataIndex].key !== null && navigate(worklistHref(rowQuery(rows[p.dataIndex])))} />}
        <Table<BreakdownRow> size="small" rowKey={(r) => r.key ?? ''} loading={rows === null} dataSource={rows ?? []} columns={columns} pagination={false} scroll={{ x: true }} data-testid="breakdown-table" />
      </section>
      <section className="dash-panel">
        <h2>{t('command.dashboard.overdueUnits')}</h2>
        {overdueUnits && overdueUnits.length === 0 && <p className="muted">{t('command.dashboard.noOverdue')}</p>}
        {overdueUnits && overdueUnits.length > 0 && (
          <ol className="overdue-units" data-testid="overdue-units">
            {overdueUnits.map((u) => (
              <li key={u.unit}>
                <span>{label(u.name ?? undefined, u.unit)}</span>
                <Link to={worklistHref({ unit: u.unit, lead: 'true', overdue: 'true' })} className="badge badge-red">
                  {t('command.dashboard.overdue')} {u.overdue}
                </Link>
                <Link to={worklistHref({ unit: u.unit, lead: 'true', closed: 'false', red: 'true' })} className="muted">
                  {t('command.dashboard.red')} {u.red}
                </Link>
              </li>
            ))}
          </ol>
        )}
      </section>
    </main>
  );
}
