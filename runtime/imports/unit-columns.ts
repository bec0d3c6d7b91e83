/**
 * The columns of a units spreadsheet: one row per grid (or per village, with the grid cells
 * empty), headers in Chinese. A header is matched after trimming, with full-width and half-width
 * brackets alike, so "村(社区)编号" and "村（社区）编号" are the same column.
 */

export const UNIT_COLUMNS = {
  township: { header: '乡镇（街道）', en: 'Township (id or name)', required: true },
  villageId: { header: '村（社区）编号', en: 'Village/community id', required: true },
  villageName: { header: '村（社区）名称', en: 'Village/community name', required: false },
  villageNameEn: { header: '村（社区）英文名', en: 'Village/community English name', required: false },
  villageKind: { header: '类型（村/社区）', en: 'Kind (村 village / 社区 community)', required: false },
  gridId: { header: '网格编号', en: 'Grid id', required: false },
  gridName: { header: '网格名称', en: 'Grid name', required: false },
  gridNameEn: { header: '网格英文名', en: 'Grid English name', required: false },
  gridLeader: { header: '网格长', en: 'Grid leader (name)', required: false },
  gridFullTime: { header: '专职网格员', en: 'Full-time grid workers (names, separated by 、)', required: false },
  gridPartTime: { header: '兼职人员', en: 'Part-time members (names, separated by 、)', required: false },
} as const;
export type UnitColumn = keyof typeof UNIT_COLUMNS;
export const UNIT_COLUMN_KEYS = Object.keys(UNIT_COLUMNS) as UnitColumn[];

/** Columns a file may carry that the import ignores. */
export const IGNORED_HEADERS = ['备注'];

/** The template's example row, in column order (a township of the baseline catalog). */
export const UNIT_TEMPLATE_EXAMPLE: Record<UnitColumn, string> = {
  township: 'qs-fx',
  villageId: 'qs-fx-v11',
  villageName: '新塘村',
  villageNameEn: 'Xintang Village',
  villageKind: '村',
  gridId: 'qs-fx-v11-g1',
  gridName: '新塘村第一网格',
  gridNameEn: 'Xintang Village Grid 1',
  gridLeader: '陈建国',
  gridFullTime: '李晓燕、王志刚',
  gridPartTime: '赵丽华、周平安',
};

/** The names of a staffing cell: separated by 、 , ， ; ； or a line break. */
export function staffNames(cell: string): string[] {
  return cell.split(/[、,，;；\n]+/).map((n) => n.trim()).filter((n) => n !== '');
}

/** A header as compared: trimmed, brackets half-width, no inner spaces. */
export function normalHeader(text: string): string {
  return text.replace(/（/g, '(').replace(/）/g, ')').replace(/\s+/g, '').trim();
}
