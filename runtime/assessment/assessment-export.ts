/**
 * Assessment results as spreadsheets (XLSX or CSV, Chinese headers): the ranking table — one row
 * per unit with each indicator's value and score, the system score, each rating and the total —
 * and a figure's events.
 */
import type { Response } from 'express';
import { WORDS } from '../../engine/config/messages';
import { apiTime } from '../http/api-time';
import { writeSheet, XLSX_TYPE, type SheetFormat } from '../imports/spreadsheet';
import type { ComputedAssessment } from './compute-assessment';
import type { DrillItem, EventSummary } from './drill-down';

const NOT_APPLICABLE = '不适用';
const FACT_NAMES: Record<string, string> = { accept: '受理时限', resolve: '办结时限', resolution: '办结', rating: '满意度评价', event: '事件' };

const kindName = (kind: string) => (Object.hasOwn(WORDS, kind) ? WORDS[kind as keyof typeof WORDS].zh : kind);
const text = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));

function valueText(kind: 'rate' | 'count', value: number | null): string {
  if (value === null) return NOT_APPLICABLE;
  return kind === 'rate' ? `${(value * 100).toFixed(2)}%` : String(value);
}

/** The ranking table of a computed (or stored) assessment. */
export function rankingSheet(view: Pick<ComputedAssessment, 'indicators' | 'sources' | 'units'>): { header: string[]; rows: string[][] } {
  const ratingSources = view.sources.filter((s) => !s.system);
  const header = [
    '排名',
    '单位编号',
    '单位名称',
    '单位类型',
    '所属乡镇',
    ...view.indicators.flatMap((i) => [`${i.name.zh}（值）`, `${i.name.zh}（得分）`]),
    '系统指标得分',
    ...ratingSources.map((s) => s.name.zh),
    '总分',
    '评分是否齐全',
  ];
  const rows = view.units.map((u) => [
    text(u.rank),
    u.unit,
    u.name.zh,
    kindName(u.kind),
    u.township ?? '',
    ...view.indicators.flatMap((i) => {
      const scored = u.indicators.find((x) => x.id === i.id);
      return [valueText(i.kind, scored?.value ?? null), scored?.score === null || scored === undefined ? NOT_APPLICABLE : String(scored.score)];
    }),
    text(u.systemScore),
    ...ratingSources.map((s) => {
      const source = u.sources.find((x) => x.id === s.id);
      return source === undefined ? NOT_APPLICABLE : text(source.score);
    }),
    text(u.total),
    u.complete ? '是' : `否（缺：${u.missing.join('、')}）`,
  ]);
  return { header, rows };
}

/** The events behind a figure. */
export function drillSheet(items: readonly DrillItem[], events: ReadonlyMap<string, EventSummary>, timeZone: string): { header: string[]; rows: string[][] } {
  const time = (ms: number | null) => (ms === null ? '' : apiTime(ms, timeZone));
  const header = ['事件编号', '小类', '等级', '状态', '上报时间', '计入项', '开始/办结时间', '截止时间', '完成时间', '计入分子'];
  const rows = items.map((item) => {
    const e = events.get(item.eventId);
    return [item.eventId, e?.category ?? '', text(e?.level), e?.state ?? '', e ? time(e.reportedAt) : '', FACT_NAMES[item.fact] ?? item.fact, time(item.since), time(item.dueAt), time(item.settledAt), item.counted ? '是' : '否'];
  });
  return { header, rows };
}

/** Sends a sheet as a download named `${baseName}.${format}`. */
export async function sendSheet(res: Response, opts: { format: SheetFormat; sheetName: string; baseName: string; sheet: { header: string[]; rows: string[][] } }): Promise<void> {
  const bytes = await writeSheet({ format: opts.format, sheetName: opts.sheetName, header: opts.sheet.header, rows: opts.sheet.rows });
  res.set({
    'Content-Type': opts.format === 'xlsx' ? XLSX_TYPE : 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${opts.baseName}.${opts.format}"`,
  });
  res.send(bytes);
}
