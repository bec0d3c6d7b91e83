/** Labels of the spreadsheet import dialogs (zh and en, same keys), merged into the studio's resources under `imports`. */
export const importsText = {
  zh: {
    units: {
      open: '从表格导入',
      title: '从表格导入村（社区）和网格',
      intro: '按模板填写：每行一个网格（只建村、社区时网格列留空）。新的村（社区）和网格加在所属乡镇、村下面，已有编号的单位会被更新，其他内容不变。',
      template: '下载模板',
      choose: '选择文件（XLSX 或 CSV）',
      saveFirst: '草稿有未保存的修改，请先保存再导入。',
      checking: '正在检查……',
      summary: '共 {{rows}} 行：新增 {{added}} 个单位，更新 {{updated}} 个。',
      errors: '{{count}} 处错误，改正后重新选择文件。有错误时不会导入任何内容。',
      ok: '没有错误，可以导入。',
      import: '导入',
      done: '已导入：新增 {{added}} 个单位，更新 {{updated}} 个。',
      failed: '导入失败：{{message}}',
      columns: { row: '行号', column: '列', message: '问题' },
    },
  },
  en: {
    units: {
      open: 'Import from a spreadsheet',
      title: 'Import villages, communities and grids from a spreadsheet',
      intro: 'Fill in the template: one row per grid (leave the grid columns empty for a village alone). New villages and grids go under their township and village, units with an existing id are updated, nothing else changes.',
      template: 'Download template',
      choose: 'Choose a file (XLSX or CSV)',
      saveFirst: 'The draft has unsaved changes: save it before importing.',
      checking: 'Checking…',
      summary: '{{rows}} rows: {{added}} units to add, {{updated}} to update.',
      errors: '{{count}} problem(s): fix them and choose the file again. Nothing is imported while there is one.',
      ok: 'No problems: ready to import.',
      import: 'Import',
      done: 'Imported: {{added}} units added, {{updated}} updated.',
      failed: 'Import failed: {{message}}',
      columns: { row: 'Row', column: 'Column', message: 'Problem' },
    },
  },
};
