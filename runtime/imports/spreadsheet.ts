/**
 * Reads the first sheet of an XLSX workbook (exceljs) or a CSV file (papaparse) into a header and
 * numbered rows of text cells, and writes a template with Chinese headers. The format is told by
 * the bytes (an XLSX is a zip), not by a name; a CSV that is not UTF-8 is read as GB 18030, as
 * Excel in Chinese saves it.
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { SheetRow } from './unit-rows';

export type SheetFormat = 'xlsx' | 'csv';

export interface Sheet {
  format: SheetFormat;
  header: string[];
  rows: SheetRow[];
}

/** Thrown for a file that is not a readable spreadsheet; `code` says why. */
export class SheetError extends Error {
  override name = 'SheetError';
  constructor(readonly code: 'unreadable-file' | 'too-many-rows', message: string, opts?: { cause?: unknown }) {
    super(message, opts);
  }
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ZIP_MAGIC = Buffer.from('PK\x03\x04', 'latin1');

export function sheetFormat(bytes: Buffer): SheetFormat {
  return bytes.subarray(0, 4).equals(ZIP_MAGIC) ? 'xlsx' : 'csv';
}

/** Reads `bytes`; rows whose cells are all empty are skipped (they keep their numbers). */
export async function readSheet(bytes: Buffer, opts: { maxRows: number }): Promise<Sheet> {
  const format = sheetFormat(bytes);
  const table = format === 'xlsx' ? await readXlsx(bytes, opts.maxRows) : readCsv(bytes, opts.maxRows);
  const [header = [], ...rest] = table;
  const rows: SheetRow[] = [];
  rest.forEach((cells, i) => {
    if (cells.some((c) => c.trim() !== '')) rows.push({ row: i + 2, cells });
  });
  return { format, header: header.map((h) => h.trim()), rows };
}

async function readXlsx(bytes: Buffer, maxRows: number): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (cause) {
    throw new SheetError('unreadable-file', 'the file is not a readable XLSX workbook', { cause });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  if (sheet.rowCount > maxRows + 1) throw new SheetError('too-many-rows', `the sheet has more than ${maxRows} rows`);
  const table: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell);
    });
    table[number - 1] = Array.from(cells, (c) => c ?? '');
  });
  return Array.from(table, (r) => r ?? []);
}

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  try {
    return cell.text ?? '';
  } catch {
    return '';
  }
}

function readCsv(bytes: Buffer, maxRows: number): string[][] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('gb18030').decode(bytes);
  }
  if (text.includes('\u0000')) throw new SheetError('unreadable-file', 'the file is neither an XLSX workbook nor a CSV text');
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: false, preview: maxRows + 2 });
  if (parsed.data.length > maxRows + 1) throw new SheetError('too-many-rows', `the file has more than ${maxRows} rows`);
  return parsed.data.map((r) => r.map((c) => String(c ?? '')));
}

/** A workbook (or CSV, UTF-8 with a BOM so Excel reads the Chinese) of the headers and example rows. */
export async function writeSheet(opts: { format: SheetFormat; sheetName: string; header: string[]; rows: string[][] }): Promise<Buffer> {
  if (opts.format === 'csv') {
    return Buffer.from(`\uFEFF${Papa.unparse([opts.header, ...opts.rows])}\r\n`, 'utf8');
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(opts.sheetName);
  sheet.columns = opts.header.map((header) => ({ header, width: Math.max(14, header.length * 2 + 4), style: { numFmt: '@' } }));
  sheet.getRow(1).font = { bold: true };
  for (const row of opts.rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
