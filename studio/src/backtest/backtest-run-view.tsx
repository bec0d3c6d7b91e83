/**
 * One replay: followed every second while it runs (a progress bar and a cancel button), then its
 * figures (events decided again, decided differently, newly late), the fields that differ, the
 * changed events by category and township, the load moved between units, and the changed events
 * themselves.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Popconfirm, Progress, Tag } from 'antd';
import { backtestsApi, type Backtest } from '../api/backtests-client';
import { useLanguage } from '../i18n/use-label';
import { EChart } from '../ops/echart';
import { DIFF_FIELDS, DiffSummaryTables } from '../pilots/decision-diff';
import { useSession } from '../session/session-context';
import { formatDateTime } from '../util/zoned';
import { BacktestChanges } from './backtest-changes';
import type { ReplayNames } from './backtest-names';
import { configLabel, periodLabel, STATUS_COLOR } from './backtest-labels';

const POLL_MS = 1000;

export function BacktestRunView({ id, names, timeZone, onEnded }: { id: string; names: ReplayNames; timeZone: string; onEnded: (run: Backtest) => void }) {
  const { t } = useTranslation();
  const { api, me } = useSession();
  const language = useLanguage();
  const [run, setRun] = useState<Backtest | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let wasRunning = false;
    const poll = () =>
      backtestsApi.get(api, me.county, id).then(
        ({ backtest }) => {
          if (!live) return;
          setRun(backtest);
          setError(null);
          if (backtest.status === 'running') {
            wasRunning = true;
            timer = setTimeout(poll, POLL_MS);
          } else if (wasRunning) onEnded(backtest);
        },
        (e: Error) => live && setError(e.message),
      );
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // onEnded is the page's list reload: a new function each render, not a reason to poll afresh
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, me.county, id]);

  const cancel = () => {
    setCancelling(true);
    backtestsApi.cancel(api, me.county, id).then(
      ({ backtest }) => (setRun(backtest), backtest.status !== 'running' && onEnded(backtest)),
      (e: Error) => setError(e.message),
    ).finally(() => setCancelling(false));
  };

  if (error && !run) return <p className="notice notice-error" role="alert">{error}</p>;
  if (!run) return <p className="muted">{t('common.loading')}</p>;
  const running = run.status === 'running';
  return (
    <section className="backtest-run" data-testid="backtest-run" data-status={run.status} data-run={run.id}>
      <h2>{t('backtest.run', { config: configLabel(run, t), period: periodLabel(run, timeZone) })}</h2>
      <p className="muted small">
        <Tag color={STATUS_COLOR[run.status]} data-testid="run-status">{t(`backtest.status.${run.status}`)}</Tag>
        <span title={run.createdBy}>{t('backtest.startedAt', { at: formatDateTime(run.createdAt, timeZone, language) })}</span>
      </p>
      {error && <p className="notice notice-error" role="alert">{error}</p>}
      {running && (
        <div className="backtest-progress" data-testid="backtest-progress">
          <Progress percent={Math.floor(run.progress.fraction * 100)} status="active" />
          <span className="muted small">{t('backtest.progress', { done: run.progress.done, total: run.progress.total })}</span>
          <Popconfirm title={t('backtest.cancelConfirm')} onConfirm={cancel}>
            <Button danger size="small" data-action="cancel-backtest" loading={cancelling || run.cancelRequested}>{run.cancelRequested ? t('backtest.cancelling') : t('backtest.cancel')}</Button>
          </Popconfirm>
        </div>
      )}
      {run.status === 'failed' && <p className="notice notice-error" role="alert">{t('backtest.failedReason', { reason: run.error ?? '' })}</p>}
      {run.status === 'interrupted' && <p className="notice notice-warn">{t('backtest.interrupted')}</p>}
      {run.status === 'cancelled' && <p className="notice notice-warn">{t('backtest.partial')}</p>}
      {run.totals && <RunFigures run={run} />}
      {run.summary && !running && <RunSummary run={run} names={names} />}
      {!running && run.totals && <BacktestChanges key={run.id} run={run} names={names} timeZone={timeZone} />}
    </section>
  );
}

function RunFigures({ run }: { run: Backtest }) {
  const { t } = useTranslation();
  const totals = run.totals!;
  const figure = (key: string, value: number, tone?: 'red') => (
    <div className={`figure${tone ? ` figure-${tone}` : ''}`} data-figure={key} key={key}>
      <span className="figure-label">{t(`backtest.figures.${key}`)}</span>
      <span className="figure-value">{value}</span>
    </div>
  );
  return (
    <>
      <div className="figures backtest-figures" data-testid="backtest-figures">
        {figure('events', totals.events)}
        {figure('changed', totals.changed)}
        {figure('newlyLate', totals.newlyLate.events, totals.newlyLate.events > 0 ? 'red' : undefined)}
        {figure('newlyLateAccept', totals.newlyLate.accept)}
        {figure('newlyLateResolve', totals.newlyLate.resolve)}
        {totals.failed > 0 && figure('failed', totals.failed)}
      </div>
      {totals.changed > 0 && (
        <p className="backtest-fields" data-testid="backtest-fields">
          <span className="muted">{t('backtest.fields')} </span>
          {DIFF_FIELDS.filter((f) => (totals.fields[f] ?? 0) > 0).map((f) => (
            <Tag key={f} data-field={f}>{t(`pilots.diff.field.${f}`)} {totals.fields[f]}</Tag>
          ))}
        </p>
      )}
    </>
  );
}

function RunSummary({ run, names }: { run: Backtest; names: ReplayNames }) {
  const { t } = useTranslation();
  const summary = run.summary!;
  const changedCategories = useMemo(() => summary.byCategory.filter((c) => c.changed > 0).slice(0, 12), [summary]);
  const option = useMemo(() => {
    const rows = [...changedCategories].reverse();
    return {
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: rows.map((c) => names.name('category', c.category)), axisLabel: { width: 120, overflow: 'truncate' } },
      series: [{ type: 'bar', data: rows.map((c) => c.changed), itemStyle: { color: '#1f5fbf' }, barMaxWidth: 18 }],
    };
  }, [changedCategories, names]);
  return (
    <div className="backtest-summary" data-testid="backtest-summary">
      {changedCategories.length > 0 && (
        <>
          <h3>{t('backtest.chart')}</h3>
          <EChart option={option} height={Math.max(120, changedCategories.length * 28 + 24)} testId="backtest-chart" />
        </>
      )}
      <DiffSummaryTables summary={{ ...summary, byCategory: summary.byCategory.filter((c) => c.changed > 0) }} name={names.name} />
      {summary.failures.length > 0 && (
        <p className="backtest-failures">
          <span className="muted">{t('backtest.failures')} </span>
          {summary.failures.map((f) => <Tag key={f.code}>{t(`apiError.${f.code}`, { defaultValue: f.code })} {f.events}</Tag>)}
        </p>
      )}
    </div>
  );
}
