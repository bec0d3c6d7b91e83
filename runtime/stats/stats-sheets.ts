/**
 * The dashboards' tables as spreadsheets with Chinese headers: a breakdown (by category, township,
 * unit or channel) and the units with the most overdue events.
 */
import type { Response } from 'express';
import type { SheetFormat } from '../imports/spreadsheet';
import type { BreakdownBy, BreakdownRow, OverdueUnitRow } from './breakdown';
import { startSheet, wallText } from './sheet-stream';

const KEY_HEADERS: Record<BreakdownBy, [string, string]> = {
  category: ['类别编号', '类别'],
  township: ['乡镇编号', '乡镇'],
  unit: ['处置单位编号', '处置单位'],
  source: ['来源', '来源名称'],
};

export async function sendBreakdown(res: Response, opts: { format: SheetFormat; by: BreakdownBy; from: number; to: number; rows: readonly BreakdownRow[]; timeZone: string }): Promise<void> {
  const [keyHeader, nameHeader] = KEY_HEADERS[opts.by];
  const day = (at: number) => wallText(at, opts.timeZone).slice(0, 10);
  const sheet = startSheet(res, {
    format: opts.format,
    sheetName: '分类统计',
    baseName: `breakdown-${opts.by}-${day(opts.from)}-${day(opts.to - 1)}`,
    timeZone: opts.timeZone,
    columns: [{ header: keyHeader, width: 20 }, { header: nameHeader, width: 24 }, { header: '上报数' }, { header: '办理中' }, { header: '红灯' }, { header: '超期' }, { header: '已办结' }, { header: '统计起始', date: true, width: 20 }, { header: '统计截止', date: true, width: 20 }],
  });
  for (const r of opts.rows) await sheet.add([r.key ?? '', r.name?.zh ?? '', r.reported, r.open, r.red, r.overdue, r.closed, { at: opts.from }, { at: opts.to }]);
  await sheet.end();
}

export async function sendOverdueUnits(res: Response, opts: { format: SheetFormat; rows: readonly OverdueUnitRow[]; asOf: number; timeZone: string }): Promise<void> {
  const sheet = startSheet(res, {
    format: opts.format,
    sheetName: '超期单位',
    baseName: `overdue-units-${wallText(opts.asOf, opts.timeZone).slice(0, 10)}`,
    timeZone: opts.timeZone,
    columns: [{ header: '排名' }, { header: '处置单位编号', width: 20 }, { header: '处置单位', width: 24 }, { header: '超期' }, { header: '红灯' }, { header: '办理中' }, { header: '统计时间', date: true, width: 20 }],
  });
  let rank = 0;
  for (const r of opts.rows) await sheet.add([++rank, r.unit, r.name?.zh ?? '', r.overdue, r.red, r.open, { at: opts.asOf }]);
  await sheet.end();
}
