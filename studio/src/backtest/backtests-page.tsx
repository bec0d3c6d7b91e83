/**
 * Replay (回放): the county's events of a period decided again under a draft or a published
 * version and compared with what they got (docs/backtest.md). Start a run, follow its progress
 * or cancel it, and reopen any saved run: its address carries its id (`/backtests?run=ID`), and
 * `?draft=N` or `?version=N` opens the form with that config chosen.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Progress, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { backtestsApi, type Backtest } from '../api/backtests-client';
import type { ConfigVersionSummary } from '../api/types';
import { backtestErrors, backtestText } from '../i18n/backtest';
import { pilotsText } from '../i18n/pilots';
import { registerTexts } from '../i18n/register-texts';
import { useLanguage } from '../i18n/use-label';
import { useCountyConfig } from '../ops/use-county-config';
import { Link } from '../router/link';
import { navigate, useRoute } from '../router/router';
import { useSession } from '../session/session-context';
import { formatDateTime } from '../util/zoned';
import { BacktestForm, type ConfigSource } from './backtest-form';
import { configLabel, periodLabel, STATUS_COLOR } from './backtest-labels';
import { useReplayNames } from './backtest-names';
import { BacktestRunView } from './backtest-run-view';
import './backtest.css';

registerTexts('backtest', backtestText);
registerTexts('pilots', pilotsText);
registerTexts('apiError', backtestErrors);

const presetOf = (query: URLSearchParams): ConfigSource | null => {
  const draft = Number(query.get('draft'));
  const version = Number(query.get('version'));
  return draft > 0 ? { draft } : version > 0 ? { version } : null;
};

export function BacktestsPage() {
  const { t } = useTranslation();
  const { api, me } = useSession();
  const route = useRoute();
  const language = useLanguage();
  const runId = route.query.get('run');
  const [runs, setRuns] = useState<Backtest[] | null>(null);
  const [versions, setVersions] = useState<ConfigVersionSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const opened = runs?.find((r) => r.id === runId) ?? null;
  const replayedVersion = opened?.config.version ?? undefined;
  const { compiled: inForce } = useCountyConfig();
  const { compiled: replayed } = useCountyConfig(replayedVersion ?? undefined);
  const names = useReplayNames(inForce, replayedVersion === undefined ? null : replayed);
  const timeZone = inForce?.timeZone ?? 'Asia/Shanghai';

  const load = useCallback(() => {
    backtestsApi.list(api, me.county).then((r) => (setRuns(r.backtests), setError(null)), (e: Error) => setError(e.message));
  }, [api, me.county]);
  useEffect(load, [load]);
  useEffect(() => {
    api.listConfigs(me.county).then((r) => setVersions(r.versions), () => undefined);
  }, [api, me.county]);

  const start = (body: ConfigSource & { from: string; to: string }) => {
    setStarting(true);
    backtestsApi.start(api, me.county, body).then(
      ({ backtest }) => (setError(null), setRuns((list) => [backtest, ...(list ?? [])]), navigate(`/backtests?run=${backtest.id}`)),
      (e: Error) => setError(e.message),
    ).finally(() => setStarting(false));
  };

  const columns: ColumnsType<Backtest> = [
    { title: t('backtest.columns.createdAt'), key: 'createdAt', render: (_, r) => <Link to={`/backtests?run=${r.id}`} data-action="open-run">{formatDateTime(r.createdAt, timeZone, language)}</Link> },
    { title: t('backtest.columns.status'), key: 'status', render: (_, r) => <Tag color={STATUS_COLOR[r.status]} data-status={r.status}>{t(`backtest.status.${r.status}`)}</Tag> },
    { title: t('backtest.columns.config'), key: 'config', render: (_, r) => configLabel(r, t) },
    { title: t('backtest.columns.period'), key: 'period', render: (_, r) => <span className="nowrap">{periodLabel(r, timeZone)}</span> },
    { title: t('backtest.columns.progress'), key: 'progress', render: (_, r) => <Progress percent={Math.floor(r.progress.fraction * 100)} size="small" style={{ width: 110 }} status={r.status === 'running' ? 'active' : r.status === 'done' ? 'success' : 'normal'} /> },
    { title: t('backtest.columns.totals'), key: 'totals', render: (_, r) => (r.totals ? `${r.totals.events} / ${r.totals.changed}` : '—') },
    { title: '', key: 'open', render: (_, r) => <Button size="small" onClick={() => navigate(`/backtests?run=${r.id}`)}>{t('backtest.open')}</Button> },
  ];

  return (
    <main className="page backtests-page">
      <h1>{t('backtest.title')}</h1>
      {error && <p className="notice notice-error" role="alert">{error}</p>}
      {runId ? (
        <>
          <p><Link to="/backtests" data-action="back-to-runs">← {t('backtest.backToList')}</Link></p>
          <BacktestRunView key={runId} id={runId} names={names} timeZone={timeZone} onEnded={load} />
        </>
      ) : (
        <>
          <p className="muted">{t('backtest.intro')}</p>
          <BacktestForm key={route.query.toString()} versions={versions} preset={presetOf(route.query)} timeZone={timeZone} busy={starting} onStart={start} />
          <section className="backtest-runs">
            <h2>{t('backtest.runs')}</h2>
            {runs && runs.length === 0 && <p className="muted">{t('backtest.none')}</p>}
            {runs && runs.length > 0 && <Table<Backtest> rowKey="id" size="small" className="backtest-runs-table" pagination={false} scroll={{ x: 'max-content' }} columns={columns} dataSource={runs} />}
          </section>
        </>
      )}
    </main>
  );
}
