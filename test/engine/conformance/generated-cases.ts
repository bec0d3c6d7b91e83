/**
 * The generated half of the conformance suite: every operator × kinds of condition value × kinds
 * of fact value (numbers, numeric strings, NaN, null, undefined, booleans, "true", arrays, empty
 * arrays, nested objects, Chinese and non-BMP text), with and without a `path`, plus boolean
 * structure (`all`/`any`/`not`, empty lists, nesting). A condition the product must refuse at
 * compile carries the issue code it must be refused with.
 */
import { OPERATORS, type Operator } from '../../../engine/index';

export interface FactSet {
  label: string;
  /** The report's data: the facts the case's fields get. A key left out is an undefined fact. */
  facts: Record<string, unknown>;
}

export interface GeneratedCase {
  name: string;
  conditions: unknown;
  /** Form fields of the case's county. */
  fields: readonly string[];
  factSets: readonly FactSet[];
  /** The issue code compile must refuse the condition with; absent when it must be accepted. */
  refused?: string;
}

/** Fact values of every kind the issue names, and a few more that sit on the operators' edges. */
export const FACT_VALUES: ReadonlyArray<[string, unknown]> = [
  ['0', 0], ['1', 1], ['-1', -1], ['1.5', 1.5], ['1000', 1000], ['-0', -0], ['Infinity', Infinity], ['NaN', NaN],
  ['"1"', '1'], ['"1.5"', '1.5'], ['"0"', '0'], ['"-1"', '-1'], ['"1e3"', '1e3'], ['"0x10"', '0x10'], ['" 2 "', ' 2 '], ['"12abc"', '12abc'], ['"NaN"', 'NaN'],
  ['""', ''], ['"a"', 'a'], ['"true"', 'true'], ['"false"', 'false'], ['"null"', 'null'],
  ['true', true], ['false', false], ['null', null], ['undefined (present)', undefined],
  ['[]', []], ['[1]', [1]], ['[1,2,3]', [1, 2, 3]], ['["1"]', ['1']], ['[null]', [null]], ['[true,false]', [true, false]], ['[[1]]', [[1]]], ['["a","中文"]', ['a', '中文']],
  ['{}', {}], ['{a:1}', { a: 1 }], ['{length:2}', { length: 2 }], ['{a:{b:"x"}}', { a: { b: 'x' } }],
  ['"中文"', '中文'], ['"秸秆焚烧"', '秸秆焚烧'], ['"𠀀"', '𠀀'], ['"a𠀀b"', 'a𠀀b'], ['"😀"', '😀'],
];

/** Condition values per kind of operator; a value the product refuses carries its issue code. */
const SCALARS: ReadonlyArray<[string, unknown, string?]> = [
  ['0', 0], ['1', 1], ['-1', -1], ['1.5', 1.5], ['"1"', '1'], ['""', ''], ['"a"', 'a'], ['"true"', 'true'], ['"NaN"', 'NaN'],
  ['true', true], ['false', false], ['null', null], ['"中文"', '中文'], ['"𠀀"', '𠀀'], ['"😀"', '😀'],
  ['[1] (a list)', [1], 'bad-value'], ['{fact} (fact-valued)', { fact: 'y' }, 'bad-value'], ['{} (object)', {}, 'bad-value'],
];
const LISTS: ReadonlyArray<[string, unknown, string?]> = [
  ['[]', []], ['[1,2]', [1, 2]], ['["1","2"]', ['1', '2']], ['[0,"0",false,null]', [0, '0', false, null]], ['[true]', [true]], ['["中文","𠀀"]', ['中文', '𠀀']], ['["a","true",1.5]', ['a', 'true', 1.5]],
  ['"abc" (a string)', 'abc', 'bad-value'], ['1 (a number)', 1, 'bad-value'], ['[[1]] (nested)', [[1]], 'bad-value'], ['[{}]', [{}], 'bad-value'],
  ['501 values', Array.from({ length: 501 }, (_, i) => i), 'too-many-items'],
];
const NUMBERS: ReadonlyArray<[string, unknown, string?]> = [
  ['0', 0], ['1', 1], ['-1', -1], ['1.5', 1.5], ['1000', 1000], ['-0.5', -0.5],
  ['"1" (a string)', '1', 'bad-value'], ['null', null, 'bad-value'], ['true', true, 'bad-value'], ['[1]', [1], 'bad-value'],
];

function valuesFor(operator: Operator): ReadonlyArray<[string, unknown, string?]> {
  if (operator === 'in' || operator === 'notIn') return LISTS;
  if (operator.startsWith('less') || operator.startsWith('greater')) return NUMBERS;
  return SCALARS;
}

/** Fact x as every kind of value, and absent. */
const PLAIN_FACTS: readonly FactSet[] = [{ label: 'fact x absent', facts: {} }, ...FACT_VALUES.map(([label, v]) => ({ label: `x = ${label}`, facts: { x: v } }))];

/** Fact sets for a path case: the value at the path, the fact itself not an object, missing steps. */
function pathFacts(path: string): FactSet[] {
  const steps = path.slice(2).split('.');
  const nest = (v: unknown) => steps.reduceRight<unknown>((inner, step) => (step === 'length' ? inner : { [step]: inner }), v);
  const sets: FactSet[] = [{ label: 'fact x absent', facts: {} }];
  for (const [label, v] of FACT_VALUES) {
    sets.push({ label: `x${path.slice(1)} holds ${label}`, facts: { x: nest(v) } });
    // the fact itself, whatever it is: a non-object is compared as it is
    sets.push({ label: `x = ${label}`, facts: { x: v } });
  }
  sets.push({ label: 'x = {} (no such step)', facts: { x: {} } }, { label: 'x = {a:null}', facts: { x: { a: null } } }, { label: 'x = {a:""}', facts: { x: { a: '' } } });
  return sets;
}

export function generatedCases(): GeneratedCase[] {
  const cases: GeneratedCase[] = [];
  for (const operator of OPERATORS) {
    for (const [label, value, refused] of valuesFor(operator)) {
      cases.push({ name: `x ${operator} ${label}`, conditions: { all: [{ fact: 'x', operator, value }] }, fields: ['x', 'y'], factSets: PLAIN_FACTS, ...(refused ? { refused } : {}) });
    }
  }
  // paths: a plain step, two steps, a string's or array's length, a length one level down
  const PATH_VALUES: Partial<Record<Operator, ReadonlyArray<[string, unknown]>>> = {
    equal: [['1', 1], ['"x"', 'x'], ['null', null], ['true', true], ['"中文"', '中文']],
    notEqual: [['1', 1], ['null', null]],
    in: [['[1,2,"x"]', [1, 2, 'x']], ['[null]', [null]]],
    notIn: [['[1,"x"]', [1, 'x']]],
    contains: [['1', 1], ['"中文"', '中文']],
    doesNotContain: [['1', 1]],
    greaterThan: [['0', 0], ['1', 1], ['10', 10]],
    greaterThanInclusive: [['0', 0], ['2', 2]],
    lessThan: [['2', 2], ['0', 0]],
    lessThanInclusive: [['1', 1]],
  };
  for (const path of ['$.a', '$.a.b', '$.length', '$.a.length', '$.a.b.length', '$.a.b.c.d']) {
    const sets = pathFacts(path);
    for (const operator of OPERATORS) {
      for (const [label, value] of PATH_VALUES[operator] ?? []) {
        cases.push({ name: `x ${path} ${operator} ${label}`, conditions: { all: [{ fact: 'x', path, operator, value }] }, fields: ['x'], factSets: sets });
      }
    }
  }
  // paths the product refuses: JSONPath beyond plain steps, five steps, inherited names
  const refusedPaths: Array<[string, string]> = [['$.a[0]', 'bad-path'], ['$..a', 'bad-path'], ['$.*', 'bad-path'], ['$[?(@.a)]', 'bad-path'], ['$.a.b.c.d.e', 'bad-path'], ['.a', 'bad-path'], ['$', 'bad-path'], ['$.0', 'bad-path']];
  for (const [path, code] of refusedPaths) {
    cases.push({ name: `x ${path} (refused)`, conditions: { all: [{ fact: 'x', path, operator: 'equal', value: 1 }] }, fields: ['x'], factSets: [{ label: 'x = {a:1}', facts: { x: { a: 1 } } }], refused: code });
  }
  // fact names: inherited ones and bad patterns are refused wherever they appear
  for (const name of ['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', 'prototype']) {
    cases.push({ name: `fact "${name}"`, conditions: { all: [{ fact: name, operator: 'equal', value: 1 }] }, fields: ['x'], factSets: [{ label: 'no facts', facts: {} }], refused: 'reserved-name' });
    cases.push({ name: `field "${name}"`, conditions: { all: [{ fact: 'x', operator: 'equal', value: 1 }] }, fields: ['x', name], factSets: [{ label: 'no facts', facts: {} }], refused: 'reserved-name' });
  }
  for (const name of ['__proto__', '__defineGetter__', '_x', '1x', 'a-b', 'x'.repeat(65), '中文']) {
    cases.push({ name: `fact "${name.slice(0, 20)}"`, conditions: { all: [{ fact: name, operator: 'equal', value: 1 }] }, fields: ['x'], factSets: [{ label: 'no facts', facts: {} }], refused: 'bad-name' });
  }
  // boolean structure over two facts, each present, absent or of another type
  const xs: Array<[string, Record<string, unknown>]> = [['x=1,y="a"', { x: 1, y: 'a' }], ['x=2,y="b"', { x: 2, y: 'b' }], ['x="1",y=null', { x: '1', y: null }], ['none', {}], ['x=1', { x: 1 }], ['y="a"', { y: 'a' }], ['x=[1],y=["a"]', { x: [1], y: ['a'] }]];
  const structureSets = xs.map(([label, facts]) => ({ label, facts }));
  const x1 = { fact: 'x', operator: 'equal', value: 1 };
  const ya = { fact: 'y', operator: 'equal', value: 'a' };
  const structures: Array<[string, unknown, string?]> = [
    ['all []', { all: [] }], ['any []', { any: [] }], ['not all []', { not: { all: [] } }], ['not any []', { not: { any: [] } }],
    ['all [x,y]', { all: [x1, ya] }], ['any [x,y]', { any: [x1, ya] }], ['not x', { not: x1 }], ['not not x', { not: { not: x1 } }],
    ['all [any [x,y], not y]', { all: [{ any: [x1, ya] }, { not: ya }] }], ['any [all [], x]', { any: [{ all: [] }, x1] }],
    ['any [not any [], y]', { any: [{ not: { any: [] } }, ya] }], ['priorities', { all: [{ ...x1, priority: 5 }, { any: [ya, { fact: 'x', operator: 'greaterThan', value: 0 }], priority: 2 }] }],
    ['x alone at the root', x1],
    ['65 conditions in all', { all: Array.from({ length: 65 }, () => x1) }, 'too-many-items'],
    ['65 conditions in any', { any: Array.from({ length: 65 }, () => ya) }, 'too-many-items'],
    ['64 conditions in all', { all: Array.from({ length: 64 }, () => x1) }],
    ['13 levels of not', Array.from({ length: 13 }).reduce<unknown>((inner) => ({ not: inner }), x1), 'condition-too-deep'],
    ['a condition reference', { all: [{ condition: 'shared' }] }, 'unknown-key'],
    ['params on a fact', { all: [{ ...x1, params: { a: 1 } }] }, 'unknown-key'],
    ['a decorated operator', { all: [{ fact: 'x', operator: 'everyFact:equal', value: 1 }] }, 'unknown-operator'],
    ['a custom operator', { all: [{ fact: 'x', operator: 'startsWith', value: 'a' }] }, 'unknown-operator'],
    ['a name on a condition', { all: [{ ...x1, name: 'x is one' }] }, 'unknown-key'],
    ['not as a list', { not: [x1] }, 'condition-shape'],
    ['all and any together', { all: [x1], any: [ya] }, 'unknown-key'],
  ];
  for (const [name, conditions, refused] of structures) cases.push({ name, conditions, fields: ['x', 'y'], factSets: structureSets, ...(refused ? { refused } : {}) });
  return cases;
}
