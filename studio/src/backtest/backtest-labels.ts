/** How a replay is named on the page: its config (draft N, vN, a file) and its period (dates, the end inclusive). */
import type { TFunction } from 'i18next';
import type { Backtest, BacktestStatus } from '../api/backtests-client';
import { dateOf } from '../util/zoned';

export const STATUS_COLOR: Record<BacktestStatus, string> = { running: 'processing', done: 'success', cancelled: 'warning', interrupted: 'warning', failed: 'error' };

export function configLabel(run: Backtest, t: TFunction): string {
  const { kind, version, label } = run.config;
  if (kind === 'draft' && version !== null) return t('backtest.draft', { version });
  if (kind === 'version' && version !== null) return t('backtest.version', { version });
  return label;
}

/** `2026-03-01 — 2026-05-31`: `to` is exclusive, so the last day shown is the one before it. */
export function periodLabel(run: Pick<Backtest, 'from' | 'to'>, timeZone: string): string {
  return `${dateOf(Date.parse(run.from), timeZone)} — ${dateOf(Date.parse(run.to) - 1, timeZone)}`;
}
