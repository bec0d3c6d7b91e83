/**
 * Spreadsheets written as rows arrive, for exports of any length: CSV (UTF-8 with a BOM, so that
 * Excel reads the Chinese headers) or XLSX through exceljs's streaming WorkbookWriter (each row
 * committed as it is added, never the whole sheet in memory). Cells are text, numbers or instants;
 * an instant is a real Excel date in XLSX (the county's wall-clock time, formatted
 * yyyy-mm-dd hh:mm:ss) and `YYYY-MM-DD HH:mm:ss` text in CSV, both in the county's zone.
 */
import type { Response } from 'express';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { epochToWall } from '../../engine/sla/zoned-time';
import { XLSX_TYPE, type SheetFormat } from '../imports/spreadsheet';

export type Cell = string | number | { at: number } | null;

export interface SheetColumn {
  header: string;
  /** Characters of width in XLSX (default from the header). */
  width?: number;
  date?: boolean;
}

export interface SheetStream {
  add(row: readonly Cell[]): Promise<void>;
  end(): Promise<void>;
}

/** The wall-clock time of an instant in the zone, as `YYYY-MM-DD HH:mm:ss`. */
export function wallText(at: number, timeZone: string): string {
  return new Date(epochToWall(at, timeZone)).toISOString().slice(0, 19).replace('T', ' ');
}

/** Waits until the response takes more, when its buffer is full. */
function written(res: Response, chunk: string | Buffer): Promise<void> {
  if (res.write(chunk)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      res.off('drain', ok);
      res.off('close', closed);
      if (err) reject(err);
      else resolve();
    };
    const ok = () => done();
    const closed = () => done(new Error('the client closed the download'));
    res.once('drain', ok);
    res.once('close', closed);
  });
}

/** Sets the download's headers and returns a writer of its rows. */
export function startSheet(res: Response, opts: { format: SheetFormat; sheetName: string; baseName: string; columns: readonly SheetColumn[]; timeZone: string }): SheetStream {
  const { columns, timeZone } = opts;
  res.set({
    'Content-Type': opts.format === 'xlsx' ? XLSX_TYPE : 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${opts.baseName}.${opts.format}"`,
    'Cache-Control': 'no-store',
  });
  if (opts.format === 'csv') {
    const line = (cells: readonly Cell[]) => `${Papa.unparse([cells.map((c) => (c === null ? '' : typeof c === 'object' ? wallText(c.at, timeZone) : c))])}\r\n`;
    let started = false;
    const head = () => (started ? '' : ((started = true), `\uFEFF${line(columns.map((c) => c.header))}`));
    return {
      add: (row) => written(res, head() + line(row)),
      async end() {
        if (!started) await written(res, head());
        res.end();
      },
    };
  }
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(opts.sheetName);
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width ?? Math.max(12, c.header.length * 2 + 4), ...(c.date ? { style: { numFmt: 'yyyy-mm-dd hh:mm:ss' } } : {}) }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let pending = 0;
  return {
    async add(row) {
      // a Date whose UTC fields are the county's wall-clock time: Excel dates have no zone
      sheet.addRow(row.map((c) => (c !== null && typeof c === 'object' ? new Date(epochToWall(c.at, timeZone)) : c))).commit();
      // let the zip stream flush to the socket now and then
      if (++pending % 500 === 0 && res.writableNeedDrain) await new Promise<void>((resolve) => res.once('drain', () => resolve()));
    },
    async end() {
      sheet.commit();
      await workbook.commit();
    },
  };
}
