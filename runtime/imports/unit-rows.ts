/**
 * Checks the rows of a units spreadsheet against a config draft's `units` and merges them: new
 * villages under their township and new grids under their village are added, units the draft
 * already has (same id, same kind) are updated, nothing else is touched. Pure: rows in, every bad
 * row's problem (row, column, Chinese and English) or the merged units out — never both.
 */
import { normalHeader, staffNames, IGNORED_HEADERS, UNIT_COLUMNS, UNIT_COLUMN_KEYS, type UnitColumn } from './unit-columns';

const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const MAX_NAME = 500;

/** One data row as read from the file: its spreadsheet row number (the header is row 1) and its cells. */
export interface SheetRow {
  row: number;
  cells: string[];
}

export interface ImportError {
  row: number;
  /** The column's header text, or '' for a problem of the whole row or file. */
  column: string;
  code: string;
  message: string;
  messageZh: string;
}

/** A unit as the draft holds it: only the keys the import reads or writes are typed. */
export interface DraftUnit {
  id: string;
  kind: string;
  name: { zh: string; en: string };
  parent?: string;
  escalatesTo?: string;
  [key: string]: unknown;
}

export interface UnitImportResult {
  rows: number;
  added: number;
  updated: number;
  errors: ImportError[];
  /** The draft's units with the file merged in; null while any row is bad. */
  units: DraftUnit[] | null;
}

type Cells = Record<UnitColumn, string>;
interface Planned {
  unit: DraftUnit;
  row: number;
  existing: DraftUnit | undefined;
}

const isUnit = (u: unknown): u is DraftUnit =>
  typeof u === 'object' && u !== null && typeof (u as DraftUnit).id === 'string' && typeof (u as DraftUnit).kind === 'string';

/** Reads the header row: which column holds which field, and the header's own problems. */
function readHeader(header: readonly string[]): { index: Map<UnitColumn, number>; errors: ImportError[] } {
  const byHeader = new Map(UNIT_COLUMN_KEYS.map((key) => [normalHeader(UNIT_COLUMNS[key].header), key]));
  const ignored = new Set(IGNORED_HEADERS.map(normalHeader));
  const index = new Map<UnitColumn, number>();
  const errors: ImportError[] = [];
  header.forEach((text, i) => {
    const normal = normalHeader(text);
    if (normal === '' || ignored.has(normal)) return;
    const key = byHeader.get(normal);
    if (!key) {
      errors.push({ row: 1, column: text, code: 'unknown-column', message: `unknown column "${text}"`, messageZh: `未知的列「${text}」` });
    } else if (index.has(key)) {
      errors.push({ row: 1, column: text, code: 'duplicate-column', message: `the column "${text}" appears twice`, messageZh: `列「${text}」出现了两次` });
    } else index.set(key, i);
  });
  for (const key of UNIT_COLUMN_KEYS) {
    const { header: name, required } = UNIT_COLUMNS[key];
    if (required && !index.has(key)) errors.push({ row: 1, column: name, code: 'missing-column', message: `the column "${name}" is missing`, messageZh: `缺少列「${name}」` });
  }
  return { index, errors };
}

/**
 * Checks `rows` (under `header`) against the draft's `units` and merges them.
 * @example checkUnitRows({ header, rows, units: draft.units }).errors // [] when every row is good
 */
export function checkUnitRows(input: { header: readonly string[]; rows: readonly SheetRow[]; units: unknown }): UnitImportResult {
  const all: unknown[] = Array.isArray(input.units) ? input.units : [];
  const draft = all.filter(isUnit);
  const byId = new Map<string, DraftUnit>();
  for (const unit of draft) if (!byId.has(unit.id)) byId.set(unit.id, unit);
  const townships = draft.filter((u) => u.kind === 'township');
  const commandOf = new Map<string, string>();
  for (const unit of draft) if (unit.kind === 'township_command' && unit.parent && !commandOf.has(unit.parent)) commandOf.set(unit.parent, unit.id);

  const { index, errors } = readHeader(input.header);
  const result = (extra: Partial<UnitImportResult>): UnitImportResult => ({ rows: input.rows.length, added: 0, updated: 0, errors, units: null, ...extra });
  if (errors.length > 0) return result({});
  if (input.rows.length === 0) {
    errors.push({ row: 2, column: '', code: 'no-rows', message: 'the file has no rows below its header', messageZh: '表头下没有数据行' });
    return result({});
  }

  const fail = (row: number, key: UnitColumn | '', code: string, message: string, messageZh: string) => {
    errors.push({ row, column: key ? UNIT_COLUMNS[key].header : '', code, message, messageZh });
  };
  const villages = new Map<string, Planned>();
  const grids = new Map<string, Planned>();
  const pendingVillageRefs: Array<{ row: number; villageId: string; township: string | undefined }> = [];

  for (const { row, cells: raw } of input.rows) {
    const cells = Object.fromEntries(UNIT_COLUMN_KEYS.map((key) => [key, index.has(key) ? String(raw[index.get(key)!] ?? '').trim() : ''])) as Cells;
    const before = errors.length;
    const required = (key: UnitColumn, why = '') => {
      if (cells[key] !== '') return true;
      const name = UNIT_COLUMNS[key].header;
      fail(row, key, 'required', `"${name}" is empty${why ? ` (${why})` : ''}`, `「${name}」为空${why ? `（${ZH_WHY[why] ?? why}）` : ''}`);
      return false;
    };
    const wellFormedId = (key: UnitColumn) => {
      if (!required(key)) return false;
      if (ID.test(cells[key])) return true;
      fail(row, key, 'bad-id', `"${cells[key].slice(0, 80)}" is not an id: letters, digits, _ . - (at most 64, starting with a letter or digit)`, `「${cells[key].slice(0, 80)}」不是合法编号：只能用字母、数字、_ . -（最多 64 个字符，以字母或数字开头）`);
      return false;
    };
    for (const key of ['villageName', 'villageNameEn', 'gridName', 'gridNameEn', 'gridLeader', 'gridFullTime', 'gridPartTime'] as const) {
      if (cells[key].length > MAX_NAME) fail(row, key, 'too-long', `longer than ${MAX_NAME} characters`, `超过 ${MAX_NAME} 个字符`);
    }

    // the township: an id or a name of a township the draft has
    let township: DraftUnit | undefined;
    if (required('township')) {
      const text = cells.township;
      const byName = townships.filter((t) => t.name?.zh === text || t.name?.en === text);
      township = byId.get(text)?.kind === 'township' ? byId.get(text) : byName.length === 1 ? byName[0] : undefined;
      if (!township && byName.length > 1) fail(row, 'township', 'ambiguous-township', `${byName.length} townships are called "${text}": give its id`, `有 ${byName.length} 个乡镇（街道）名为「${text}」：请填写编号`);
      else if (!township) fail(row, 'township', 'unknown-township', `"${text.slice(0, 80)}" is not a township of the config (give its id or name)`, `配置中没有乡镇（街道）「${text.slice(0, 80)}」（请填写其编号或名称）`);
    }

    // the village: declared on this row when it has a name, else referred to
    const villageId = cells.villageId;
    const villageOk = wellFormedId('villageId');
    if (cells.villageKind !== '' && cells.villageKind !== '村' && cells.villageKind !== '社区') {
      fail(row, 'villageKind', 'bad-kind', `"${cells.villageKind.slice(0, 40)}" is neither 村 (village) nor 社区 (community)`, `「${cells.villageKind.slice(0, 40)}」既不是“村”也不是“社区”`);
    }
    const inDraft = villageOk ? byId.get(villageId) : undefined;
    if (inDraft && inDraft.kind !== 'village') {
      fail(row, 'villageId', 'id-taken', `"${villageId}" is already the id of a unit of kind ${inDraft.kind}`, `编号「${villageId}」已被${KIND_ZH[inDraft.kind] ?? inDraft.kind}「${inDraft.name?.zh ?? inDraft.id}」使用`);
    } else if (villageOk && grids.has(villageId)) {
      fail(row, 'villageId', 'duplicate-id', `"${villageId}" is a grid's id on row ${grids.get(villageId)!.row}`, `编号「${villageId}」已是第 ${grids.get(villageId)!.row} 行网格的编号`);
    } else if (villageOk && cells.villageName !== '' && township) {
      const earlier = villages.get(villageId);
      const sameAs = (p: Planned) => p.unit.parent === township!.id && p.unit.name.zh === cells.villageName;
      if (earlier && !sameAs(earlier)) {
        fail(row, 'villageName', 'conflicting-village', `the village "${villageId}" has another name or township on row ${earlier.row}`, `村（社区）「${villageId}」在第 ${earlier.row} 行的名称或所属乡镇不同`);
      } else if (!earlier && errors.length === before) {
        if (!inDraft && cells.villageKind === '') required('villageKind', 'a new village');
        const en = cells.villageNameEn || inDraft?.name?.en || cells.villageName;
        const unit: DraftUnit = inDraft
          ? { ...inDraft, name: { zh: cells.villageName, en }, parent: township.id }
          : { id: villageId, kind: 'village', name: { zh: cells.villageName, en }, parent: township.id, ...(commandOf.has(township.id) ? { escalatesTo: commandOf.get(township.id)! } : {}) };
        villages.set(villageId, { unit, row, existing: inDraft });
      }
    } else if (villageOk && cells.villageName === '') {
      if (inDraft && township && inDraft.parent !== township.id) fail(row, 'township', 'wrong-township', `the village "${villageId}" belongs to "${inDraft.parent}", not "${township.id}"`, `村（社区）「${villageId}」属于「${inDraft.parent}」，不属于「${township.id}」`);
      if (!inDraft) pendingVillageRefs.push({ row, villageId, township: township?.id });
    }

    // the grid, if the row has one
    if (cells.gridId === '' && cells.gridName === '' && cells.gridNameEn === '' && cells.gridLeader === '' && cells.gridFullTime === '' && cells.gridPartTime === '') continue;
    if (!wellFormedId('gridId')) continue;
    if (!required('gridName', 'a grid needs a name')) continue;
    const gridId = cells.gridId;
    const taken = byId.get(gridId);
    // a new grid needs its 1+1+X staffing; an existing one keeps its own unless the row gives it
    const staffed = cells.gridLeader !== '' || cells.gridFullTime !== '' || cells.gridPartTime !== '';
    if (!(taken?.kind === 'grid') || staffed) {
      required('gridLeader', 'a grid needs its staffing');
      required('gridFullTime', 'a grid needs its staffing');
      if (staffNames(cells.gridLeader).length > 1) fail(row, 'gridLeader', 'one-leader', 'a grid has one grid leader', '一个网格只有一名网格长');
    }
    if (grids.has(gridId)) {
      fail(row, 'gridId', 'duplicate-id', `the grid "${gridId}" is already on row ${grids.get(gridId)!.row}`, `网格「${gridId}」已在第 ${grids.get(gridId)!.row} 行出现`);
    } else if (villages.has(gridId) || gridId === villageId) {
      fail(row, 'gridId', 'duplicate-id', `"${gridId}" is a village's id in this file`, `编号「${gridId}」已是本文件中村（社区）的编号`);
    } else if (taken && taken.kind !== 'grid') {
      fail(row, 'gridId', 'id-taken', `"${gridId}" is already the id of a unit of kind ${taken.kind}`, `编号「${gridId}」已被${KIND_ZH[taken.kind] ?? taken.kind}「${taken.name?.zh ?? taken.id}」使用`);
    } else if (errors.length === before) {
      const escalatesTo = township ? commandOf.get(township.id) : undefined;
      const en = cells.gridNameEn || taken?.name?.en || cells.gridName;
      const staffing = staffed
        ? {
            leader: { name: cells.gridLeader, role: '网格长' },
            fullTime: staffNames(cells.gridFullTime).map((name) => ({ name, role: '专职网格员' })),
            partTime: staffNames(cells.gridPartTime).map((name) => ({ name })),
          }
        : undefined;
      const unit: DraftUnit = taken
        ? { ...taken, name: { zh: cells.gridName, en }, parent: villageId, ...(staffing ? { staffing } : {}) }
        : { id: gridId, kind: 'grid', name: { zh: cells.gridName, en }, parent: villageId, ...(escalatesTo ? { escalatesTo } : {}), staffing };
      grids.set(gridId, { unit, row, existing: taken });
    }
  }

  // a row naming a village only by id: the village must be named elsewhere in the file or be in the draft
  for (const { row, villageId, township } of pendingVillageRefs) {
    const named = villages.get(villageId);
    if (named && township && named.unit.parent !== township) {
      fail(row, 'township', 'wrong-township', `the village "${villageId}" belongs to "${named.unit.parent}" (row ${named.row}), not "${township}"`, `村（社区）「${villageId}」属于「${named.unit.parent}」（第 ${named.row} 行），不属于「${township}」`);
    }
    if (named) continue;
    fail(row, 'villageId', 'unknown-village', `the village "${villageId}" is neither in the file (with a name) nor in the config`, `村（社区）「${villageId}」既不在文件中（带名称），也不在配置中`);
  }
  if (errors.length > 0) {
    errors.sort((a, b) => a.row - b.row);
    return result({});
  }
  return merge(all, [...villages.values(), ...grids.values()], input.rows.length, errors);
}

const ZH_WHY: Record<string, string> = { 'a new village': '新的村（社区）须注明类型', 'a grid needs a name': '网格须有名称', 'a grid needs its staffing': '网格须有 1+1+X 人员配置' };
const KIND_ZH: Record<string, string> = {
  county_government: '县委县政府', county_command: '县指挥中心', county_department: '县级部门', township: '乡镇（街道）',
  township_command: '乡镇指挥室', platform: '平台', village: '村（社区）', grid: '网格',
};

/** JSON equality regardless of key order (PostgreSQL's JSONB gives keys back in its own order). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function merge(draft: unknown[], planned: Planned[], rows: number, errors: ImportError[]): UnitImportResult {
  const replaced = new Map<string, DraftUnit>();
  let updated = 0;
  const added: DraftUnit[] = [];
  for (const p of planned) {
    if (!p.existing) {
      added.push(p.unit);
    } else if (!sameJson(p.existing, p.unit)) {
      replaced.set(p.existing.id, p.unit);
      updated++;
    }
  }
  // villages before their grids: villages were planned first, and within each kind in file order
  const units = [...draft.map((u) => (isUnit(u) ? (replaced.get(u.id) ?? u) : u)), ...added] as DraftUnit[];
  return { rows, added: added.length, updated, errors, units };
}
