/**
 * bench/import: the units import of a 10,000-row XLSX (villages of the baseline catalog's
 * townships, one grid a row, with their 1+1+X staffing) — read, check every row, merge into the
 * catalog's units — against the baseline of only loading the same workbook with exceljs, in the
 * same run. Target: 10,000 rows in under 10 s.
 *
 * `node --import tsx bench/import.ts [--rows 10000]`
 */
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { CATALOGS_DIR } from '../runtime/config-loader';
import { readSheet } from '../runtime/imports/spreadsheet';
import { UNIT_COLUMN_KEYS, UNIT_COLUMNS } from '../runtime/imports/unit-columns';
import { checkUnitRows } from '../runtime/imports/unit-rows';

const TOWNSHIPS = ['qs-fx', 'qs-cn', 'qs-ht'];
const GRIDS_PER_VILLAGE = 8;

/** A workbook of `rows` grid rows, `GRIDS_PER_VILLAGE` per new village. */
export async function unitsWorkbook(rows: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('单位');
  sheet.addRow(UNIT_COLUMN_KEYS.map((k) => UNIT_COLUMNS[k].header));
  for (let i = 0; i < rows; i++) {
    const v = Math.floor(i / GRIDS_PER_VILLAGE);
    const township = TOWNSHIPS[v % TOWNSHIPS.length];
    const village = `${township}-b${String(v).padStart(4, '0')}`;
    const first = i % GRIDS_PER_VILLAGE === 0;
    sheet.addRow([township, village, first ? `第${v}村` : '', '', first ? (v % 5 === 0 ? '社区' : '村') : '', `${village}-g${(i % GRIDS_PER_VILLAGE) + 1}`, `第${v}村第${(i % GRIDS_PER_VILLAGE) + 1}网格`, '', `网格长${i}`, `专职${i}、专职${i}b`, `兼职${i}`]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function benchImport(options: { rows?: number } = {}): Promise<{ rows: number; seconds: number; rowsPerSecond: number; ratio: number }> {
  const rows = options.rows ?? 10_000;
  const units = JSON.parse(await readFile(`${CATALOGS_DIR}/zhejiang-four-platforms/units.json`, 'utf8')) as unknown[];
  const file = await unitsWorkbook(rows);
  console.log(`bench/import  units import: a ${rows.toLocaleString('en')}-row XLSX (${(file.length / 1024).toFixed(0)} KB), ${rows / GRIDS_PER_VILLAGE} new villages, ${rows} new grids, into the baseline catalog's units`);
  // warm-up of both paths, then the median of three runs each, interleaved
  const load = async () => {
    const t = performance.now();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    return performance.now() - t;
  };
  let checked = 0;
  const full = async () => {
    const t = performance.now();
    const sheet = await readSheet(file, { maxRows: 20_000 });
    const result = checkUnitRows({ header: sheet.header, rows: sheet.rows, units });
    if (result.errors.length > 0 || !result.units) throw new Error(`bench file has bad rows: ${JSON.stringify(result.errors.slice(0, 3))}`);
    checked = result.added;
    return performance.now() - t;
  };
  await load();
  await full();
  const loads: number[] = [];
  const fulls: number[] = [];
  for (let i = 0; i < 3; i++) {
    loads.push(await load());
    fulls.push(await full());
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1];
  const loadMs = median(loads);
  const fullMs = median(fulls);
  const rowsPerSecond = (rows / fullMs) * 1000;
  const ratio = fullMs / loadMs;
  console.log(`  exceljs load only (baseline):          ${loadMs.toFixed(0).padStart(7)} ms  (${((rows / loadMs) * 1000).toFixed(0)} rows/s)`);
  console.log(`  read + check every row + merge:        ${fullMs.toFixed(0).padStart(7)} ms  (${rowsPerSecond.toFixed(0)} rows/s; ${checked} units added)`);
  console.log(`  ratio import / exceljs load: ${ratio.toFixed(2)}×;  ${rows.toLocaleString('en')} rows in ${(fullMs / 1000).toFixed(2)} s (target < 10 s)`);
  return { rows, seconds: fullMs / 1000, rowsPerSecond, ratio };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf('--rows');
  await benchImport({ rows: at > 0 ? Number(process.argv[at + 1]) : undefined });
}
