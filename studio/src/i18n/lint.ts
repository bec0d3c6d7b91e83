/** Labels of the lint tab (zh and en, same keys), merged into the studio's resources under `lint`. */
const zh = {
  intro: '每个小类 × 乡镇在所选等级下，由哪条规则决定等级、流转（承办单位）和时限，或取默认。带 ? 的规则视条件（表单字段、时间、来源等）而定；无 ? 的规则对该格所有事件必然触发。点击规则可跳转到其定义。',
  notCompiled: '配置有 {{count}} 个问题，修正后才能检查覆盖情况。',
  level: '等级',
  category: '小类',
  noPlace: '无地点',
  unreachable: '该小类在此不会有此等级',
  noUnit: '此处没有该目标单位，由默认单位承办',
  default: '默认',
  type: { grade: '等级', route: '流转', sla: '时限' },
  summary: '{{cells}} 个单元格：流转由规则必然决定 {{route}} 个，时限取默认 {{sla}} 个，等级取默认 {{grade}} 个',
  neverFiring: '永不触发或永不起决定作用的规则',
  conflicts: '同优先级冲突',
  none: '无',
  other: '另一条：',
  example: '示例事实：',
};

const en: typeof zh = {
  intro: 'For every minor category × township at the chosen level: which rule decides the grade, the route (handling unit) and the time limit, or the default. A rule marked ? depends on facts such as form fields, time or source; one without fires for every event of the cell. Click a rule to go to it.',
  notCompiled: 'The config has {{count}} problems; fix them to see its coverage.',
  level: 'Level',
  category: 'Category',
  noPlace: 'No place',
  unreachable: 'this category never gets this level here',
  noUnit: 'its target has no unit here: the default unit takes the event',
  default: 'default',
  type: { grade: 'Grade', route: 'Route', sla: 'Time limit' },
  summary: '{{cells}} cells: route always decided by a rule in {{route}}, default time limit in {{sla}}, default grade in {{grade}}',
  neverFiring: 'Rules that never fire or never decide',
  conflicts: 'Conflicts of equal priority',
  none: 'none',
  other: 'other: ',
  example: 'example facts: ',
};

export const lintText = { zh, en };
