/**
 * A pilot's comparison: its townships against the county's others, before and since its start —
 * reports, on-time acceptance and resolution, closure and reopen rates, mean hours to resolve —
 * as a table with the change of each, and the rates as a bar chart.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Segmented, Table } from 'antd';
import { pilotsApi, type GroupFigures, type PilotComparison } from '../api/pilots-client';
import { useLanguage } from '../i18n/use-label';
import { useSession } from '../session/session-context';
import { formatDateTime } from '../util/zoned';

const EChart = lazy(() => import('../ops/echart').then((m) => ({ default: m.EChart })));

const INDICATORS = ['reported', 'reportedPerDay', 'onTimeAcceptance', 'onTimeResolution', 'closure', 'reopen', 'meanHoursToResolve'] as const;
type Indicator = (typeof INDICATORS)[number];
const RATES = ['onTimeAcceptance', 'onTimeResolution', 'closure', 'reopen'] as const;

/** The indicator's value: a count, a rate (0–1) or hours; null when nothing was judged. */
function valueOf(f: GroupFigures, key: Indicator): number | null {
  if (key === 'reported') return f.reported;
  if (key === 'reportedPerDay') return f.reportedPerDay;
  if (key === 'meanHoursToResolve') return f.meanHoursToResolve;
  return f[key].rate;
}

function shown(key: Indicator, v: number | null): string {
  if (v === null) return '—';
  if (key === 'reported') return String(v);
  if (key === 'meanHoursToResolve' || key === 'reportedPerDay') return v.toFixed(key === 'reportedPerDay' ? 2 : 1);
  return `${(v * 100).toFixed(1)}%`;
}

function change(key: Indicator, before: number | null, since: number | null): string {
  if (before === null || since === null) return '—';
  const d = since - before;
  if (key === 'reported') return `${d >= 0 ? '+' : ''}${d}`;
  if (key === 'meanHoursToResolve' || key === 'reportedPerDay') return `${d >= 0 ? '+' : ''}${d.toFixed(key === 'reportedPerDay' ? 2 : 1)}`;
  return `${d >= 0 ? '+' : ''}${(d * 100).toFixed(1)} pt`;
}

interface Row {
  key: Indicator;
  cells: Record<'pilotBefore' | 'pilotSince' | 'pilotChange' | 'othersBefore' | 'othersSince' | 'othersChange', string>;
}

export function PilotComparisonView({ id, townshipName, timeZone }: { id: number; townshipName: (id: string) => string; timeZone: string }) {
  const { t } = useTranslation();
  const { api, me } = useSession();
  const language = useLanguage();
  const [data, setData] = useState<PilotComparison | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** Days before the start to compare with; 0: as long as the span since. */
  const [baseline, setBaseline] = useState(0);
  useEffect(() => {
    let live = true;
    pilotsApi.comparison(api, me.county, id, baseline || undefined).then(
      (r) => live && setData(r),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [api, me.county, id, baseline]);
  if (error) return <p className="notice notice-error" role="alert">{error}</p>;
  if (!data) return <p className="muted">{t('common.loading')}</p>;

  const { pilot, others } = data.groups;
  const rows: Row[] = INDICATORS.map((key) => {
    const [pb, ps, ob, os] = [valueOf(pilot.before, key), valueOf(pilot.since, key), valueOf(others.before, key), valueOf(others.since, key)];
    return { key, cells: { pilotBefore: shown(key, pb), pilotSince: shown(key, ps), pilotChange: change(key, pb, ps), othersBefore: shown(key, ob), othersSince: shown(key, os), othersChange: change(key, ob, os) } };
  });
  const at = (s: string) => formatDateTime(s, timeZone, language);
  const cell = (k: keyof Row['cells']) => ({ key: k, dataIndex: ['cells', k], render: (v: string) => <span data-cell={k}>{v}</span> });
  const series = (['pilot', 'others'] as const).flatMap((g) =>
    (['before', 'since'] as const).map((s) => ({ name: `${t(`pilots.group.${g}`)} · ${t(`pilots.side.${s}`)}`, type: 'bar', data: RATES.map((r) => (data.groups[g][s][r].rate === null ? null : Math.round(data.groups[g][s][r].rate! * 1000) / 10)) })),
  );
  return (
    <section className="pilot-comparison" data-testid="pilot-comparison">
      <h2>{t('pilots.comparison', { name: data.pilot.name ?? `#${data.pilot.id}` })}</h2>
      <p className="muted">{data.pilot.townships.map(townshipName).join('、')}</p>
      <Segmented<number>
        data-testid="baseline"
        value={baseline}
        onChange={setBaseline}
        options={[0, 30, 90].map((d) => ({ value: d, label: d === 0 ? t('pilots.baselineSame') : t('pilots.baselineDays', { days: d }) }))}
      />
      <p className="muted">{t('pilots.spans', { beforeFrom: at(data.before.from), beforeTo: at(data.before.to), sinceFrom: at(data.since.from), sinceTo: at(data.since.to) })}</p>
      <Table<Row>
        rowKey="key"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={rows}
        onRow={(r) => ({ 'data-indicator': r.key }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('pilots.indicatorCol'), key: 'indicator', render: (_, r) => t(`pilots.indicator.${r.key}`) },
          { title: t('pilots.group.pilot'), children: [{ title: t('pilots.side.before'), ...cell('pilotBefore') }, { title: t('pilots.side.since'), ...cell('pilotSince') }, { title: t('pilots.change'), ...cell('pilotChange') }] },
          { title: t('pilots.group.others'), children: [{ title: t('pilots.side.before'), ...cell('othersBefore') }, { title: t('pilots.side.since'), ...cell('othersSince') }, { title: t('pilots.change'), ...cell('othersChange') }] },
        ]}
      />
      {series.some((x) => x.data.some((v) => v !== null)) ? (
      <Suspense fallback={null}>
        <EChart
          testId="pilot-chart"
          height={280}
          option={{
            tooltip: { trigger: 'axis' },
            legend: { top: 0 },
            grid: { left: 40, right: 16, top: 56, bottom: 32 },
            xAxis: { type: 'category', data: RATES.map((r) => t(`pilots.indicator.${r}`)) },
            yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
            series,
          }}
        />
      </Suspense>
      ) : (
        <p className="muted" data-testid="no-rates">{t('pilots.noRates')}</p>
      )}
    </section>
  );
}
