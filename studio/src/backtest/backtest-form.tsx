/**
 * Starting a replay: a draft or a published version (the county's configs), and a period of
 * whole days in the county's time zone — the last three months unless chosen otherwise.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, DatePicker, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ConfigVersionSummary } from '../api/types';
import { useLabel } from '../i18n/use-label';
import { dateOf } from '../util/zoned';

export type ConfigSource = { draft: number } | { version: number };

const sourceKey = (s: ConfigSource) => ('draft' in s ? `draft:${s.draft}` : `version:${s.version}`);
function parseSource(key: string): ConfigSource {
  const [kind, n] = key.split(':');
  return kind === 'draft' ? { draft: Number(n) } : { version: Number(n) };
}

export function BacktestForm({ versions, preset, timeZone, busy, onStart }: {
  versions: ConfigVersionSummary[];
  preset: ConfigSource | null;
  timeZone: string;
  busy: boolean;
  onStart: (body: ConfigSource & { from: string; to: string }) => void;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const today = dayjs(dateOf(Date.now(), timeZone));
  const [source, setSource] = useState<string | undefined>(preset ? sourceKey(preset) : undefined);
  const [from, setFrom] = useState<Dayjs>(today.subtract(3, 'month'));
  const [to, setTo] = useState<Dayjs>(today);
  const name = (v: ConfigVersionSummary) => (v.name ? ` · ${label(v.name)}` : '');
  const drafts = versions.filter((v) => v.status === 'draft');
  const published = versions.filter((v) => v.status === 'published');
  const options = [
    ...(drafts.length ? [{ label: t('backtest.drafts'), options: drafts.map((v) => ({ value: `draft:${v.version}`, label: `${t('backtest.draft', { version: v.version })}${name(v)}` })) }] : []),
    ...(published.length ? [{ label: t('backtest.versions'), options: published.map((v) => ({ value: `version:${v.version}`, label: `${t('backtest.version', { version: v.version })}${v.active ? t('backtest.active') : ''}${name(v)}` })) }] : []),
  ];
  const ready = source !== undefined && !to.isBefore(from, 'day');
  return (
    <section className="backtest-new" data-testid="backtest-new">
      <h2>{t('backtest.new')}</h2>
      <div className="backtest-form">
        <label>
          {t('backtest.source')}
          <Select<string> data-testid="backtest-source" value={source} onChange={setSource} placeholder={t('backtest.sourceHint')} options={options} popupMatchSelectWidth={false} />
        </label>
        <label>
          {t('backtest.from')}
          <DatePicker id="backtest-from" value={from} allowClear={false} format="YYYY-MM-DD" onChange={(d) => d && setFrom(d)} />
        </label>
        <label>
          {t('backtest.to')}
          <DatePicker id="backtest-to" value={to} allowClear={false} format="YYYY-MM-DD" onChange={(d) => d && setTo(d)} />
        </label>
        <Button type="primary" data-action="start-backtest" disabled={!ready || busy} loading={busy} onClick={() => source && onStart({ ...parseSource(source), from: from.format('YYYY-MM-DD'), to: to.format('YYYY-MM-DD') })}>
          {t('backtest.start')}
        </Button>
      </div>
    </section>
  );
}
