/**
 * The pure row checks of a units spreadsheet against the baseline catalog's units: a good file
 * merges (new villages and grids under their township and village, existing ones updated, the
 * rest untouched, and the result compiles); every kind of bad row is named by row and column,
 * in Chinese and English, and then nothing is merged.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from '../../../engine/index';
import { CATALOGS_DIR, loadConfigPath } from '../../../runtime/config-loader';
import { UNIT_COLUMN_KEYS, UNIT_COLUMNS } from '../../../runtime/imports/unit-columns';
import { checkUnitRows, type SheetRow } from '../../../runtime/imports/unit-rows';

const units = JSON.parse(readFileSync(`${CATALOGS_DIR}/zhejiang-four-platforms/units.json`, 'utf8')) as Array<Record<string, unknown>>;
const header = UNIT_COLUMN_KEYS.map((k) => UNIT_COLUMNS[k].header);
/** township, village id, village name, village en, kind, grid id, grid name, grid en, leader, full-time, part-time */
const rows = (...cells: string[][]): SheetRow[] => cells.map((c, i) => ({ row: i + 2, cells: c }));
const good = rows(
  ['qs-fx', 'qs-fx-v20', '新塘村', 'Xintang Village', '村', 'qs-fx-v20-g1', '新塘村第一网格', '', '陈建国', '李晓燕、王志刚', ''],
  ['qs-fx', 'qs-fx-v20', '', '', '', 'qs-fx-v20-g2', '新塘村第二网格', 'Xintang Grid 2', '吴芳', '郑强', '赵丽华，周平安'],
  ['凤溪镇', 'qs-fx-v21', '溪口社区', '', '社区', '', '', ''],
  ['qs-fx', 'qs-fx-v01', '', '', '', 'qs-fx-v01-g1', '凤溪村一号网格', ''],
);

describe('checkUnitRows', () => {
  it('merges a good file: villages and grids added under their township and village, an existing grid renamed, nothing else touched', async () => {
    const township = units.find((u) => u.kind === 'township' && (u.name as { zh: string }).zh === '凤溪镇');
    expect(township?.id).toBe('qs-fx');
    const result = checkUnitRows({ header, rows: good, units });
    expect(result.errors).toEqual([]);
    expect(result).toMatchObject({ rows: 4, added: 4, updated: 1 });
    const merged = result.units!;
    expect(merged.length).toBe(units.length + 4);
    const byId = new Map(merged.map((u) => [u.id, u]));
    expect(byId.get('qs-fx-v20')).toEqual({ id: 'qs-fx-v20', kind: 'village', name: { zh: '新塘村', en: 'Xintang Village' }, parent: 'qs-fx', escalatesTo: 'qs-fx-cmd' });
    expect(byId.get('qs-fx-v20-g2')).toMatchObject({ kind: 'grid', parent: 'qs-fx-v20', name: { zh: '新塘村第二网格', en: 'Xintang Grid 2' }, escalatesTo: 'qs-fx-cmd' });
    expect(byId.get('qs-fx-v20-g2')!.staffing).toEqual({ leader: { name: '吴芳', role: '网格长' }, fullTime: [{ name: '郑强', role: '专职网格员' }], partTime: [{ name: '赵丽华' }, { name: '周平安' }] });
    expect(byId.get('qs-fx-v20-g1')!.name.en).toBe('新塘村第一网格');
    expect(byId.get('qs-fx-v21')).toMatchObject({ kind: 'village', parent: 'qs-fx' });
    const old = units.find((u) => u.id === 'qs-fx-v01-g1')!;
    expect(byId.get('qs-fx-v01-g1')).toEqual({ ...old, name: { zh: '凤溪村一号网格', en: 'Fengxi Village Grid 1' } });
    // every other unit is the very same object, in the same place
    merged.slice(0, units.length).forEach((u, i) => {
      if (u.id !== 'qs-fx-v01-g1') expect(u).toBe(units[i]);
    });
    const loaded = await loadConfigPath(`${CATALOGS_DIR}/zhejiang-four-platforms`);
    if (!loaded.ok) throw new Error('catalog does not load');
    expect(compile({ ...loaded.value.config, units: merged }).ok).toBe(true);
  });

  it('counts a row that changes nothing as neither added nor updated', () => {
    const result = checkUnitRows({ header, rows: rows(['qs-fx', 'qs-fx-v01', '凤溪村', 'Fengxi Village', '村', 'qs-fx-v01-g2', '凤溪村第二网格', 'Fengxi Village Grid 2']), units });
    expect(result).toMatchObject({ errors: [], added: 0, updated: 0 });
    // keys in another order (as PostgreSQL's JSONB gives them back) are the same unit
    const reordered = units.map((u) => Object.fromEntries(Object.entries(u).reverse()));
    expect(checkUnitRows({ header, rows: rows(['qs-fx', 'qs-fx-v01', '凤溪村', 'Fengxi Village', '村', '', '', '']), units: reordered })).toMatchObject({ errors: [], added: 0, updated: 0 });
  });

  it('reads columns in any order, with half-width brackets, and ignores a 备注 column', () => {
    const shuffled = ['网格编号', '网格名称', '村(社区)编号', '乡镇(街道)', ' 村（社区）名称 ', '类型(村/社区)', '备注', '网格长', '专职网格员'];
    const result = checkUnitRows({ header: shuffled, rows: rows(['qs-fx-v30-g1', '一网格', 'qs-fx-v30', 'qs-fx', '三村', '村', 'note', '甲', '乙']), units });
    expect(result).toMatchObject({ errors: [], added: 2 });
  });

  type Case = { name: string; header?: string[]; rows: string[][]; expected: Array<{ row: number; column: string; code: string }> };
  const cases: Case[] = [
    { name: 'a required column missing', header: header.filter((h) => h !== '乡镇（街道）'), rows: [['x']], expected: [{ row: 1, column: '乡镇（街道）', code: 'missing-column' }] },
    { name: 'an unknown column', header: [...header, '面积'], rows: [['x']], expected: [{ row: 1, column: '面积', code: 'unknown-column' }] },
    { name: 'a column twice', header: [...header, '网格编号'], rows: [['x']], expected: [{ row: 1, column: '网格编号', code: 'duplicate-column' }] },
    { name: 'no rows below the header', rows: [], expected: [{ row: 2, column: '', code: 'no-rows' }] },
    { name: 'an empty township cell', rows: [['', 'qs-fx-v20', '新塘村', '', '村', '', '', '']], expected: [{ row: 2, column: '乡镇（街道）', code: 'required' }] },
    { name: 'a township not in the config', rows: [['梅林镇', 'qs-fx-v20', '新塘村', '', '村', '', '', '']], expected: [{ row: 2, column: '乡镇（街道）', code: 'unknown-township' }] },
    { name: 'an id that is not a township', rows: [['qs-fx-cmd', 'qs-fx-v20', '新塘村', '', '村', '', '', '']], expected: [{ row: 2, column: '乡镇（街道）', code: 'unknown-township' }] },
    { name: 'an empty village id', rows: [['qs-fx', '', '新塘村', '', '村', '', '', '']], expected: [{ row: 2, column: '村（社区）编号', code: 'required' }] },
    { name: 'a malformed village id', rows: [['qs-fx', '新塘 村', '新塘村', '', '村', '', '', '']], expected: [{ row: 2, column: '村（社区）编号', code: 'bad-id' }] },
    { name: 'a malformed grid id', rows: [['qs-fx', 'qs-fx-v01', '', '', '', '-g1', '网格', '']], expected: [{ row: 2, column: '网格编号', code: 'bad-id' }] },
    { name: 'a kind that is neither 村 nor 社区', rows: [['qs-fx', 'qs-fx-v20', '新塘村', '', '镇', '', '', '']], expected: [{ row: 2, column: '类型（村/社区）', code: 'bad-kind' }] },
    { name: 'a new village without its kind', rows: [['qs-fx', 'qs-fx-v20', '新塘村', '', '', '', '', '']], expected: [{ row: 2, column: '类型（村/社区）', code: 'required' }] },
    { name: 'a grid without a name', rows: [['qs-fx', 'qs-fx-v01', '', '', '', 'qs-fx-v01-g9', '', '', '甲', '乙', '']], expected: [{ row: 2, column: '网格名称', code: 'required' }] },
    { name: 'a grid name without an id', rows: [['qs-fx', 'qs-fx-v01', '', '', '', '', '九网格', '']], expected: [{ row: 2, column: '网格编号', code: 'required' }] },
    {
      name: 'a grid whose village is neither in the file nor in the config',
      rows: [['qs-fx', 'qs-fx-v99', '', '', '', 'qs-fx-v99-g1', '网格', '', '甲', '乙', '']],
      expected: [{ row: 2, column: '村（社区）编号', code: 'unknown-village' }],
    },
    { name: 'a new grid without its leader', rows: [['qs-fx', 'qs-fx-v01', '', '', '', 'qs-fx-v01-g9', '九网格', '', '', '乙', '']], expected: [{ row: 2, column: '网格长', code: 'required' }] },
    { name: 'a new grid without full-time workers', rows: [['qs-fx', 'qs-fx-v01', '', '', '', 'qs-fx-v01-g9', '九网格', '', '甲', '', '丙']], expected: [{ row: 2, column: '专职网格员', code: 'required' }] },
    { name: 'two grid leaders', rows: [['qs-fx', 'qs-fx-v01', '', '', '', 'qs-fx-v01-g9', '九网格', '', '甲、丁', '乙', '']], expected: [{ row: 2, column: '网格长', code: 'one-leader' }] },
    {
      name: 'the same grid id twice in the file',
      rows: [['qs-fx', 'qs-fx-v01', '', '', '', 'qs-fx-v01-g9', '九网格', '', '甲', '乙', ''], ['qs-fx', 'qs-fx-v01', '', '', '', 'qs-fx-v01-g9', '又九网格', '', '甲', '乙', '']],
      expected: [{ row: 3, column: '网格编号', code: 'duplicate-id' }],
    },
    {
      name: "a grid id that is a village's id in the file",
      rows: [['qs-fx', 'qs-fx-v20', '新塘村', '', '村', 'qs-fx-v20', '网格', '', '甲', '乙', '']],
      expected: [{ row: 2, column: '网格编号', code: 'duplicate-id' }],
    },
    { name: 'a grid id the config gives another kind of unit', rows: [['qs-fx', 'qs-fx-v01', '', '', '', 'qs-fx-cmd', '网格', '', '甲', '乙', '']], expected: [{ row: 2, column: '网格编号', code: 'id-taken' }] },
    { name: 'a village id the config gives a grid', rows: [['qs-fx', 'qs-fx-v01-g1', '新村', '', '村', '', '', '']], expected: [{ row: 2, column: '村（社区）编号', code: 'id-taken' }] },
    {
      name: 'one village with two names',
      rows: [['qs-fx', 'qs-fx-v20', '新塘村', '', '村', '', '', ''], ['qs-fx', 'qs-fx-v20', '旧塘村', '', '村', '', '', '']],
      expected: [{ row: 3, column: '村（社区）名称', code: 'conflicting-village' }],
    },
    { name: 'a village of the config under another township', rows: [['qs-cn', 'qs-fx-v01', '', '', '', 'qs-fx-v01-g9', '九网格', '', '甲', '乙', '']], expected: [{ row: 2, column: '乡镇（街道）', code: 'wrong-township' }] },
    { name: 'a name over 500 characters', rows: [['qs-fx', 'qs-fx-v20', '村'.repeat(501), '', '村', '', '', '']], expected: [{ row: 2, column: '村（社区）名称', code: 'too-long' }] },
  ];

  it.each(cases)('names $name by row and column, in Chinese and English, and merges nothing', ({ header: h, rows: r, expected }) => {
    const result = checkUnitRows({ header: h ?? header, rows: rows(...r), units });
    expect(result.units).toBeNull();
    expect(result.errors.map(({ row, column, code }) => ({ row, column, code }))).toEqual(expected);
    for (const e of result.errors) {
      expect(e.message.length).toBeGreaterThan(5);
      expect(e.messageZh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('lists every bad row of a file, in row order, while good rows around them are not merged', () => {
    const result = checkUnitRows({ header, rows: rows(good[0].cells, ['qs-fx', 'bad id', '村', '', '村', '', '', ''], good[2].cells, ['nowhere', 'qs-x-v1', '某村', '', '村', '', '', '']), units });
    expect(result.units).toBeNull();
    expect(result.errors.map((e) => [e.row, e.code])).toEqual([[3, 'bad-id'], [5, 'unknown-township']]);
  });

  it('survives a draft whose units are not a list, or a row shorter than the header', () => {
    expect(checkUnitRows({ header, rows: rows(['qs-fx']), units: 'nonsense' }).errors.map((e) => e.code)).toEqual(['unknown-township', 'required']);
  });
});
