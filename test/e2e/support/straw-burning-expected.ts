/**
 * What the straw-burning scenario must leave in the stored config, written out as JSON: the
 * version it started from with exactly the category, form, two rules, time limit and test case
 * the administrator made, and nothing else changed.
 */
export type Doc = Record<string, any>;

/** `value` with every object's keys in sorted order (arrays keep their order). */
export function normalised(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalised);
  if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((k) => [k, normalised((value as Doc)[k])]));
  return value;
}

export function expectedStrawBurningChanges(before: Doc): Doc {
  const doc = structuredClone(before);
  doc.categories.find((m: Doc) => m.code === 'environment').children.push({
    code: 'env-straw-burning',
    name: { zh: '秸秆焚烧', en: 'Straw burning' },
    form: 'f-env-straw-burning',
    platform: 'governance',
    level: 1,
  });
  doc.forms.push({
    id: 'f-env-straw-burning',
    name: { zh: '秸秆焚烧', en: 'Straw burning' },
    include: ['base'],
    schema: {
      type: 'object',
      properties: {
        material: {
          type: 'string',
          title: '焚烧物',
          oneOf: [
            { const: 'straw', title: '秸秆' },
            { const: 'garbage', title: '垃圾' },
            { const: 'plastic', title: '塑料' },
          ],
        },
        nearHomes: { type: 'boolean', title: '是否靠近民房', default: false },
      },
      required: ['material'],
    },
    uiSchema: {
      material: {
        'ui:title': { zh: '焚烧物', en: 'Material burned' },
        'ui:widget': 'radio',
        oneOf: [{ 'ui:title': { zh: '秸秆', en: 'Straw' } }, { 'ui:title': { zh: '垃圾', en: 'Garbage' } }, { 'ui:title': { zh: '塑料', en: 'Plastic' } }],
      },
      nearHomes: { 'ui:title': { zh: '是否靠近民房', en: 'Near homes?' }, 'ui:widget': 'radio' },
    },
  });
  const nearHomes = { all: [{ fact: 'nearHomes', operator: 'equal', value: true }] };
  doc.rules.push(
    {
      id: 'route-1',
      name: { zh: '秸秆焚烧靠近民房派执法', en: 'Straw burning near homes to enforcement' },
      priority: 100,
      scope: { category: 'env-straw-burning' },
      conditions: nearHomes,
      event: { type: 'route', params: { target: { type: 'platform', platform: 'enforcement' } } },
    },
    {
      id: 'grade-1',
      name: { zh: '秸秆焚烧靠近民房定为较大', en: 'Straw burning near homes is serious' },
      priority: 100,
      scope: { category: 'env-straw-burning' },
      conditions: nearHomes,
      event: { type: 'grade', params: { level: 2 } },
    },
  );
  doc.sla.policies.find((p: Doc) => p.id === 'level-2').accept.hours = 2;
  doc.tests.push({
    id: 'case-env-straw-burning-1',
    description: '靠近民房的秸秆焚烧派镇综合执法平台，较大，2 小时受理',
    input: {
      category: 'env-straw-burning',
      at: '2026-06-18T10:00:00+08:00',
      data: { location: { grid: 'qs-fx-v01-g1' }, description: '田间焚烧秸秆，浓烟飘向村民住宅', material: 'straw', nearHomes: true },
    },
    // 2 working hours to accept: 10:00 → 12:00 the same Thursday; 24 working hours to resolve skip
    // the Dragon Boat Festival (Friday 06-19) and the weekend
    expected: {
      level: 2,
      unit: 'qs-fx-enf',
      slaPolicy: 'level-2',
      acceptDue: '2026-06-18T12:00:00+08:00',
      resolveDue: '2026-06-24T11:30:00+08:00',
      reminders: [{ of: 'resolve', at: '2026-06-23T11:30:00+08:00' }],
      breaches: [
        { of: 'accept', at: '2026-06-18T12:00:00+08:00' },
        { of: 'resolve', at: '2026-06-24T11:30:00+08:00' },
      ],
    },
  });
  return doc;
}
