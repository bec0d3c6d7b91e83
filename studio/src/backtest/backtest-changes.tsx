/**
 * The changed events of a replay, a page at a time (the API's keyset cursor), filtered by
 * category, township and newly late: each with the changed fields real beside replayed, and
 * both explanations side by side.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Checkbox, Select, Space, Tag } from 'antd';
import { backtestsApi, type Backtest, type BacktestChange } from '../api/backtests-client';
import { useLanguage } from '../i18n/use-label';
import { Link } from '../router/link';
import { DecisionSides, type DiffField } from '../pilots/decision-diff';
import { useSession } from '../session/session-context';
import { formatDateTime } from '../util/zoned';
import type { ReplayNames } from './backtest-names';
import { BacktestTrail } from './backtest-trail';

const PAGE = 20;

interface Filter {
  category?: string;
  township?: string;
  newlyLate: boolean;
}

export function BacktestChanges({ run, names, timeZone }: { run: Backtest; names: ReplayNames; timeZone: string }) {
  const { t } = useTranslation();
  const { api, me } = useSession();
  const [filter, setFilter] = useState<Filter>({ newlyLate: false });
  // cursors[i] opens page i (the first page has none)
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined]);
  const [page, setPage] = useState(0);
  const [data, setData] = useState<{ items: BacktestChange[]; next: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    backtestsApi.changes(api, me.county, run.id, { ...filter, limit: PAGE, after: cursors[page] }).then(
      (r) => live && (setData(r), setError(null)),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [api, me.county, run.id, filter, cursors, page]);

  const refilter = (change: Partial<Filter>) => {
    setFilter((f) => ({ ...f, ...change }));
    setCursors([undefined]);
    setPage(0);
  };
  const next = () => {
    if (!data?.next) return;
    const cursor = data.next;
    setCursors((c) => [...c.slice(0, page + 1), cursor]);
    setPage(page + 1);
  };
  const categories = (run.summary?.byCategory ?? []).filter((c) => c.changed > 0 && c.category !== null);
  const townships = (run.summary?.byTownship ?? []).filter((c) => c.changed > 0 && c.township !== null);
  return (
    <section className="backtest-changes" data-testid="backtest-changes">
      <h2>{t('backtest.changes')}</h2>
      <div className="backtest-filters">
        <Select<string>
          data-testid="filter-category"
          allowClear
          placeholder={t('backtest.filters.category')}
          value={filter.category}
          onChange={(v) => refilter({ category: v ?? undefined })}
          options={categories.map((c) => ({ value: c.category!, label: `${names.name('category', c.category)} (${c.changed})` }))}
          popupMatchSelectWidth={false}
        />
        <Select<string>
          data-testid="filter-township"
          allowClear
          placeholder={t('backtest.filters.township')}
          value={filter.township}
          onChange={(v) => refilter({ township: v ?? undefined })}
          options={townships.map((c) => ({ value: c.township!, label: `${names.name('unit', c.township)} (${c.changed})` }))}
          popupMatchSelectWidth={false}
        />
        <Checkbox data-testid="filter-newly-late" checked={filter.newlyLate} onChange={(e) => refilter({ newlyLate: e.target.checked })}>
          {t('backtest.filters.newlyLate')}
        </Checkbox>
      </div>
      {error && <p className="notice notice-error" role="alert">{error}</p>}
      {data && data.items.length === 0 && <p className="muted">{t('backtest.noChanges')}</p>}
      <ul className="diff-changes backtest-change-list">
        {data?.items.map((c) => <ChangedEvent key={c.eventId} change={c} names={names} timeZone={timeZone} />)}
      </ul>
      {(page > 0 || data?.next) && (
        <Space className="backtest-pager">
          <Button size="small" data-action="prev-page" disabled={page === 0} onClick={() => setPage(page - 1)}>{t('backtest.prev')}</Button>
          <span className="muted">{t('backtest.page', { page: page + 1 })}</span>
          <Button size="small" data-action="next-page" disabled={!data?.next} onClick={next}>{t('backtest.next')}</Button>
        </Space>
      )}
    </section>
  );
}

function ChangedEvent({ change: c, names, timeZone }: { change: BacktestChange; names: ReplayNames; timeZone: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const late = (which: 'real' | 'other', field: DiffField) => {
    const side = which === 'real' ? c.before : c.after;
    return (field === 'acceptDue' && side.late.accept) || (field === 'resolveDue' && side.late.resolve);
  };
  return (
    <li data-event={c.eventId}>
      <div className="backtest-change-head">
        <Link to={`/events/${c.eventId}`}>{formatDateTime(c.reportedAt, timeZone, language)}</Link> · {names.name('category', c.category)} · {c.township ? names.name('unit', c.township) : t('pilots.diff.noPlace')}
        {c.newlyLate.map((clock) => <Tag key={clock} color="red" data-newly-late={clock} style={{ marginLeft: 6 }}>{t(`backtest.newlyLateTag.${clock}`)}</Tag>)}
      </div>
      <div className="backtest-sides-box">
        <DecisionSides changes={c.changes} real={c.before} other={c.after} sides={{ real: t('backtest.real'), other: t('backtest.replay'), otherKey: 'replay' }} name={names.name} timeZone={timeZone} late={late} policyName={names.policy} />
      </div>
      <div className="backtest-trails">
        <BacktestTrail trail={c.explanation.before} other={c.explanation.after} side="real" title={t('backtest.explanation.real')} ruleName={(id) => names.rule('real', id)} />
        <BacktestTrail trail={c.explanation.after} other={c.explanation.before} side="replay" title={t('backtest.explanation.replay')} ruleName={(id) => names.rule('replay', id)} />
      </div>
    </li>
  );
}
