/**
 * A worklist as a spreadsheet (`GET …/events?format=csv|xlsx`): every event the filters select,
 * not one page, read in keyset pages and written row by row as each page arrives (never the
 * whole list in memory), with Chinese headers and the names the active config gives categories,
 * states and units; times as dates in the county's zone.
 */
import type { Response } from 'express';
import type { CompiledConfig } from '../../../engine/index';
import type { SheetFormat } from '../../imports/spreadsheet';
import { storedBoolean, storedJson, storedTime } from '../../db/raw-sql';
import { startSheet, wallText, type Cell } from '../../stats/sheet-stream';
import { sourceName } from '../../stats/source-names';

/** Rows read per page of an export. */
export const EXPORT_PAGE = 500;

const COLUMNS = [
  { header: '事件编号', width: 38 },
  { header: '类别编号', width: 22 },
  { header: '类别', width: 20 },
  { header: '等级' },
  { header: '状态', width: 12 },
  { header: '是否办结' },
  { header: '红灯' },
  { header: '处置单位', width: 20 },
  { header: '调度单位', width: 20 },
  { header: '乡镇', width: 16 },
  { header: '网格', width: 20 },
  { header: '来源', width: 14 },
  { header: '上报时间', date: true, width: 20 },
  { header: '更新时间', date: true, width: 20 },
  { header: '受理时限', date: true, width: 20 },
  { header: '办结时限', date: true, width: 20 },
] as const;

/** A page of raw event rows and whether more follow; `after` is the last row of the previous page. */
export type PageReader = (after: { at: number; id: string; red: boolean } | null, limit: number) => Promise<{ rows: Array<{ raw: Record<string, unknown>; id: string; at: number; red: boolean }>; more: boolean }>;

function due(sla: unknown, clock: 'accept' | 'resolve'): Cell {
  const plan = (sla as { clocks?: Record<string, { dueAt?: number | null; stoppedAt?: number }> } | null)?.clocks?.[clock];
  return plan && typeof plan.dueAt === 'number' && plan.stoppedAt === undefined ? { at: plan.dueAt } : null;
}

export async function sendWorklist(res: Response, opts: { format: SheetFormat; read: PageReader; compiled: CompiledConfig | undefined; timeZone: string; countyId: string; now: number }): Promise<void> {
  const { compiled } = opts;
  const unitName = (id: unknown) => (typeof id === 'string' ? (compiled?.unit(id)?.name.zh ?? id) : '');
  const sheet = startSheet(res, { format: opts.format, sheetName: '事件清单', baseName: `events-${opts.countyId}-${wallText(opts.now, opts.timeZone).slice(0, 10)}`, columns: COLUMNS, timeZone: opts.timeZone });
  let after: { at: number; id: string; red: boolean } | null = null;
  for (;;) {
    const page = await opts.read(after, EXPORT_PAGE);
    for (const { raw: e, id, at, red } of page.rows) {
      const category = String(e.category);
      const state = String(e.state);
      const sla = storedJson(e.sla);
      await sheet.add([
        id, category, compiled?.category(category)?.minor.name.zh ?? category, Number(e.level), compiled?.workflow.states.get(state)?.name.zh ?? state,
        storedBoolean(e.closed) ? '是' : '否', red ? '是' : '否', unitName(e.handlingUnit), unitName(e.dispatcher), unitName(e.township), unitName(e.grid),
        sourceName(String(e.source))?.zh ?? String(e.source), { at }, { at: storedTime(e.updatedAt) }, due(sla, 'accept'), due(sla, 'resolve'),
      ]);
    }
    const last = page.rows[page.rows.length - 1];
    if (!page.more || !last) break;
    after = { at: last.at, id: last.id, red: last.red };
  }
  await sheet.end();
}
