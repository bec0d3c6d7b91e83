/**
 * The compile problems' messages in Chinese and English: one template pair per message key,
 * with named parameters (`{unit}`). A key is the issue's `code`, or `code.variant` where one code
 * is said in several ways (`unknown-unit.parent`). Pure data plus a renderer, so the CLI, the
 * runtime and the studio say a problem the same way in either language.
 *
 * A parameter is a string, a number, or a `{zh, en}` pair (a unit kind, a level's name, another
 * rule's label) picked in the message's language.
 */
import type { Issue } from '../types';

export type MessageLanguage = 'zh' | 'en';
export type MessageParam = string | number | { zh: string; en: string };
export type MessageParams = NonNullable<Issue['params']>;

/** Template pairs by message key. Quoted values are quoted by the template, not the caller. */
export const MESSAGES = {
  // ---- schema (ajv) ----
  'unknown-key': { en: 'unknown key "{key}" (check its spelling; unknown keys are never ignored)', zh: '未知的键“{key}”（请检查拼写；未知的键从不被忽略）' },
  required: { en: '"{key}" is required here', zh: '此处必须有“{key}”' },
  'schema.enum': { en: 'must be one of {values}', zh: '只能是以下之一：{values}' },
  'schema.const': { en: 'must be {value}', zh: '只能是 {value}' },
  'schema.type': { en: 'must be {type}', zh: '应为{type}' },
  'schema.minimum': { en: 'must be at least {limit}', zh: '不能小于 {limit}' },
  'schema.maximum': { en: 'must be at most {limit}', zh: '不能大于 {limit}' },
  'schema.exclusiveMinimum': { en: 'must be more than {limit}', zh: '必须大于 {limit}' },
  'schema.exclusiveMaximum': { en: 'must be less than {limit}', zh: '必须小于 {limit}' },
  'schema.minLength': { en: 'must have at least {limit} characters', zh: '至少 {limit} 个字符' },
  'schema.maxLength': { en: 'must have at most {limit} characters', zh: '至多 {limit} 个字符' },
  'schema.minItems': { en: 'must have at least {limit} items', zh: '至少要有 {limit} 项' },
  'schema.maxItems': { en: 'may have at most {limit} items', zh: '至多 {limit} 项' },
  'schema.pattern': { en: 'must match the pattern {pattern}', zh: '格式不符合 {pattern}' },
  'schema.format': { en: 'must be a valid {format}', zh: '应为有效的 {format}' },
  'schema.uniqueItems': { en: 'lists the same value twice (items {first} and {second})', zh: '有重复的值（第 {first} 项与第 {second} 项）' },
  'schema.propertyNames': { en: 'has a key that is not allowed here', zh: '有此处不允许的键名' },
  schema: { en: '{detail}', zh: '{detail}' },

  // ---- levels ----
  'level-numbering': { en: 'levels are numbered 1 to {count} in order, without gaps: this one should be level {expected}, not {level}', zh: '等级须从 1 到 {count} 依次编号、不留空缺：此项应为 {expected} 级，而不是 {level} 级' },
  'undeclared-level': { en: 'level {level} is not one of the config\'s levels ({levels})', zh: '{level} 级不是本配置声明的等级（{levels}）' },
  'level-without-sla': { en: 'level {level} ({name}) is used here but no SLA policy without a category restriction covers it', zh: '此处用到 {level} 级（{name}），但没有不限小类的时限策略覆盖该等级' },

  // ---- ids and references ----
  'duplicate-id': { en: '{what} "{key}" is used twice (first as item {first})', zh: '{what}“{key}”重复使用（首次在第 {first} 项）' },
  'unknown-unit': { en: 'unit "{id}" does not exist', zh: '单位“{id}”不存在' },
  'unknown-unit.parent': { en: 'parent "{id}" is not a unit', zh: '上级单位“{id}”不存在' },
  'unknown-unit.escalatesTo': { en: 'escalatesTo "{id}" is not a unit', zh: '上报对象（escalatesTo）“{id}”不存在' },
  'unknown-unit.county-command': { en: 'the county has no command centre', zh: '本县没有县综合指挥中心' },
  'unknown-domain': { en: 'no county department has domain "{domain}"', zh: '没有县级部门负责职能领域“{domain}”' },
  'unknown-form': { en: 'form "{id}" does not exist', zh: '表单“{id}”不存在' },
  'unknown-form.include': { en: 'includes form "{id}", which does not exist', zh: '引用的表单“{id}”不存在' },
  'unknown-form.unavailable': { en: 'form "{id}" is not available', zh: '表单“{id}”不可用' },
  'unknown-category': { en: 'category "{code}" does not exist', zh: '小类“{code}”不存在' },
  'unknown-category.major': { en: 'major category "{code}" does not exist', zh: '大类“{code}”不存在' },
  'unknown-policy': { en: 'SLA policy "{id}" does not exist', zh: '时限策略“{id}”不存在' },
  'unknown-calendar': { en: 'calendar "{id}" does not exist', zh: '日历“{id}”不存在' },

  // ---- units ----
  'county-government': { en: 'a county needs exactly one unit of kind county_government (the top of every escalation chain); found {count}', zh: '一个县须有且只有一个 county_government（县委县政府，每条上报链的顶端）类型的单位；现有 {count} 个' },
  'county-command': { en: 'a county needs exactly one unit of kind county_command; found {count}', zh: '一个县须有且只有一个 county_command（县综合指挥中心）类型的单位；现有 {count} 个' },
  'missing-parent': { en: 'a {kind} needs a parent', zh: '{kind}类单位需要上级单位' },
  'required.platform': { en: 'a platform unit must say which platform it is ({platforms})', zh: '平台类单位须注明是哪个平台（{platforms}）' },
  'required.staffing': { en: 'a grid needs its 1+1+X staffing: a grid leader, full-time grid workers, part-time members', zh: '网格需要 1+1+X 人员配置：网格长、专职网格员、兼职人员' },
  'misplaced-key.platform': { en: 'only units of kind platform have a platform', zh: '只有平台类单位才有 platform' },
  'misplaced-key.domains': { en: 'only county departments have domains', zh: '只有县级部门才有职能领域（domains）' },
  'duplicate-domain': { en: 'domain "{domain}" already belongs to "{owner}"', zh: '职能领域“{domain}”已属于“{owner}”' },
  'grid-outside-village': { en: 'a grid must lie inside a village/community', zh: '网格必须位于某个村（社区）之内' },
  'outside-township': { en: 'a {kind} must lie inside a township', zh: '{kind}必须位于某个乡镇（街道）之内' },
  'cannot-handle': { en: '"{id}" is a {kind}, which cannot handle events (use its command room, a platform or a village)', zh: '“{id}”是{kind}，不能办理事件（请改用其指挥室、平台或村社区）' },
  'dispatcher-not-command': { en: '"{id}" is a {kind}, not a command room: a dispatcher must be the county command centre or a township command room', zh: '“{id}”是{kind}，不是指挥室：调度方须为县指挥中心或乡镇（街道）指挥室' },
  'cannot-handle.escalatesTo': { en: '"{id}" is a {kind} and cannot take escalated events', zh: '“{id}”是{kind}，不能接收上报的事件' },
  'township-command': { en: 'the township has no command room (a child unit of kind township_command)', zh: '该乡镇（街道）没有综合信息指挥室（township_command 类型的下级单位）' },
  'township-platform': { en: 'the township has no {platform} platform', zh: '该乡镇（街道）没有{platform}平台' },
  'escalation-dead-end': { en: 'escalation stops at "{top}" ({kind}) instead of the county government: {chain}', zh: '上报链止于“{top}”（{kind}），未到县委县政府：{chain}' },
  'escalation-cycle': { en: 'escalation runs in a circle: {chain}', zh: '上报链形成循环：{chain}' },
  'escalation-dead-end.event': { en: 'for category "{category}" at level {level}, escalation stops at "{top}" ({kind}) instead of the county government: {chain}', zh: '小类“{category}”、{level} 级的事件，上报链止于“{top}”（{kind}），未到县委县政府：{chain}' },
  'escalation-cycle.event': { en: 'for category "{category}" at level {level}, escalation runs in a circle: {chain}', zh: '小类“{category}”、{level} 级的事件，上报链形成循环：{chain}' },
  'unknown-unit.escalation': { en: 'escalation target "{id}" is not a unit', zh: '上报对象“{id}”不存在' },

  // ---- rules and conditions ----
  'unknown-fact': { en: '"{fact}" is neither a field of {where} nor a derived fact ({derived})', zh: '“{fact}”既不是{where}的字段，也不是派生事实（{derived}）' },
  'unknown-fact.grade-level': { en: 'grade rules decide the level and cannot read it', zh: '定级规则决定等级，不能读取等级' },
  'bad-name': { en: '"{name}" is not a valid name: a letter, then up to 63 letters, digits or _', zh: '“{name}”不是有效的名称：以字母开头，其后至多 63 个字母、数字或 _' },
  'reserved-name': { en: '"{name}" is a name every object inherits ({what}); choose another name', zh: '“{name}”与每个对象都继承的成员（{what}）重名，请另取名称' },
  'condition-too-large': { en: 'a rule may have at most {max} conditions', zh: '一条规则至多 {max} 个条件' },
  'condition-too-deep': { en: 'conditions may nest at most {max} levels deep', zh: '条件至多嵌套 {max} 层' },
  'condition-shape': { en: 'a condition must be an object: {all:[...]}, {any:[...]}, {not:{...}} or {fact, operator, value}', zh: '条件必须是对象：{all:[...]}、{any:[...]}、{not:{...}} 或 {fact, operator, value}' },
  'condition-shape.list': { en: '"{kind}" must be a list of conditions', zh: '“{kind}”必须是条件列表' },
  'unknown-key.beside': { en: 'unknown key "{key}" beside "{kind}"', zh: '“{kind}”旁有未知的键“{key}”' },
  'unknown-key.condition': { en: 'unknown key "{key}" in a condition (allowed: fact, operator, value, path, priority)', zh: '条件中有未知的键“{key}”（可用：fact、operator、value、path、priority）' },
  'required.condition': { en: 'a condition needs "{key}"', zh: '条件缺少“{key}”' },
  'schema.priority': { en: 'priority must be an integer', zh: 'priority 必须是整数' },
  'schema.fact': { en: 'fact must be a string', zh: 'fact 必须是字符串' },
  'too-many-items.conditions': { en: '"{kind}" may hold at most {max} conditions (it has {count}); group them in nested "all"/"any"', zh: '“{kind}”至多 {max} 个条件（现有 {count} 个）；请用嵌套的 all/any 分组' },
  'too-many-items.values': { en: '"{operator}" may list at most {max} values (it has {count})', zh: '“{operator}”至多列出 {max} 个值（现有 {count} 个）' },
  'bad-path': { en: 'path must look like "$.field" or "$.field.sub" (no filters or scripts)', zh: 'path 须形如 "$.field" 或 "$.field.sub"（不能有过滤器或脚本）' },
  'unknown-operator': { en: 'unknown operator {operator}; use one of {operators}', zh: '未知的运算符 {operator}；可用：{operators}' },
  'bad-value.list': { en: '"{operator}" needs a list of values', zh: '“{operator}”需要一个值列表' },
  'bad-value.number': { en: '"{operator}" compares with a number', zh: '“{operator}”只能与数字比较' },
  'bad-value.scalar': { en: '"{operator}" compares with a single value (string, number, boolean or null)', zh: '“{operator}”只能与单个值比较（字符串、数字、布尔值或 null）' },
  'value-type.boolean': { en: '"{fact}" is a yes/no field: compare it with true or false, not {value}', zh: '“{fact}”是是否字段：应与 true 或 false 比较，而不是 {value}' },
  'value-type.option': { en: '{value} is not an option of "{fact}" (options: {options})', zh: '{value} 不是“{fact}”的选项（选项：{options}）' },
  'value-type.text': { en: '"{fact}" is a text field: compare it with a text, not {value}', zh: '“{fact}”是文本字段：应与文本比较，而不是 {value}' },
  'value-type.number': { en: '"{fact}" is a number field: compare it with a number, not {value}', zh: '“{fact}”是数字字段：应与数字比较，而不是 {value}' },
  'operator-type': { en: '"{operator}" does not apply to "{fact}", {kind} (use {allowed})', zh: '运算符“{operator}”不适用于“{fact}”（{kind}）；可用：{allowed}' },
  'rule-shadowed': { en: 'never decides: {other} (priority {priority}{scope}) fires whenever it does and wins', zh: '永远不会生效：{other}（优先级 {priority}{scope}）在它触发时总会触发并胜出' },

  // ---- forms ----
  'bad-pattern.length': { en: 'pattern is {length} characters long; the limit is {max}', zh: '正则表达式长 {length} 个字符，上限为 {max}' },
  'bad-pattern.syntax': { en: 'pattern is not a valid linear-time (RE2) regular expression: {detail}', zh: '不是有效的线性时间（RE2）正则表达式：{detail}' },
  'bad-form-schema': { en: 'the form is not a valid JSON Schema: {detail}', zh: '表单不是有效的 JSON Schema：{detail}' },
  'include-cycle': { en: 'form "{id}" includes itself (directly or through other forms)', zh: '表单“{id}”（直接或间接）引用了自己' },
  'reserved-field': { en: '"{field}" is a fact the engine derives; give the field another name', zh: '“{field}”是引擎派生的事实，请给字段另取名称' },
  'duplicate-field': { en: 'field "{field}" is defined both here and in form "{other}"', zh: '字段“{field}”在此处和表单“{other}”中都有定义' },
  'duplicate-field.same-form': { en: 'field "{field}" is defined both here and elsewhere in this form', zh: '字段“{field}”在本表单中定义了两次' },
  'unknown-field': { en: 'required field "{field}" is not among the form\'s properties', zh: '必填字段“{field}”不在表单的字段中' },

  // ---- alerts ----
  'alert-window': { en: 'a window of {hours} h neither divides the day nor is whole days (use 1, 2, 3, 4, 6, 8, 12, 24, 48, 72, …)', zh: '{hours} 小时的时间窗既不能整除一天，也不是整天数（可用 1、2、3、4、6、8、12、24、48、72 ……）' },
  'alert-window.guard': { en: 'a guard band of {guard} days leaves nothing of a {baseline}-day baseline', zh: '{guard} 天的间隔期不短于 {baseline} 天的基线期' },
  'alert-category-twice': { en: 'category "{code}" is already counted through its major category "{major}", listed too', zh: '小类“{code}”已通过同时列出的大类“{major}”计数' },

  // ---- SLA and calendars ----
  'reminder-too-early': { en: 'a reminder {before} h before a {limit} h deadline would fall before the clock starts', zh: '时限只有 {limit} 小时，提前 {before} 小时的提醒会早于计时开始' },
  'calendar-year-missing': { en: 'the county runs in {year} but calendar "{id}" has no holidays for {year}', zh: '本县在 {year} 年运行，但日历“{id}”没有 {year} 年的节假日' },
  'calendar-year-missing.test': { en: 'this test runs in {year}, which calendar "{id}" does not cover', zh: '该测试发生在 {year} 年，日历“{id}”未覆盖该年' },
  'calendar-wrong-year': { en: 'holiday {from}..{to} is not in {year}', zh: '节假日 {from} 至 {to} 不在 {year} 年' },
  'calendar-range': { en: 'holiday ends ({to}) before it starts ({from})', zh: '节假日的结束日期（{to}）早于开始日期（{from}）' },

  // ---- workflow ----
  'duplicate-state': { en: 'state "{id}" is already defined at {first}', zh: '状态“{id}”已在 {first} 定义过' },
  'unknown-state.initial': { en: 'initial state "{id}" is not one of the workflow\'s states', zh: '初始状态“{id}”不是流程中的状态' },
  'unknown-state.to': { en: 'goes to "{id}", which is not one of the workflow\'s states', zh: '流转到的“{id}”不是流程中的状态' },
  'unknown-state.from': { en: 'starts from "{id}", which is not one of the workflow\'s states', zh: '流转起点“{id}”不是流程中的状态' },
  'terminal-initial-state': { en: 'initial state "{id}" is terminal: no event could ever move', zh: '初始状态“{id}”是终止状态：事件将无法流转' },
  'duplicate-transition': { en: 'action "{action}" from state "{from}" is already defined at {first}', zh: '从状态“{from}”出发的动作“{action}”已在 {first} 定义过' },
  'transition-from-terminal': { en: 'leaves terminal state "{from}"; a terminal state is final', zh: '从终止状态“{from}”流出；终止状态不能再流转' },
  'dead-end-state': { en: 'not terminal, but no transition leaves it: events would be stuck there', zh: '不是终止状态，却没有任何流转离开它：事件会卡在这里' },
  'unreachable-state': { en: 'cannot be reached from the initial state "{initial}"', zh: '从初始状态“{initial}”无法到达' },

  'satisfaction-scale-one-sided': { en: 'the satisfaction scale needs at least one rating that counts as satisfied and one that does not', zh: '满意度评价等级至少要有一个计为满意、一个计为不满意' },

  // ---- assessment ----
  'assessment-weights': { en: "the indicators' weights add up to {sum}, not 1", zh: '各考核指标的权重之和为 {sum}，应为 1' },
  'assessment-source-weights': { en: 'the sources that apply to a {kind} weigh {sum} together, not 1 ({sources})', zh: '适用于{kind}的评分来源权重之和为 {sum}，应为 1（{sources}）' },
  'assessment-custom.missing': { en: 'measure "custom" needs "custom": the measure it narrows ("of") and a condition ("where")', zh: '自定义指标（measure 为 custom）需要 custom：所细分的指标（of）和条件（where）' },
  'assessment-custom.unexpected': { en: '"custom" goes with measure "custom" only', zh: 'custom 只能用于 measure 为 custom 的指标' },
  'assessment-custom.rate': { en: 'overdueCount is a count: a custom indicator of it has kind "count"', zh: '超期件数是计数：以它为基础的自定义指标的 kind 应为 count' },
  'assessment-fact': { en: '"{fact}" is not a fact an assessment condition reads ({facts})', zh: '“{fact}”不是考核条件可读取的事实（{facts}）' },
  'assessment-fact.path': { en: 'assessment conditions compare whole facts: remove "path"', zh: '考核条件比较的是整个事实：请去掉 path' },
  'assessment-fact.null': { en: 'compare "{fact}" with a value, not null', zh: '“{fact}”应与具体的值比较，而不是 null' },
  'assessment-target': { en: 'a count where higher is better needs a target', zh: '越高越好的计数指标需要目标值（target）' },
  'assessment-zero-at': { en: 'zeroAt ({zeroAt}) must be above the target ({target})', zh: 'zeroAt（{zeroAt}）须大于目标值（{target}）' },
  'assessment-zero-at.higher': { en: 'zeroAt applies where lower is better only', zh: 'zeroAt 只适用于越低越好的指标' },

  // ---- geography ----
  'boundary-kind': { en: '"{id}" is a {kind}: boundaries are drawn for townships, villages/communities and grids', zh: '“{id}”是{kind}：只有乡镇（街道）、村（社区）和网格才有边界' },
  'duplicate-boundary': { en: 'unit "{id}" already has a boundary (feature {first})', zh: '单位“{id}”已有边界（第 {first} 个要素）' },
  'missing-boundary': { en: 'grid {id} ({name}) has no boundary yet: a report by coordinates alone cannot be placed in it', zh: '网格 {id}（{name}）尚无边界：仅凭坐标的上报无法落入该网格' },
  'bad-ring.short': { en: '{ring} has {count} positions; a ring needs at least 4, its first repeated last', zh: '{ring}只有 {count} 个坐标点；一个环至少要有 4 个，且末点重复首点' },
  'bad-ring.open': { en: '{ring} is not closed: its last position must repeat its first', zh: '{ring}未闭合：末点须与首点相同' },
  'bad-ring.crossing': { en: '{ring} crosses itself (edges {first} and {second})', zh: '{ring}自相交（第 {first} 条边与第 {second} 条边）' },
  'bad-ring.empty': { en: '{ring} encloses no area', zh: '{ring}围成的面积为零' },
  'bad-position': { en: 'position {position} of {ring}, {value}, is not [longitude, latitude] in WGS84 degrees (longitude -180…180, latitude -90…90)', zh: '{ring}的第 {position} 个坐标 {value} 不是 WGS84 经纬度 [经度, 纬度]（经度 -180…180，纬度 -90…90）' },
  'bad-position.swapped': { en: 'position {position} of {ring}, {value}, looks like [latitude, longitude]: GeoJSON positions are [longitude, latitude]', zh: '{ring}的第 {position} 个坐标 {value} 像是 [纬度, 经度]：GeoJSON 坐标的顺序是 [经度, 纬度]' },
  'boundary-outside': { en: '{share} of it ({area}) lies outside {parentKind} {parent} ({parentName}); the tolerance is {tolerance}', zh: '有 {share}（{area}）在{parentKind} {parent}（{parentName}）之外；容差为 {tolerance}' },
  'boundary-overlap': { en: 'overlaps {otherKind} {other} ({otherName}) by {area}, {share} of the smaller; the tolerance is {tolerance}', zh: '与{otherKind} {other}（{otherName}）重叠 {area}，占较小者的 {share}；容差为 {tolerance}' },
  'boundary-gap': { en: '{share} of it ({area}) lies in none of the units drawn inside it ({children}); the tolerance is {tolerance}', zh: '有 {share}（{area}）不在其内已画边界的任何单位（{children}）之中；容差为 {tolerance}' },

  // ---- whole config ----
  'invalid-config': { en: '{detail}', zh: '{detail}' },
  'missing-manifest': { en: 'a config folder needs a config.json object (id, name, county, or extends)', zh: '配置文件夹需要一个 config.json 对象（id、name、county 或 extends）' },
  'duplicate-section': { en: 'section "{section}" is given both in config.json and in {file}', zh: '“{section}”部分在 config.json 和 {file} 中都有' },
  'unknown-file': { en: '{file} is not a section of a county config (expected {expected})', zh: '{file} 不是县级配置的组成部分（应为 {expected}）' },
} as const satisfies Record<string, { en: string; zh: string }>;

export type MessageKey = keyof typeof MESSAGES;

/** A parameter in one language. */
function said(value: MessageParam, language: MessageLanguage): string {
  return typeof value === 'object' ? value[language] : String(value);
}

/** A message key's template with its parameters filled in (an unknown parameter stays as `{name}`). */
export function renderMessage(key: MessageKey, params: MessageParams, language: MessageLanguage): string {
  return MESSAGES[key][language].replace(/\{([A-Za-z]+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? said(params[name], language) : whole));
}

/** A problem found in a config: its code, pointer and parameters, said in both languages. */
export function problem(key: MessageKey, pointer: string, params: MessageParams = {}): Issue {
  const code = key.split('.')[0];
  return {
    code,
    pointer,
    ...(Object.keys(params).length > 0 ? { params } : {}),
    message: renderMessage(key, params, 'en'),
    messageZh: renderMessage(key, params, 'zh'),
  };
}

/** Picks an issue's message in a language (Chinese falls back to English for issues made elsewhere). */
export function issueMessage(issue: Issue, language: MessageLanguage): string {
  return language === 'zh' ? issue.messageZh ?? issue.message : issue.message;
}

/** Words used as parameters: unit kinds, platforms, field kinds, value types. */
export const WORDS = {
  county_government: { en: 'county government', zh: '县委县政府' },
  county_command: { en: 'county command centre', zh: '县综合指挥中心' },
  county_department: { en: 'county department', zh: '县级部门' },
  township: { en: 'township', zh: '乡镇（街道）' },
  township_command: { en: 'township command room', zh: '乡镇综合信息指挥室' },
  platform: { en: 'platform', zh: '平台' },
  village: { en: 'village/community', zh: '村（社区）' },
  grid: { en: 'grid', zh: '网格' },
  governance: { en: 'comprehensive governance', zh: '综治工作' },
  market: { en: 'market supervision', zh: '市场监管' },
  enforcement: { en: 'comprehensive law enforcement', zh: '综合执法' },
  service: { en: 'convenience services', zh: '便民服务' },
  boolean: { en: 'a yes/no field', zh: '是否字段' },
  choice: { en: 'a choice field', zh: '单选字段' },
  multi: { en: 'a multiple-choice field', zh: '多选字段' },
  text: { en: 'a text field', zh: '文本字段' },
  number: { en: 'a number field', zh: '数字字段' },
  other: { en: 'a field', zh: '字段' },
  integer: { en: 'an integer', zh: '整数' },
  string: { en: 'a text', zh: '文本' },
  object: { en: 'an object', zh: '对象' },
  array: { en: 'a list', zh: '列表' },
  null: { en: 'null', zh: 'null' },
  unit: { en: 'unit id', zh: '单位编号' },
  category: { en: 'category code', zh: '分类编码' },
  form: { en: 'form id', zh: '表单编号' },
  rule: { en: 'rule id', zh: '规则编号' },
  policy: { en: 'SLA policy id', zh: '时限策略编号' },
  calendar: { en: 'calendar id', zh: '日历编号' },
  test: { en: 'test id', zh: '测试编号' },
  alert: { en: 'alert rule id', zh: '预警规则编号' },
  level: { en: 'level', zh: '等级' },
} as const satisfies Record<string, { en: string; zh: string }>;

/** A word for a value the catalog knows (a unit kind, a platform, ...), or the value itself. */
export function word(value: string): MessageParam {
  return Object.hasOwn(WORDS, value) ? WORDS[value as keyof typeof WORDS] : value;
}
