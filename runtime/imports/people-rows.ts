/**
 * Checks the rows of a people spreadsheet (姓名, 手机号, 角色, 所属单位/网格) against the county's
 * active units and its accounts: every bad row's problem by row and column, in Chinese and
 * English, or the accounts to create — never both. Pure: the caller reads the file and the
 * database and creates the accounts.
 */
import { normalHeader } from './unit-columns';
import type { ImportError, SheetRow } from './unit-rows';

export const PEOPLE_COLUMNS = {
  name: { header: '姓名', en: 'Name' },
  phone: { header: '手机号', en: 'Mobile phone' },
  role: { header: '角色', en: 'Role' },
  unit: { header: '所属单位/网格', en: 'Unit or grid (id or name)' },
} as const;
export type PeopleColumn = keyof typeof PEOPLE_COLUMNS;
export const PEOPLE_COLUMN_KEYS = Object.keys(PEOPLE_COLUMNS) as PeopleColumn[];

/** The roles by their Chinese names, as the 角色 column gives them. */
export const ROLE_NAMES = {
  县级管理员: 'county_admin',
  指挥室调度员: 'dispatcher',
  处置人员: 'handler',
  网格员: 'grid_worker',
  政策设计人员: 'policy_designer',
} as const;
export type PeopleRole = (typeof ROLE_NAMES)[keyof typeof ROLE_NAMES];
/** Roles that need a unit (a grid for grid workers). */
const UNIT_ROLES: readonly string[] = ['dispatcher', 'handler', 'grid_worker'];

export const PEOPLE_TEMPLATE_EXAMPLE: Record<PeopleColumn, string> = { name: '李晓燕', phone: '13800001234', role: '网格员', unit: 'qs-fx-v01-g1' };

const PHONE = /^\+?[0-9]{6,20}$/;
const normalPhone = (value: string) => value.replace(/[\s-]/g, '');

export interface PersonToCreate {
  row: number;
  name: string;
  phone: string;
  role: PeopleRole;
  unit: string | null;
}

export interface PeopleCheck {
  rows: number;
  errors: ImportError[];
  /** The accounts to create; null while any row is bad. */
  people: PersonToCreate[] | null;
}

interface UnitRef {
  id: string;
  kind: string;
  name?: { zh?: string; en?: string };
}

/**
 * @example checkPeopleRows({ header, rows, units: active.units, takenPhones: new Set(['13800001234']) })
 */
export function checkPeopleRows(input: { header: readonly string[]; rows: readonly SheetRow[]; units: unknown; takenPhones: ReadonlySet<string> }): PeopleCheck {
  const errors: ImportError[] = [];
  const index = new Map<PeopleColumn, number>();
  const byHeader = new Map(PEOPLE_COLUMN_KEYS.map((k) => [normalHeader(PEOPLE_COLUMNS[k].header), k]));
  input.header.forEach((text, i) => {
    const normal = normalHeader(text);
    if (normal === '' || normal === '备注') return;
    const key = byHeader.get(normal);
    if (!key) errors.push({ row: 1, column: text, code: 'unknown-column', message: `unknown column "${text}"`, messageZh: `未知的列「${text}」` });
    else if (index.has(key)) errors.push({ row: 1, column: text, code: 'duplicate-column', message: `the column "${text}" appears twice`, messageZh: `列「${text}」出现了两次` });
    else index.set(key, i);
  });
  for (const key of PEOPLE_COLUMN_KEYS) {
    if (!index.has(key)) errors.push({ row: 1, column: PEOPLE_COLUMNS[key].header, code: 'missing-column', message: `the column "${PEOPLE_COLUMNS[key].header}" is missing`, messageZh: `缺少列「${PEOPLE_COLUMNS[key].header}」` });
  }
  const done = (people: PersonToCreate[] | null): PeopleCheck => ({ rows: input.rows.length, errors, people: errors.length ? null : people });
  if (errors.length) return done(null);
  if (input.rows.length === 0) {
    errors.push({ row: 2, column: '', code: 'no-rows', message: 'the file has no rows below its header', messageZh: '表头下没有数据行' });
    return done(null);
  }

  const units = (Array.isArray(input.units) ? input.units : []).filter((u): u is UnitRef => typeof u === 'object' && u !== null && typeof (u as UnitRef).id === 'string');
  const byId = new Map(units.map((u) => [u.id, u]));
  const byName = new Map<string, UnitRef[]>();
  for (const u of units) for (const name of [u.name?.zh, u.name?.en]) if (name) byName.set(name, [...(byName.get(name) ?? []), u]);
  const phonesInFile = new Map<string, number>();
  const people: PersonToCreate[] = [];

  for (const { row, cells: raw } of input.rows) {
    const cell = (key: PeopleColumn) => String(raw[index.get(key)!] ?? '').trim();
    const fail = (key: PeopleColumn | '', code: string, message: string, messageZh: string) => errors.push({ row, column: key ? PEOPLE_COLUMNS[key].header : '', code, message, messageZh });
    const before = errors.length;
    const required = (key: PeopleColumn) => {
      if (cell(key) !== '') return true;
      fail(key, 'required', `"${PEOPLE_COLUMNS[key].header}" is empty`, `「${PEOPLE_COLUMNS[key].header}」为空`);
      return false;
    };
    const name = cell('name');
    if (required('name') && name.length > 100) fail('name', 'too-long', 'a name has at most 100 characters', '姓名最多 100 个字符');
    const phone = normalPhone(cell('phone'));
    if (required('phone')) {
      if (!PHONE.test(phone)) fail('phone', 'bad-phone', `"${cell('phone').slice(0, 40)}" is not a phone number (6–20 digits, a leading + allowed)`, `「${cell('phone').slice(0, 40)}」不是有效的手机号（6–20 位数字，可以 + 开头）`);
      else if (phonesInFile.has(phone)) fail('phone', 'duplicate-phone', `the phone ${phone} is already on row ${phonesInFile.get(phone)}`, `手机号 ${phone} 已在第 ${phonesInFile.get(phone)} 行出现`);
      else if (input.takenPhones.has(phone)) fail('phone', 'phone-taken', `an account of this county already signs in with ${phone}`, `本县已有账号使用手机号 ${phone}`);
      if (PHONE.test(phone) && !phonesInFile.has(phone)) phonesInFile.set(phone, row);
    }
    const roleName = cell('role');
    const role = (ROLE_NAMES as Record<string, PeopleRole>)[roleName];
    if (required('role') && !role) fail('role', 'unknown-role', `"${roleName.slice(0, 40)}" is not a role: ${Object.keys(ROLE_NAMES).join(', ')}`, `「${roleName.slice(0, 40)}」不是角色，可选：${Object.keys(ROLE_NAMES).join('、')}`);
    const unitText = cell('unit');
    let unit: UnitRef | undefined;
    if (unitText !== '') {
      const named = byName.get(unitText) ?? [];
      unit = byId.get(unitText) ?? (named.length === 1 ? named[0] : undefined);
      if (!unit && named.length > 1) fail('unit', 'ambiguous-unit', `${named.length} units are called "${unitText}": give its id`, `有 ${named.length} 个单位名为「${unitText}」：请填写编号`);
      else if (!unit) fail('unit', 'unknown-unit', `"${unitText.slice(0, 80)}" is not a unit of the active config (give its id or name)`, `生效配置中没有单位「${unitText.slice(0, 80)}」（请填写其编号或名称）`);
      else if (role === 'grid_worker' && unit.kind !== 'grid') fail('unit', 'not-a-grid', `a grid worker's unit must be a grid; "${unitText}" is a ${unit.kind}`, `网格员须属于网格，「${unitText}」不是网格`);
    } else if (role && UNIT_ROLES.includes(role)) {
      fail('unit', 'required', `a ${roleName} needs a unit${role === 'grid_worker' ? ' (a grid)' : ''}`, `${roleName}须填写所属${role === 'grid_worker' ? '网格' : '单位'}`);
    }
    if (errors.length === before) people.push({ row, name, phone, role, unit: unit?.id ?? null });
  }
  errors.sort((a, b) => a.row - b.row);
  return done(people);
}
