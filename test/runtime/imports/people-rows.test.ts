/**
 * The pure row checks of a people spreadsheet against the baseline catalog's units and the
 * county's accounts: good rows become accounts to create (roles by their Chinese names, units by
 * id or name); every kind of bad row is named by row and column in Chinese and English, and then
 * nothing is to be created.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOGS_DIR } from '../../../runtime/config-loader';
import { checkPeopleRows, PEOPLE_COLUMN_KEYS, PEOPLE_COLUMNS } from '../../../runtime/imports/people-rows';
import type { SheetRow } from '../../../runtime/imports/unit-rows';

const units = JSON.parse(readFileSync(`${CATALOGS_DIR}/zhejiang-four-platforms/units.json`, 'utf8')) as unknown[];
const header: string[] = PEOPLE_COLUMN_KEYS.map((k) => PEOPLE_COLUMNS[k].header);
const rows = (...cells: string[][]): SheetRow[] => cells.map((c, i) => ({ row: i + 2, cells: c }));
const taken = new Set(['13900000000']);
const check = (r: string[][], h = header) => checkPeopleRows({ header: h, rows: rows(...r), units, takenPhones: taken });

describe('checkPeopleRows', () => {
  it('turns good rows into accounts: Chinese role names, units by id or by name, phones without spaces or dashes', () => {
    const result = check([
      ['李晓燕', '138 0000 1234', '网格员', 'qs-fx-v01-g1'],
      ['王志刚', '138-0000-1235', '网格员', '凤溪村第二网格'],
      ['陈建国', '13800001236', '指挥室调度员', '凤溪镇综合信息指挥室'],
      ['周平安', '13800001237', '县级管理员', ''],
      ['吴芳', '13800001238', '处置人员', 'qs-fx-mkt'],
      ['郑强', '13800001239', '政策设计人员', ''],
    ]);
    expect(result.errors).toEqual([]);
    expect(result.people).toEqual([
      { row: 2, name: '李晓燕', phone: '13800001234', role: 'grid_worker', unit: 'qs-fx-v01-g1' },
      { row: 3, name: '王志刚', phone: '13800001235', role: 'grid_worker', unit: 'qs-fx-v01-g2' },
      { row: 4, name: '陈建国', phone: '13800001236', role: 'dispatcher', unit: 'qs-fx-cmd' },
      { row: 5, name: '周平安', phone: '13800001237', role: 'county_admin', unit: null },
      { row: 6, name: '吴芳', phone: '13800001238', role: 'handler', unit: 'qs-fx-mkt' },
      { row: 7, name: '郑强', phone: '13800001239', role: 'policy_designer', unit: null },
    ]);
  });

  type Case = { name: string; header?: string[]; rows: string[][]; expected: Array<[number, string, string]> };
  const cases: Case[] = [
    { name: 'a missing column', header: header.slice(0, 3), rows: [['甲', '13800001234', '网格员']], expected: [[1, '所属单位/网格', 'missing-column']] },
    { name: 'an unknown column', header: [...header, '邮箱'], rows: [['甲']], expected: [[1, '邮箱', 'unknown-column']] },
    { name: 'no rows', rows: [], expected: [[2, '', 'no-rows']] },
    { name: 'an empty name', rows: [['', '13800001234', '县级管理员', '']], expected: [[2, '姓名', 'required']] },
    { name: 'an empty phone', rows: [['甲', '', '县级管理员', '']], expected: [[2, '手机号', 'required']] },
    { name: 'a malformed phone', rows: [['甲', '1380000abcd', '县级管理员', '']], expected: [[2, '手机号', 'bad-phone']] },
    { name: 'a phone twice in the file', rows: [['甲', '13800001234', '县级管理员', ''], ['乙', '138 0000 1234', '县级管理员', '']], expected: [[3, '手机号', 'duplicate-phone']] },
    { name: 'a phone an account already has', rows: [['甲', '13900000000', '县级管理员', '']], expected: [[2, '手机号', 'phone-taken']] },
    { name: 'an unknown role', rows: [['甲', '13800001234', '村长', '']], expected: [[2, '角色', 'unknown-role']] },
    { name: 'an unknown unit', rows: [['甲', '13800001234', '网格员', '梅林村第一网格']], expected: [[2, '所属单位/网格', 'unknown-unit']] },
    { name: 'a grid worker whose unit is not a grid', rows: [['甲', '13800001234', '网格员', 'qs-fx-v01']], expected: [[2, '所属单位/网格', 'not-a-grid']] },
    { name: 'a grid worker without a unit', rows: [['甲', '13800001234', '网格员', '']], expected: [[2, '所属单位/网格', 'required']] },
  ];
  it.each(cases)('names $name by row and column in Chinese and English, and creates nobody', ({ header: h, rows: r, expected }) => {
    const result = check(r, h);
    expect(result.people).toBeNull();
    expect(result.errors.map((e) => [e.row, e.column, e.code])).toEqual(expected);
    for (const e of result.errors) expect(e.messageZh).toMatch(/[\u4e00-\u9fff]/);
  });
});
