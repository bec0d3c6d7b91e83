/**
 * json-rules-engine's own test cases about conditions, operators, paths and undefined facts,
 * rewritten as a data table. Each row is one setup of one upstream test (CacheControl/json-rules-engine,
 * test/*.test.js and test/acceptance/acceptance.js; ISC licence, Copyright (c) 2017 Cache Hamm):
 * the rule's `conditions`, the facts as plain values (a dynamic fact becomes the constant value it
 * computes in that test; a fact the test leaves undefined is absent), and whether the rule fires.
 * This is a rewrite of those tests as data, not a copy of their code.
 *
 * Reading the table:
 * - An upstream condition evaluated on its own (condition.test.js, almanac.test.js, operator tests)
 *   is wrapped in `{ all: [leaf] }`, which json-rules-engine evaluates as the leaf itself.
 * - Rows are meant to be run with `allowUndefinedFacts: true` (the rows about undefined facts say so
 *   upstream; the others read only facts they define).
 * - Condition metadata that does not affect evaluation (`name`, `id`) is left out, and noted in `from`.
 * - A fact renamed to a name pingtai can use is noted in `from` as [renamed a → b]; a row marked
 *   [variant: …] is an adaptation of the upstream setup (e.g. params dropped on what is, in the table,
 *   a constant fact), kept beside the faithful row so the behaviour stays judgeable.
 * - `refused` rows carry what pingtai refuses at compile time; their `expected` is still what
 *   json-rules-engine does with the setup the upstream test builds (custom operators, decorators,
 *   condition references and path resolvers registered as the test registers them). A construction
 *   or run error upstream (missing value, unknown operator, undefined condition) counts as not firing.
 */

/** One case of json-rules-engine's own test suite, as data. */
export interface PeerCase {
  /** Source: upstream test file and test title, e.g. 'condition.test.js › evaluates "lessThan" (49)'. Unique. */
  from: string;
  /** The rule's `conditions` exactly as json-rules-engine takes them (root: all / any / not). */
  conditions: unknown;
  /** Runtime facts passed to engine.run(facts): JSON-like values only (no functions, no Fact instances). A fact the case leaves undefined is simply absent. */
  facts: Record<string, unknown>;
  /** Whether the rule fires, as the upstream test expects it for this setup. */
  expected: boolean;
  /**
   * Present when pingtai refuses this condition at compile time, with the reason group:
   * 'fact-valued-value' ({fact:...} as value), 'params' (condition params), 'condition-reference'
   * ({condition:'name'}), 'operator-decorator' (e.g. 'everyFact:greaterThan'), 'custom-operator',
   * 'jsonpath' (a path that is not a plain $.a.b dotted path of identifiers: brackets, [*], filters, leading '.'),
   * 'non-scalar-value' (value is an object/array where pingtai needs a scalar, or a non-array for in/notIn, or a non-number for lessThan etc.),
   * 'fact-name' (a fact name pingtai cannot use: not matching ^[A-Za-z][A-Za-z0-9_]{0,63}$, or an Object.prototype member name like constructor/__proto__/toString, or one of pingtai's derived facts: category, majorCategory, categoryPath, township, village, grid, source, workingTime, holiday, hourOfDay, dayOfWeek, recentReports, level),
   * 'undefined-value' (condition value undefined or missing).
   */
  refused?: 'fact-valued-value' | 'params' | 'condition-reference' | 'operator-decorator' | 'custom-operator' | 'jsonpath' | 'non-scalar-value' | 'fact-name' | 'undefined-value';
}

/** engine-fact.test.js: the address object its eligibilityData fact returns. */
const ELIGIBILITY_ADDRESS = {
  street: '123 Fake Street',
  state: { abbreviation: 'CO', name: 'Colorado' },
  zip: '80403',
  'dot.property': 'dot-property-value',
  occupantHistory: [
    { name: 'Joe', year: 2011 },
    { name: 'Jane', year: 2013 },
  ],
  currentOccupants: [{ name: 'Larry', year: 2020 }],
};
/** eligibilityData for eligibilityId 1 (CHILD = 14) and otherwise (ADULT = 75). */
const ELIGIBILITY_CHILD = { age: 14, address: ELIGIBILITY_ADDRESS };
const ELIGIBILITY_ADULT = { age: 75, address: ELIGIBILITY_ADDRESS };

export const PEER_CASES: readonly PeerCase[] = [
  // ───────────── condition.test.js (condition factory: fact 'age', operator 'equal', value 50) ─────────────
  { from: 'condition.test.js › evaluates "equal" (50)', conditions: { all: [{ fact: 'age', operator: 'equal', value: 50 }] }, facts: { age: 50 }, expected: true },
  { from: 'condition.test.js › evaluates "equal" (5)', conditions: { all: [{ fact: 'age', operator: 'equal', value: 50 }] }, facts: { age: 5 }, expected: false },
  { from: 'condition.test.js › evaluates "equal" to check for undefined (age undefined)', conditions: { all: [{ fact: 'age', operator: 'equal', value: undefined }] }, facts: {}, expected: true, refused: 'undefined-value' },
  { from: 'condition.test.js › evaluates "equal" to check for undefined (age 1)', conditions: { all: [{ fact: 'age', operator: 'equal', value: undefined }] }, facts: { age: 1 }, expected: false, refused: 'undefined-value' },
  { from: 'condition.test.js › evaluates "notEqual" (50)', conditions: { all: [{ fact: 'age', operator: 'notEqual', value: 50 }] }, facts: { age: 50 }, expected: false },
  { from: 'condition.test.js › evaluates "notEqual" (5)', conditions: { all: [{ fact: 'age', operator: 'notEqual', value: 50 }] }, facts: { age: 5 }, expected: true },
  { from: 'condition.test.js › evaluates "in" (15)', conditions: { all: [{ fact: 'age', operator: 'in', value: [5, 10, 15, 20] }] }, facts: { age: 15 }, expected: true },
  { from: 'condition.test.js › evaluates "in" (99)', conditions: { all: [{ fact: 'age', operator: 'in', value: [5, 10, 15, 20] }] }, facts: { age: 99 }, expected: false },
  { from: 'condition.test.js › evaluates "contains" ([5, 10, 15])', conditions: { all: [{ fact: 'age', operator: 'contains', value: 10 }] }, facts: { age: [5, 10, 15] }, expected: true },
  { from: 'condition.test.js › evaluates "contains" ([1, 2, 3])', conditions: { all: [{ fact: 'age', operator: 'contains', value: 10 }] }, facts: { age: [1, 2, 3] }, expected: false },
  { from: 'condition.test.js › evaluates "doesNotContain" ([5, 10, 15])', conditions: { all: [{ fact: 'age', operator: 'doesNotContain', value: 10 }] }, facts: { age: [5, 10, 15] }, expected: false },
  { from: 'condition.test.js › evaluates "doesNotContain" ([1, 2, 3])', conditions: { all: [{ fact: 'age', operator: 'doesNotContain', value: 10 }] }, facts: { age: [1, 2, 3] }, expected: true },
  { from: 'condition.test.js › evaluates "notIn" (15)', conditions: { all: [{ fact: 'age', operator: 'notIn', value: [5, 10, 15, 20] }] }, facts: { age: 15 }, expected: false },
  { from: 'condition.test.js › evaluates "notIn" (99)', conditions: { all: [{ fact: 'age', operator: 'notIn', value: [5, 10, 15, 20] }] }, facts: { age: 99 }, expected: true },
  { from: 'condition.test.js › evaluates "lessThan" (49)', conditions: { all: [{ fact: 'age', operator: 'lessThan', value: 50 }] }, facts: { age: 49 }, expected: true },
  { from: 'condition.test.js › evaluates "lessThan" (50)', conditions: { all: [{ fact: 'age', operator: 'lessThan', value: 50 }] }, facts: { age: 50 }, expected: false },
  { from: 'condition.test.js › evaluates "lessThan" (51)', conditions: { all: [{ fact: 'age', operator: 'lessThan', value: 50 }] }, facts: { age: 51 }, expected: false },
  { from: 'condition.test.js › evaluates "lessThanInclusive" (49)', conditions: { all: [{ fact: 'age', operator: 'lessThanInclusive', value: 50 }] }, facts: { age: 49 }, expected: true },
  { from: 'condition.test.js › evaluates "lessThanInclusive" (50)', conditions: { all: [{ fact: 'age', operator: 'lessThanInclusive', value: 50 }] }, facts: { age: 50 }, expected: true },
  { from: 'condition.test.js › evaluates "lessThanInclusive" (51)', conditions: { all: [{ fact: 'age', operator: 'lessThanInclusive', value: 50 }] }, facts: { age: 51 }, expected: false },
  { from: 'condition.test.js › evaluates "greaterThan" (51)', conditions: { all: [{ fact: 'age', operator: 'greaterThan', value: 50 }] }, facts: { age: 51 }, expected: true },
  { from: 'condition.test.js › evaluates "greaterThan" (49)', conditions: { all: [{ fact: 'age', operator: 'greaterThan', value: 50 }] }, facts: { age: 49 }, expected: false },
  { from: 'condition.test.js › evaluates "greaterThan" (50)', conditions: { all: [{ fact: 'age', operator: 'greaterThan', value: 50 }] }, facts: { age: 50 }, expected: false },
  { from: 'condition.test.js › evaluates "greaterThanInclusive" (51)', conditions: { all: [{ fact: 'age', operator: 'greaterThanInclusive', value: 50 }] }, facts: { age: 51 }, expected: true },
  { from: 'condition.test.js › evaluates "greaterThanInclusive" (50)', conditions: { all: [{ fact: 'age', operator: 'greaterThanInclusive', value: 50 }] }, facts: { age: 50 }, expected: true },
  { from: 'condition.test.js › evaluates "greaterThanInclusive" (49)', conditions: { all: [{ fact: 'age', operator: 'greaterThanInclusive', value: 50 }] }, facts: { age: 49 }, expected: false },
  { from: 'condition.test.js › returns false when using contains or doesNotContain with a non-array (contains, null)', conditions: { all: [{ fact: 'age', operator: 'contains', value: 50 }] }, facts: { age: null }, expected: false },
  { from: 'condition.test.js › returns false when using contains or doesNotContain with a non-array (doesNotContain, null)', conditions: { all: [{ fact: 'age', operator: 'doesNotContain', value: 50 }] }, facts: { age: null }, expected: false },
  { from: 'condition.test.js › returns false when using comparison operators with null (lessThan)', conditions: { all: [{ fact: 'age', operator: 'lessThan', value: 50 }] }, facts: { age: null }, expected: false },
  { from: 'condition.test.js › returns false when using comparison operators with null (lessThanInclusive)', conditions: { all: [{ fact: 'age', operator: 'lessThanInclusive', value: 50 }] }, facts: { age: null }, expected: false },
  { from: 'condition.test.js › returns false when using comparison operators with null (greaterThan)', conditions: { all: [{ fact: 'age', operator: 'greaterThan', value: 50 }] }, facts: { age: null }, expected: false },
  { from: 'condition.test.js › returns false when using comparison operators with null (greaterThanInclusive)', conditions: { all: [{ fact: 'age', operator: 'greaterThanInclusive', value: 50 }] }, facts: { age: null }, expected: false },
  { from: 'condition.test.js › returns false when using comparison operators with non-numbers (lessThan, "non-number")', conditions: { all: [{ fact: 'age', operator: 'lessThan', value: 50 }] }, facts: { age: 'non-number' }, expected: false },
  { from: 'condition.test.js › returns false when using comparison operators with non-numbers (lessThan, null)', conditions: { all: [{ fact: 'age', operator: 'lessThan', value: 50 }] }, facts: { age: null }, expected: false },
  { from: 'condition.test.js › returns false when using comparison operators with non-numbers (lessThan, [])', conditions: { all: [{ fact: 'age', operator: 'lessThan', value: 50 }] }, facts: { age: [] }, expected: false },
  { from: 'condition.test.js › returns false when using comparison operators with non-numbers (lessThan, {})', conditions: { all: [{ fact: 'age', operator: 'lessThan', value: 50 }] }, facts: { age: {} }, expected: false },
  { from: 'condition.test.js › .path › extracts the object property values using its "path" property (value 50)', conditions: { all: [{ operator: 'equal', path: '$.[0].id', fact: 'age', value: 50 }] }, facts: { age: [{ id: 50 }, { id: 60 }] }, expected: true, refused: 'jsonpath' },
  { from: 'condition.test.js › .path › extracts the object property values using its "path" property (value 100)', conditions: { all: [{ operator: 'equal', path: '$.[0].id', fact: 'age', value: 100 }] }, facts: { age: [{ id: 50 }, { id: 60 }] }, expected: false, refused: 'jsonpath' },
  { from: 'condition.test.js › .path › ignores "path" when non-objects are returned by the fact (value 50)', conditions: { all: [{ operator: 'equal', path: '$.[0].id', fact: 'age', value: 50 }] }, facts: { age: 50 }, expected: true, refused: 'jsonpath' },
  { from: 'condition.test.js › .path › ignores "path" when non-objects are returned by the fact (value 100)', conditions: { all: [{ operator: 'equal', path: '$.[0].id', fact: 'age', value: 100 }] }, facts: { age: 50 }, expected: false, refused: 'jsonpath' },
  {
    from: 'condition.test.js › jsonPath › allows json path to extract values from complex facts (iPhone)',
    conditions: { all: [{ operator: 'contains', path: '$.phoneNumbers[*].type', fact: 'users', value: 'iPhone' }] },
    facts: { users: { phoneNumbers: [{ type: 'iPhone', number: '0123-4567-8888' }, { type: 'home', number: '0123-4567-8910' }] } },
    expected: true,
    refused: 'jsonpath',
  },
  {
    from: 'condition.test.js › jsonPath › allows json path to extract values from complex facts (work)',
    conditions: { all: [{ operator: 'contains', path: '$.phoneNumbers[*].type', fact: 'users', value: 'work' }] },
    facts: { users: { phoneNumbers: [{ type: 'iPhone', number: '0123-4567-8888' }, { type: 'home', number: '0123-4567-8910' }] } },
    expected: false,
    refused: 'jsonpath',
  },
  { from: 'condition.test.js › does not throw if is not an array and condition is "not" (constructs; run with foo absent)', conditions: { not: { fact: 'foo', operator: 'equal', value: 'bar' } }, facts: {}, expected: true },
  { from: 'condition.test.js › throws for a missing "value" (fixture\'s id/name and path omitted)', conditions: { all: [{ fact: 'team_participation', operator: 'equal' }] }, facts: { team_participation: 50 }, expected: false, refused: 'undefined-value' },

  // ───────────── engine-all.test.js ─────────────
  { from: 'engine-all.test.js › supports a single "all" condition › emits when the condition is met (age 10)', conditions: { all: [{ fact: 'age', operator: 'lessThan', value: 50 }] }, facts: { age: 10 }, expected: true },
  { from: 'engine-all.test.js › supports a single "all" condition › does not emit when the condition fails (age 65)', conditions: { all: [{ fact: 'age', operator: 'lessThan', value: 50 }] }, facts: { age: 65 }, expected: false },
  { from: 'engine-all.test.js › multiple conditions › emits an event when every condition is met (age 30)', conditions: { all: [{ fact: 'age', operator: 'lessThan', value: 50 }, { fact: 'age', operator: 'greaterThan', value: 21 }] }, facts: { age: 30 }, expected: true },
  { from: 'engine-all.test.js › multiple conditions › does not emit when the first condition fails (age 10)', conditions: { all: [{ fact: 'age', operator: 'lessThan', value: 50 }, { fact: 'age', operator: 'greaterThan', value: 21 }] }, facts: { age: 10 }, expected: false },
  { from: 'engine-all.test.js › multiple conditions › does not emit when the second condition (age 65)', conditions: { all: [{ fact: 'age', operator: 'lessThan', value: 50 }, { fact: 'age', operator: 'greaterThan', value: 21 }] }, facts: { age: 65 }, expected: false },

  // ───────────── engine-any.test.js ─────────────
  { from: 'engine-any.test.js › supports a single "any" condition › emits when the condition is met (age 10)', conditions: { any: [{ fact: 'age', operator: 'lessThan', value: 50 }] }, facts: { age: 10 }, expected: true },
  { from: 'engine-any.test.js › supports a single "any" condition › does not emit when the condition fails (age 75)', conditions: { any: [{ fact: 'age', operator: 'lessThan', value: 50 }] }, facts: { age: 75 }, expected: false },
  { from: 'engine-any.test.js › multiple conditions › emits an event when any condition is met (north-american, 25)', conditions: { any: [{ fact: 'age', operator: 'lessThan', value: 50 }, { fact: 'segment', operator: 'equal', value: 'european' }] }, facts: { segment: 'north-american', age: 25 }, expected: true },
  { from: 'engine-any.test.js › multiple conditions › emits an event when any condition is met (european, 100)', conditions: { any: [{ fact: 'age', operator: 'lessThan', value: 50 }, { fact: 'segment', operator: 'equal', value: 'european' }] }, facts: { segment: 'european', age: 100 }, expected: true },
  { from: 'engine-any.test.js › multiple conditions › does not emit when all conditions fail (north-american, 100)', conditions: { any: [{ fact: 'age', operator: 'lessThan', value: 50 }, { fact: 'segment', operator: 'equal', value: 'european' }] }, facts: { segment: 'north-american', age: 100 }, expected: false },

  // ───────────── engine-not.test.js ─────────────
  { from: 'engine-not.test.js › supports a single "not" condition › emits when the condition is met (age 10)', conditions: { not: { fact: 'age', operator: 'greaterThanInclusive', value: 50 } }, facts: { age: 10 }, expected: true },
  { from: 'engine-not.test.js › supports a single "not" condition › does not emit when the condition fails (age 75)', conditions: { not: { fact: 'age', operator: 'greaterThanInclusive', value: 50 } }, facts: { age: 75 }, expected: false },

  // ───────────── engine-recusive-rules.test.js ─────────────
  {
    from: 'engine-recusive-rules.test.js › "all" with nested "any" › evaluates true when facts pass rules (original fact name family-size)',
    conditions: { all: [{ fact: 'age', operator: 'lessThan', value: 65 }, { fact: 'age', operator: 'greaterThan', value: 21 }, { any: [{ fact: 'income', operator: 'lessThanInclusive', value: 100 }, { fact: 'family-size', operator: 'lessThanInclusive', value: 3 }] }] },
    facts: { age: 30, income: 30, 'family-size': 2 },
    expected: true,
    refused: 'fact-name',
  },
  {
    from: 'engine-recusive-rules.test.js › "all" with nested "any" › evaluates false when facts do not pass rules (original fact name family-size)',
    conditions: { all: [{ fact: 'age', operator: 'lessThan', value: 65 }, { fact: 'age', operator: 'greaterThan', value: 21 }, { any: [{ fact: 'income', operator: 'lessThanInclusive', value: 100 }, { fact: 'family-size', operator: 'lessThanInclusive', value: 3 }] }] },
    facts: { age: 30, income: 200, 'family-size': 8 },
    expected: false,
    refused: 'fact-name',
  },
  {
    from: 'engine-recusive-rules.test.js › "all" with nested "any" › evaluates true when facts pass rules [renamed family-size → familySize]',
    conditions: { all: [{ fact: 'age', operator: 'lessThan', value: 65 }, { fact: 'age', operator: 'greaterThan', value: 21 }, { any: [{ fact: 'income', operator: 'lessThanInclusive', value: 100 }, { fact: 'familySize', operator: 'lessThanInclusive', value: 3 }] }] },
    facts: { age: 30, income: 30, familySize: 2 },
    expected: true,
  },
  {
    from: 'engine-recusive-rules.test.js › "all" with nested "any" › evaluates false when facts do not pass rules [renamed family-size → familySize]',
    conditions: { all: [{ fact: 'age', operator: 'lessThan', value: 65 }, { fact: 'age', operator: 'greaterThan', value: 21 }, { any: [{ fact: 'income', operator: 'lessThanInclusive', value: 100 }, { fact: 'familySize', operator: 'lessThanInclusive', value: 3 }] }] },
    facts: { age: 30, income: 200, familySize: 8 },
    expected: false,
  },
  {
    from: 'engine-recusive-rules.test.js › "any" with nested "all" › evaluates true when facts pass rules [renamed family-size → familySize]',
    conditions: { any: [{ fact: 'age', operator: 'lessThan', value: 65 }, { fact: 'age', operator: 'equal', value: 70 }, { all: [{ fact: 'income', operator: 'lessThanInclusive', value: 100 }, { fact: 'familySize', operator: 'lessThanInclusive', value: 3 }] }] },
    facts: { age: 90, income: 30, familySize: 2 },
    expected: true,
  },
  {
    from: 'engine-recusive-rules.test.js › "any" with nested "all" › evaluates false when facts do not pass rules [renamed family-size → familySize]',
    conditions: { any: [{ fact: 'age', operator: 'lessThan', value: 65 }, { fact: 'age', operator: 'equal', value: 70 }, { all: [{ fact: 'income', operator: 'lessThanInclusive', value: 100 }, { fact: 'familySize', operator: 'lessThanInclusive', value: 3 }] }] },
    facts: { age: 90, income: 200, familySize: 2 },
    expected: false,
  },
  {
    from: 'engine-recusive-rules.test.js › "any" with "all" within "any" › evaluates true when facts pass rules [renamed family-size → familySize]',
    conditions: { any: [{ all: [{ any: [{ fact: 'income', operator: 'lessThanInclusive', value: 100 }] }, { fact: 'familySize', operator: 'lessThanInclusive', value: 3 }] }] },
    facts: { income: 30, familySize: 1 },
    expected: true,
  },
  {
    from: 'engine-recusive-rules.test.js › "any" with "all" within "any" › evaluates false when facts do not pass rules [renamed family-size → familySize]',
    conditions: { any: [{ all: [{ any: [{ fact: 'income', operator: 'lessThanInclusive', value: 100 }] }, { fact: 'familySize', operator: 'lessThanInclusive', value: 3 }] }] },
    facts: { income: 30, familySize: 5 },
    expected: false,
  },
  { from: 'engine-recusive-rules.test.js › "not" nested directly within a "not" › evaluates true when facts pass rules (age 30)', conditions: { not: { not: { fact: 'age', operator: 'lessThan', value: 65 } } }, facts: { age: 30 }, expected: true },
  { from: 'engine-recusive-rules.test.js › "not" nested directly within a "not" › evaluates false when facts do not pass rules (age 65)', conditions: { not: { not: { fact: 'age', operator: 'lessThan', value: 65 } } }, facts: { age: 65 }, expected: false },
  {
    from: 'engine-recusive-rules.test.js › outer "not" with nested "all" and nested "not" condition › evaluates true when facts pass rules (income 100)',
    conditions: { not: { all: [{ fact: 'age', operator: 'lessThan', value: 65 }, { fact: 'age', operator: 'greaterThan', value: 21 }, { not: { fact: 'income', operator: 'lessThanInclusive', value: 100 } }] } },
    facts: { age: 30, income: 100 },
    expected: true,
  },
  {
    from: 'engine-recusive-rules.test.js › outer "not" with nested "all" and nested "not" condition › evaluates false when facts do not pass rules (income 101)',
    conditions: { not: { all: [{ fact: 'age', operator: 'lessThan', value: 65 }, { fact: 'age', operator: 'greaterThan', value: 21 }, { not: { fact: 'income', operator: 'lessThanInclusive', value: 100 } }] } },
    facts: { age: 30, income: 101 },
    expected: false,
  },

  // ───────────── engine-fact.test.js (eligibilityField: 14 for eligibilityId 1, else 75; eligibilityData: { age, address }) ─────────────
  {
    from: 'engine-fact.test.js › options.allowUndefinedFacts › emits "success" when the condition succeeds [renamed undefined-fact → undefinedFact]',
    conditions: { any: [{ fact: 'eligibilityField', operator: 'lessThan', params: { eligibilityId: 1, field: 'age' }, value: 50 }, { fact: 'undefinedFact', operator: 'equal', value: true }] },
    facts: { eligibilityField: 14 },
    expected: true,
    refused: 'params',
  },
  {
    from: 'engine-fact.test.js › options.allowUndefinedFacts › emits "failure" when the condition fails [renamed undefined-fact → undefinedFact]',
    conditions: { any: [{ fact: 'eligibilityField', operator: 'lessThan', params: { eligibilityId: 2, field: 'age' }, value: 50 }, { fact: 'undefinedFact', operator: 'equal', value: true }] },
    facts: { eligibilityField: 75 },
    expected: false,
    refused: 'params',
  },
  {
    from: 'engine-fact.test.js › options.allowUndefinedFacts › emits "success" when the condition succeeds [variant: params dropped on the constant fact; renamed undefined-fact → undefinedFact]',
    conditions: { any: [{ fact: 'eligibilityField', operator: 'lessThan', value: 50 }, { fact: 'undefinedFact', operator: 'equal', value: true }] },
    facts: { eligibilityField: 14 },
    expected: true,
  },
  {
    from: 'engine-fact.test.js › options.allowUndefinedFacts › emits "failure" when the condition fails [variant: params dropped on the constant fact; renamed undefined-fact → undefinedFact]',
    conditions: { any: [{ fact: 'eligibilityField', operator: 'lessThan', value: 50 }, { fact: 'undefinedFact', operator: 'equal', value: true }] },
    facts: { eligibilityField: 75 },
    expected: false,
  },
  {
    from: 'engine-fact.test.js › options.allowUndefinedFacts › emits "success" when the condition succeeds [variant: params dropped on the constant fact; original fact name undefined-fact]',
    conditions: { any: [{ fact: 'eligibilityField', operator: 'lessThan', value: 50 }, { fact: 'undefined-fact', operator: 'equal', value: true }] },
    facts: { eligibilityField: 14 },
    expected: true,
    refused: 'fact-name',
  },
  {
    from: 'engine-fact.test.js › options.allowUndefinedFacts › emits "failure" when the condition fails [variant: params dropped on the constant fact; original fact name undefined-fact]',
    conditions: { any: [{ fact: 'eligibilityField', operator: 'lessThan', value: 50 }, { fact: 'undefined-fact', operator: 'equal', value: true }] },
    facts: { eligibilityField: 75 },
    expected: false,
    refused: 'fact-name',
  },
  { from: 'engine-fact.test.js › params › emits when the condition is met (eligibilityId 1)', conditions: { any: [{ fact: 'eligibilityField', operator: 'lessThan', params: { eligibilityId: 1, field: 'age' }, value: 50 }] }, facts: { eligibilityField: 14 }, expected: true, refused: 'params' },
  { from: 'engine-fact.test.js › params › does not emit when the condition fails (eligibilityId 2)', conditions: { any: [{ fact: 'eligibilityField', operator: 'lessThan', params: { eligibilityId: 2, field: 'age' }, value: 50 }] }, facts: { eligibilityField: 75 }, expected: false, refused: 'params' },
  { from: 'engine-fact.test.js › path › emits when the condition is met (eligibilityId 1)', conditions: { any: [{ fact: 'eligibilityData', operator: 'lessThan', path: '$.age', params: { eligibilityId: 1 }, value: 50 }] }, facts: { eligibilityData: ELIGIBILITY_CHILD }, expected: true, refused: 'params' },
  { from: 'engine-fact.test.js › path › does not emit when the condition fails (eligibilityId 2)', conditions: { any: [{ fact: 'eligibilityData', operator: 'lessThan', path: '$.age', params: { eligibilityId: 2 }, value: 50 }] }, facts: { eligibilityData: ELIGIBILITY_ADULT }, expected: false, refused: 'params' },
  { from: 'engine-fact.test.js › path › emits when the condition is met [variant: params dropped on the constant fact]', conditions: { any: [{ fact: 'eligibilityData', operator: 'lessThan', path: '$.age', value: 50 }] }, facts: { eligibilityData: ELIGIBILITY_CHILD }, expected: true },
  { from: 'engine-fact.test.js › path › does not emit when the condition fails [variant: params dropped on the constant fact]', conditions: { any: [{ fact: 'eligibilityData', operator: 'lessThan', path: '$.age', value: 50 }] }, facts: { eligibilityData: ELIGIBILITY_ADULT }, expected: false },
  { from: 'engine-fact.test.js › path › arrays › can extract an array, allowing it to be used in concert with array operators', conditions: { any: [{ fact: 'eligibilityData', operator: 'contains', path: '$.address.occupantHistory[*].year', params: { eligibilityId: 1 }, value: 2011 }] }, facts: { eligibilityData: ELIGIBILITY_CHILD }, expected: true, refused: 'jsonpath' },
  { from: 'engine-fact.test.js › path › arrays › can extract an array with a single element', conditions: { any: [{ fact: 'eligibilityData', operator: 'contains', path: '$.address.currentOccupants[*].year', params: { eligibilityId: 1 }, value: 2020 }] }, facts: { eligibilityData: ELIGIBILITY_CHILD }, expected: true, refused: 'jsonpath' },
  { from: 'engine-fact.test.js › path › complex paths › correctly interprets "path" when dynamic facts return objects', conditions: { any: [{ fact: 'eligibilityData', operator: 'equal', path: '$.address.occupantHistory[0].year', params: { eligibilityId: 1 }, value: 2011 }] }, facts: { eligibilityData: ELIGIBILITY_CHILD }, expected: true, refused: 'jsonpath' },
  { from: 'engine-fact.test.js › path › complex paths › correctly interprets "path" when target object properties have dots', conditions: { any: [{ fact: 'eligibilityData', operator: 'equal', path: "$.address.['dot.property']", params: { eligibilityId: 1 }, value: 'dot-property-value' }] }, facts: { eligibilityData: ELIGIBILITY_CHILD }, expected: true, refused: 'jsonpath' },
  { from: 'engine-fact.test.js › path › complex paths › correctly interprets "path" with runtime fact objects', conditions: { all: [{ fact: 'x', path: '$.y', operator: 'equal', value: 1 }] }, facts: { x: { y: 1 }, a: 2 }, expected: true },
  { from: 'engine-fact.test.js › path › does not emit when complex object paths fail the condition', conditions: { any: [{ fact: 'eligibilityData', operator: 'equal', path: '$.address.occupantHistory[0].year', params: { eligibilityId: 1 }, value: 2010 }] }, facts: { eligibilityData: ELIGIBILITY_CHILD }, expected: false, refused: 'jsonpath' },
  { from: 'engine-fact.test.js › path › treats invalid object paths as undefined', conditions: { any: [{ fact: 'eligibilityData', operator: 'equal', path: '$.invalid.object[99].path', params: { eligibilityId: 1 }, value: undefined }] }, facts: { eligibilityData: ELIGIBILITY_CHILD }, expected: true, refused: 'undefined-value' },
  { from: 'engine-fact.test.js › path › ignores "path" when facts return non-objects', conditions: { any: [{ fact: 'eligibilityData', operator: 'lessThan', path: '$.age', params: { eligibilityId: 1 }, value: 50 }] }, facts: { eligibilityData: 14 }, expected: true, refused: 'params' },
  { from: 'engine-fact.test.js › path › ignores "path" when facts return non-objects [variant: params dropped on the constant fact]', conditions: { any: [{ fact: 'eligibilityData', operator: 'lessThan', path: '$.age', value: 50 }] }, facts: { eligibilityData: 14 }, expected: true },
  { from: 'engine-fact.test.js › path › pathResolver › allows a custom path resolver to be registered which interprets the path property (lodash get)', conditions: { all: [{ fact: 'x', path: 'y[0]', operator: 'equal', value: 99 }] }, facts: { x: { y: [99] }, a: 2 }, expected: true, refused: 'jsonpath' },
  { from: 'engine-fact.test.js › promises › works with asynchronous evaluations (30)', conditions: { any: [{ fact: 'eligibilityField', operator: 'lessThan', params: { eligibilityId: 1, field: 'age' }, value: 50 }] }, facts: { eligibilityField: 30 }, expected: true, refused: 'params' },
  { from: 'engine-fact.test.js › synchronous functions › works with synchronous, non-promise evaluations that are truthy (20)', conditions: { any: [{ fact: 'eligibilityField', operator: 'lessThan', params: { eligibilityId: 1, field: 'age' }, value: 50 }] }, facts: { eligibilityField: 20 }, expected: true, refused: 'params' },
  { from: 'engine-fact.test.js › synchronous functions › works with synchronous, non-promise evaluations that are falsey (100)', conditions: { any: [{ fact: 'eligibilityField', operator: 'lessThan', params: { eligibilityId: 1, field: 'age' }, value: 50 }] }, facts: { eligibilityField: 100 }, expected: false, refused: 'params' },

  // ───────────── almanac.test.js (an almanac lookup, as a one-condition rule) ─────────────
  { from: 'almanac.test.js › adds runtime facts (modelId XYZ)', conditions: { all: [{ fact: 'modelId', operator: 'equal', value: 'XYZ' }] }, facts: { modelId: 'XYZ' }, expected: true },
  { from: 'almanac.test.js › addFact › supports runtime facts as key => values (fact1 3)', conditions: { all: [{ fact: 'fact1', operator: 'equal', value: 3 }] }, facts: { fact1: 3 }, expected: true },
  { from: 'almanac.test.js › addFact › supporrts runtime facts as dynamic callbacks (fact1 resolves 3)', conditions: { all: [{ fact: 'fact1', operator: 'equal', value: 3 }] }, facts: { fact1: 3 }, expected: true },
  { from: 'almanac.test.js › addFact › supports runtime fact instances (Fact fact1 3)', conditions: { all: [{ fact: 'fact1', operator: 'equal', value: 3 }] }, facts: { fact1: 3 }, expected: true },
  { from: 'almanac.test.js › arguments › allows parameters to be passed to the fact (no params: "unknown")', conditions: { all: [{ fact: 'foo', operator: 'equal', value: 'unknown' }] }, facts: { foo: 'unknown' }, expected: true },
  { from: 'almanac.test.js › arguments › allows parameters to be passed to the fact (params.userId 1)', conditions: { all: [{ fact: 'foo', operator: 'equal', params: { userId: 1 }, value: 1 }] }, facts: { foo: 1 }, expected: true, refused: 'params' },
  { from: 'almanac.test.js › addRuntimeFact › adds a key/value pair to the factMap as a fact instance', conditions: { all: [{ fact: 'factId', operator: 'equal', value: 'factValue' }] }, facts: { factId: 'factValue' }, expected: true },
  { from: 'almanac.test.js › _addConstantFact › adds fact instances to the factMap', conditions: { all: [{ fact: 'factId', operator: 'equal', value: 'factValue' }] }, facts: { factId: 'factValue' }, expected: true },
  { from: 'almanac.test.js › _getFact › retrieves the fact object (id 1)', conditions: { all: [{ fact: 'id', operator: 'equal', value: 1 }] }, facts: { id: 1 }, expected: true },
  { from: 'almanac.test.js › factValue() › allows "path" to be specified to traverse the fact data with json-path ($..name contains George)', conditions: { all: [{ fact: 'foo', path: '$..name', operator: 'contains', value: 'George' }] }, facts: { foo: { users: [{ name: 'George' }, { name: 'Thomas' }] } }, expected: true, refused: 'jsonpath' },
  { from: 'almanac.test.js › factValue() › allows "path" to be specified to traverse the fact data with json-path ($..name contains Thomas)', conditions: { all: [{ fact: 'foo', path: '$..name', operator: 'contains', value: 'Thomas' }] }, facts: { foo: { users: [{ name: 'George' }, { name: 'Thomas' }] } }, expected: true, refused: 'jsonpath' },

  // ───────────── engine-run.test.js (rule 1: any age >= 21; rule 2: any age >= 75) ─────────────
  { from: 'engine-run.test.js › treats each run() independently (age 50, rule >= 21)', conditions: { any: [{ fact: 'age', operator: 'greaterThanInclusive', value: 21 }] }, facts: { age: 50 }, expected: true },
  { from: 'engine-run.test.js › treats each run() independently (age 10, rule >= 21)', conditions: { any: [{ fact: 'age', operator: 'greaterThanInclusive', value: 21 }] }, facts: { age: 10 }, expected: false },
  { from: 'engine-run.test.js › treats each run() independently (age 12, rule >= 21)', conditions: { any: [{ fact: 'age', operator: 'greaterThanInclusive', value: 21 }] }, facts: { age: 12 }, expected: false },
  { from: 'engine-run.test.js › treats each run() independently (age 30, rule >= 21)', conditions: { any: [{ fact: 'age', operator: 'greaterThanInclusive', value: 21 }] }, facts: { age: 30 }, expected: true },
  { from: 'engine-run.test.js › treats each run() independently (age 14, rule >= 21)', conditions: { any: [{ fact: 'age', operator: 'greaterThanInclusive', value: 21 }] }, facts: { age: 14 }, expected: false },
  { from: 'engine-run.test.js › treats each run() independently (age 15, rule >= 21)', conditions: { any: [{ fact: 'age', operator: 'greaterThanInclusive', value: 21 }] }, facts: { age: 15 }, expected: false },
  { from: 'engine-run.test.js › treats each run() independently (age 25, rule >= 21)', conditions: { any: [{ fact: 'age', operator: 'greaterThanInclusive', value: 21 }] }, facts: { age: 25 }, expected: true },
  { from: 'engine-run.test.js › treats each run() independently (age 50, rule >= 75)', conditions: { any: [{ fact: 'age', operator: 'greaterThanInclusive', value: 75 }] }, facts: { age: 50 }, expected: false },
  { from: 'engine-run.test.js › treats each run() independently (age 10, rule >= 75)', conditions: { any: [{ fact: 'age', operator: 'greaterThanInclusive', value: 75 }] }, facts: { age: 10 }, expected: false },
  { from: 'engine-run.test.js › treats each run() independently (age 12, rule >= 75)', conditions: { any: [{ fact: 'age', operator: 'greaterThanInclusive', value: 75 }] }, facts: { age: 12 }, expected: false },
  { from: 'engine-run.test.js › treats each run() independently (age 30, rule >= 75)', conditions: { any: [{ fact: 'age', operator: 'greaterThanInclusive', value: 75 }] }, facts: { age: 30 }, expected: false },
  { from: 'engine-run.test.js › treats each run() independently (age 14, rule >= 75)', conditions: { any: [{ fact: 'age', operator: 'greaterThanInclusive', value: 75 }] }, facts: { age: 14 }, expected: false },
  { from: 'engine-run.test.js › treats each run() independently (age 15, rule >= 75)', conditions: { any: [{ fact: 'age', operator: 'greaterThanInclusive', value: 75 }] }, facts: { age: 15 }, expected: false },
  { from: 'engine-run.test.js › treats each run() independently (age 25, rule >= 75)', conditions: { any: [{ fact: 'age', operator: 'greaterThanInclusive', value: 75 }] }, facts: { age: 25 }, expected: false },
  { from: 'engine-run.test.js › allows runtime facts to override engine facts for a single run() (runtime age 85, rule >= 21)', conditions: { any: [{ fact: 'age', operator: 'greaterThanInclusive', value: 21 }] }, facts: { age: 85 }, expected: true },
  { from: 'engine-run.test.js › allows runtime facts to override engine facts for a single run() (runtime age 85, rule >= 75)', conditions: { any: [{ fact: 'age', operator: 'greaterThanInclusive', value: 75 }] }, facts: { age: 85 }, expected: true },
  { from: 'engine-run.test.js › allows runtime facts to override engine facts for a single run() (engine age 30, rule >= 21)', conditions: { any: [{ fact: 'age', operator: 'greaterThanInclusive', value: 21 }] }, facts: { age: 30 }, expected: true },
  { from: 'engine-run.test.js › allows runtime facts to override engine facts for a single run() (engine age 30, rule >= 75)', conditions: { any: [{ fact: 'age', operator: 'greaterThanInclusive', value: 75 }] }, facts: { age: 30 }, expected: false },
  { from: 'engine-run.test.js › allows runtime facts to override engine facts for a single run() (runtime age 2, rule >= 21)', conditions: { any: [{ fact: 'age', operator: 'greaterThanInclusive', value: 21 }] }, facts: { age: 2 }, expected: false },
  { from: 'engine-run.test.js › allows runtime facts to override engine facts for a single run() (runtime age 2, rule >= 75)', conditions: { any: [{ fact: 'age', operator: 'greaterThanInclusive', value: 75 }] }, facts: { age: 2 }, expected: false },
  { from: 'engine-run.test.js › returns › activated events (age 30, rule >= 21)', conditions: { any: [{ fact: 'age', operator: 'greaterThanInclusive', value: 21 }] }, facts: { age: 30 }, expected: true },
  { from: 'engine-run.test.js › returns › activated events (age 30, rule >= 75)', conditions: { any: [{ fact: 'age', operator: 'greaterThanInclusive', value: 75 }] }, facts: { age: 30 }, expected: false },
  { from: 'engine-run.test.js › returns › multiple activated events (age 90, rule >= 21)', conditions: { any: [{ fact: 'age', operator: 'greaterThanInclusive', value: 21 }] }, facts: { age: 90 }, expected: true },
  { from: 'engine-run.test.js › returns › multiple activated events (age 90, rule >= 75)', conditions: { any: [{ fact: 'age', operator: 'greaterThanInclusive', value: 75 }] }, facts: { age: 90 }, expected: true },
  { from: 'engine-run.test.js › returns › does not include unactived triggers (age 10, rule >= 21)', conditions: { any: [{ fact: 'age', operator: 'greaterThanInclusive', value: 21 }] }, facts: { age: 10 }, expected: false },
  { from: 'engine-run.test.js › returns › does not include unactived triggers (age 10, rule >= 75)', conditions: { any: [{ fact: 'age', operator: 'greaterThanInclusive', value: 75 }] }, facts: { age: 10 }, expected: false },

  // ───────────── engine-failure.test.js ─────────────
  { from: 'engine-failure.test.js › emits an event on a rule failing (age 10)', conditions: { any: [{ fact: 'age', operator: 'greaterThanInclusive', value: 21 }] }, facts: { age: 10 }, expected: false },
  { from: 'engine-failure.test.js › does not emit when a rule passes (age 50)', conditions: { any: [{ fact: 'age', operator: 'greaterThanInclusive', value: 21 }] }, facts: { age: 50 }, expected: true },

  // ───────────── engine-fact-priority.test.js (stubs never told what to return give undefined: absent) ─────────────
  {
    from: 'engine-fact-priority.test.js › all conditions › stops on the first fact to fail, part 1 (age 10)',
    conditions: { all: [{ fact: 'age', operator: 'greaterThanInclusive', value: 18 }, { fact: 'segment', operator: 'equal', value: 'human' }, { fact: 'accountType', operator: 'equal', value: 'admin' }] },
    facts: { age: 10 },
    expected: false,
  },
  {
    from: 'engine-fact-priority.test.js › all conditions › stops on the first fact to fail, part 2 (age 20, segment android)',
    conditions: { all: [{ fact: 'age', operator: 'greaterThanInclusive', value: 18 }, { fact: 'segment', operator: 'equal', value: 'human' }, { fact: 'accountType', operator: 'equal', value: 'admin' }] },
    facts: { age: 20, segment: 'android' },
    expected: false,
  },
  {
    from: 'engine-fact-priority.test.js › all conditions › sub-conditions › stops after the first sub-condition fact fails',
    conditions: { all: [{ fact: 'age', operator: 'greaterThanInclusive', value: 18 }, { all: [{ fact: 'segment', operator: 'equal', value: 'human' }, { fact: 'accountType', operator: 'equal', value: 'admin' }] }] },
    facts: { age: 20, segment: 'android' },
    expected: false,
  },
  {
    from: 'engine-fact-priority.test.js › any conditions › complete on the first fact to succeed, part 1 (age 20)',
    conditions: { any: [{ fact: 'age', operator: 'greaterThanInclusive', value: 18 }, { fact: 'segment', operator: 'equal', value: 'human' }, { fact: 'accountType', operator: 'equal', value: 'admin' }] },
    facts: { age: 20 },
    expected: true,
  },
  {
    from: 'engine-fact-priority.test.js › any conditions › short circuits on the first fact to fail, part 2 (age 10, segment human)',
    conditions: { any: [{ fact: 'age', operator: 'greaterThanInclusive', value: 18 }, { fact: 'segment', operator: 'equal', value: 'human' }, { fact: 'accountType', operator: 'equal', value: 'admin' }] },
    facts: { age: 10, segment: 'human' },
    expected: true,
  },
  {
    from: 'engine-fact-priority.test.js › any conditions › sub-conditions › stops after the first sub-condition fact succeeds',
    conditions: { all: [{ fact: 'age', operator: 'greaterThanInclusive', value: 18 }, { any: [{ fact: 'segment', operator: 'equal', value: 'human' }, { fact: 'accountType', operator: 'equal', value: 'admin' }] }] },
    facts: { age: 20, segment: 'human' },
    expected: true,
  },

  // ───────────── engine-parallel-condition-cache.test.js (age fact returns 24) ─────────────
  {
    from: 'engine-parallel-condition-cache.test.js › 1 rule with parallel conditions › calls the fact definition once (age 24)',
    conditions: { all: [{ fact: 'age', operator: 'lessThanInclusive', value: 25 }, { fact: 'age', operator: 'greaterThanInclusive', value: 20 }, { fact: 'age', operator: 'notIn', value: [21, 22] }] },
    facts: { age: 24 },
    expected: true,
  },
  { from: 'engine-parallel-condition-cache.test.js › 2 rules with parallel conditions › calls the fact definition once (second rule, age 24)', conditions: { all: [{ fact: 'age', operator: 'notIn', value: [21, 22] }] }, facts: { age: 24 }, expected: true },

  // ───────────── engine-fact-comparison.test.js ─────────────
  { from: 'engine-fact-comparison.test.js › constant facts › allows a fact to retrieve other fact values (height 1, width 2)', conditions: { all: [{ fact: 'height', operator: 'lessThanInclusive', value: { fact: 'width' } }] }, facts: { height: 1, width: 2 }, expected: true, refused: 'fact-valued-value' },
  { from: 'engine-fact-comparison.test.js › constant facts › allows a fact to retrieve other fact values (height 2, width 1)', conditions: { all: [{ fact: 'height', operator: 'lessThanInclusive', value: { fact: 'width' } }] }, facts: { height: 2, width: 1 }, expected: false, refused: 'fact-valued-value' },
  {
    from: 'engine-fact-comparison.test.js › rules with parameterized conditions › honors the params (height 5, width 10)',
    conditions: { all: [{ fact: 'widthMultiplier', params: { multiplier: 2 }, operator: 'equal', value: { fact: 'heightMultiplier', params: { multiplier: 4 } } }] },
    facts: { height: 5, width: 10, widthMultiplier: 20, heightMultiplier: 20 },
    expected: true,
    refused: 'fact-valued-value',
  },
  {
    from: 'engine-fact-comparison.test.js › rules with parameterized conditions › honors the params (height 5, width 9)',
    conditions: { all: [{ fact: 'widthMultiplier', params: { multiplier: 2 }, operator: 'equal', value: { fact: 'heightMultiplier', params: { multiplier: 4 } } }] },
    facts: { height: 5, width: 9, widthMultiplier: 18, heightMultiplier: 20 },
    expected: false,
    refused: 'fact-valued-value',
  },
  {
    from: 'engine-fact-comparison.test.js › rules with parameterized conditions and path values › honors the path (height 5, width 10)',
    conditions: { all: [{ fact: 'widthMultiplier', params: { multiplier: 2 }, path: '$.feet', operator: 'equal', value: { fact: 'heightMultiplier', params: { multiplier: 4 }, path: '$.meters' } }] },
    facts: { height: 5, width: 10, widthMultiplier: { feet: 20 }, heightMultiplier: { meters: 20 } },
    expected: true,
    refused: 'fact-valued-value',
  },
  {
    from: 'engine-fact-comparison.test.js › rules with parameterized conditions and path values › honors the path (height 5, width 9)',
    conditions: { all: [{ fact: 'widthMultiplier', params: { multiplier: 2 }, path: '$.feet', operator: 'equal', value: { fact: 'heightMultiplier', params: { multiplier: 4 }, path: '$.meters' } }] },
    facts: { height: 5, width: 9, widthMultiplier: { feet: 18 }, heightMultiplier: { meters: 20 } },
    expected: false,
    refused: 'fact-valued-value',
  },
  { from: 'engine-fact-comparison.test.js › constant facts: checking valueResult and factResult › result has the correct valueResult and factResult properties (height 1, width 2)', conditions: { all: [{ fact: 'height', operator: 'lessThanInclusive', value: { fact: 'width' } }] }, facts: { height: 1, width: 2 }, expected: true, refused: 'fact-valued-value' },

  // ───────────── engine-condition.test.js (shared conditions: engine.setCondition) ─────────────
  { from: 'engine-condition.test.js › undefined condition › allowUndefinedConditions: true › evaluates undefined conditions as false', conditions: { all: [{ condition: 'over60' }, { fact: 'isRetired', operator: 'equal', value: true }] }, facts: { isRetired: true }, expected: false, refused: 'condition-reference' },
  { from: 'engine-condition.test.js › undefined condition › allowUndefinedConditions: false › throws error during run', conditions: { all: [{ condition: 'over60' }, { fact: 'isRetired', operator: 'equal', value: true }] }, facts: { isRetired: true }, expected: false, refused: 'condition-reference' },
  { from: 'engine-condition.test.js › supports condition shared across multiple rules › emits all events when all conditions are met (send rule)', conditions: { all: [{ condition: 'over60' }, { fact: 'isRetired', operator: 'equal', value: true }] }, facts: { age: 65, isRetired: true, requestedOutreach: true }, expected: true, refused: 'condition-reference' },
  { from: 'engine-condition.test.js › supports condition shared across multiple rules › emits all events when all conditions are met (outreach rule)', conditions: { all: [{ condition: 'over60' }, { fact: 'requestedOutreach', operator: 'equal', value: true }] }, facts: { age: 65, isRetired: true, requestedOutreach: true }, expected: true, refused: 'condition-reference' },
  { from: 'engine-condition.test.js › nested condition › emits all events when all conditions are met (age 55)', conditions: { all: [{ condition: 'earlyRetirement' }, { fact: 'requestedOutreach', operator: 'equal', value: true }] }, facts: { age: 55, isRetired: true, requestedOutreach: true }, expected: true, refused: 'condition-reference' },
  { from: 'engine-condition.test.js › top-level condition reference › evaluates top level conditions correctly', conditions: { condition: 'retired' }, facts: { isRetired: true }, expected: true, refused: 'condition-reference' },

  // ───────────── engine-event.test.js (condition names such as 'over 21' omitted) ─────────────
  { from: 'engine-event.test.js › engine events: simple › "success" passes the event, almanac, and results (age 21, qualified false)', conditions: { any: [{ fact: 'age', operator: 'greaterThanInclusive', value: 21 }, { fact: 'qualified', operator: 'equal', value: true }] }, facts: { age: 21, qualified: false }, expected: true },
  { from: 'engine-event.test.js › engine events: simple › "event.type" passes the event parameters, almanac, and results (age 21, qualified false)', conditions: { any: [{ fact: 'age', operator: 'greaterThanInclusive', value: 21 }, { fact: 'qualified', operator: 'equal', value: true }] }, facts: { age: 21, qualified: false }, expected: true },
  { from: 'engine-event.test.js › engine events: simple › "failure" passes the event, almanac, and results (age 10, qualified false)', conditions: { any: [{ fact: 'age', operator: 'greaterThanInclusive', value: 21 }, { fact: 'qualified', operator: 'equal', value: true }] }, facts: { age: 10, qualified: false }, expected: false },
  {
    from: 'engine-event.test.js › engine events: advanced › "success" passes the event, almanac, and results (zipCode 80403, male)',
    conditions: { any: [{ fact: 'age', operator: 'greaterThanInclusive', value: 21 }, { fact: 'qualified', operator: 'equal', value: true }, { all: [{ fact: 'zipCode', operator: 'in', value: [80211, 80403] }, { fact: 'gender', operator: 'notEqual', value: 'female' }] }] },
    facts: { age: 10, qualified: false, zipCode: 80403, gender: 'male' },
    expected: true,
  },
  {
    from: 'engine-event.test.js › engine events: advanced › "failure" passes the event, almanac, and results (zipCode 99992, female)',
    conditions: { any: [{ fact: 'age', operator: 'greaterThanInclusive', value: 21 }, { fact: 'qualified', operator: 'equal', value: true }, { all: [{ fact: 'zipCode', operator: 'in', value: [80211, 80403] }, { fact: 'gender', operator: 'notEqual', value: 'female' }] }] },
    facts: { age: 10, qualified: false, zipCode: 99992, gender: 'female' },
    expected: false,
  },
  { from: 'engine-event.test.js › engine events: with facts › without flag › "success" passes the event without resolved facts', conditions: { any: [{ fact: 'success', operator: 'equal', value: true }] }, facts: { success: true, count: 5 }, expected: true },
  { from: 'engine-event.test.js › engine events: with facts › without flag › failure passes the event without resolved facts', conditions: { any: [{ fact: 'success', operator: 'equal', value: true }] }, facts: { success: false, count: 5 }, expected: false },
  { from: 'engine-event.test.js › engine events: with facts › with flag › "success" passes the event with resolved facts', conditions: { any: [{ fact: 'success', operator: 'equal', value: true }] }, facts: { success: true, count: 5 }, expected: true },
  { from: 'engine-event.test.js › engine events: with facts › with flag › failure passes the event with resolved facts', conditions: { any: [{ fact: 'success', operator: 'equal', value: true }] }, facts: { success: false, count: 5 }, expected: false },
  { from: 'engine-event.test.js › engine events: with facts › with flag › using fact params and path › "success" passes the event with resolved facts', conditions: { any: [{ fact: 'success', operator: 'equal', value: true }] }, facts: { success: true }, expected: true },
  { from: 'engine-event.test.js › engine events: with facts › with flag › using fact params and path › failure passes the event with resolved facts', conditions: { any: [{ fact: 'success', operator: 'equal', value: true }] }, facts: { success: false }, expected: false },
  { from: 'engine-event.test.js › rule events: simple › the rule result is a _copy_ of the rule`s conditions, and unaffected by mutation', conditions: { any: [{ fact: 'age', operator: 'greaterThanInclusive', value: 21 }, { fact: 'qualified', operator: 'equal', value: true }] }, facts: { age: 21, qualified: false }, expected: true },
  { from: 'engine-event.test.js › rule events: simple › on-success, it passes the event type and params (age 21)', conditions: { any: [{ fact: 'age', operator: 'greaterThanInclusive', value: 21 }, { fact: 'qualified', operator: 'equal', value: true }] }, facts: { age: 21, qualified: false }, expected: true },
  { from: 'engine-event.test.js › rule events: simple › on-failure, it passes the event type and params (age 10)', conditions: { any: [{ fact: 'age', operator: 'greaterThanInclusive', value: 21 }, { fact: 'qualified', operator: 'equal', value: true }] }, facts: { age: 10, qualified: false }, expected: false },
  { from: 'engine-event.test.js › rule events: with facts › without flag › "success" passes the event without resolved facts', conditions: { any: [{ fact: 'success', operator: 'equal', value: true }] }, facts: { success: true, count: 5 }, expected: true },
  { from: 'engine-event.test.js › rule events: with facts › without flag › failure passes the event without resolved facts', conditions: { any: [{ fact: 'success', operator: 'equal', value: true }] }, facts: { success: false, count: 5 }, expected: false },
  { from: 'engine-event.test.js › rule events: with facts › with flag › "success" passes the event with resolved facts', conditions: { any: [{ fact: 'success', operator: 'equal', value: true }] }, facts: { success: true, count: 5 }, expected: true },
  { from: 'engine-event.test.js › rule events: with facts › with flag › failure passes the event with resolved facts', conditions: { any: [{ fact: 'success', operator: 'equal', value: true }] }, facts: { success: false, count: 5 }, expected: false },
  { from: 'engine-event.test.js › rule events: json serializing › serializes properties (age 21, qualified false)', conditions: { any: [{ fact: 'age', operator: 'greaterThanInclusive', value: 21 }, { fact: 'qualified', operator: 'equal', value: true }] }, facts: { age: 21, qualified: false }, expected: true },
  { from: 'engine-event.test.js › rule events: json serializing with condition reference › serializes properties', conditions: { any: [{ condition: 'awesomeCondition' }] }, facts: { age: 21 }, expected: true, refused: 'condition-reference' },
  { from: 'engine-event.test.js › rule events: json serializing with condition reference that is undefined › serializes properties (allowUndefinedConditions)', conditions: { any: [{ condition: 'conditionThatIsNotDefined' }, { fact: 'age', operator: 'greaterThanInclusive', value: 21 }] }, facts: { age: 21 }, expected: true, refused: 'condition-reference' },

  // ───────────── rule.test.js ─────────────
  { from: 'rule.test.js › evaluate() › evalutes truthy when there are no conditions (all: [])', conditions: { all: [] }, facts: {}, expected: true },

  // ───────────── operator.test.js / engine-operator.test.js / engine-operator-map.test.js / operator-decorator.test.js ─────────────
  { from: 'operator.test.js › constructor() › adds the operator (startsWithLetter; evaluated on "test", "t")', conditions: { all: [{ fact: 'factValue', operator: 'startsWithLetter', value: 't' }] }, facts: { factValue: 'test' }, expected: true, refused: 'custom-operator' },
  { from: 'engine-operator.test.js › evaluation › emits when the condition is met (wordIndex 1: Aardvark)', conditions: { any: [{ fact: 'dictionary', operator: 'startsWithLetter', value: 'a', params: { wordIndex: 1 } }] }, facts: { dictionary: 'Aardvark' }, expected: true, refused: 'custom-operator' },
  { from: 'engine-operator.test.js › evaluation › does not emit when the condition fails (wordIndex 0: coffee)', conditions: { any: [{ fact: 'dictionary', operator: 'startsWithLetter', value: 'a', params: { wordIndex: 0 } }] }, facts: { dictionary: 'coffee' }, expected: false, refused: 'custom-operator' },
  { from: 'engine-operator.test.js › evaluation › throws when it encounters an unregistered operator', conditions: { any: [{ fact: 'dictionary', operator: 'unknown-operator', value: 'a', params: { wordIndex: 0 } }] }, facts: { dictionary: 'coffee' }, expected: false, refused: 'custom-operator' },
  { from: 'engine-operator-map.test.js › undecorated operator › the operator evaluates correctly ("test", "t")', conditions: { all: [{ fact: 'factValue', operator: 'startsWithLetter', value: 't' }] }, facts: { factValue: 'test' }, expected: true, refused: 'custom-operator' },
  { from: 'engine-operator-map.test.js › decorated operator › the operator evaluates correctly (never:startsWithLetter, "test", "t")', conditions: { all: [{ fact: 'factValue', operator: 'never:startsWithLetter', value: 't' }] }, facts: { factValue: 'test' }, expected: false, refused: 'operator-decorator' },
  { from: 'engine-operator-map.test.js › combinatorics with default operators › combines every, some, not, and greaterThanInclusive operators', conditions: { all: [{ fact: 'factValue', operator: 'everyFact:someValue:not:greaterThanInclusive', value: [2, 4, 6, 8] }] }, facts: { factValue: [1, 3, 5, 7] }, expected: true, refused: 'operator-decorator' },
  { from: 'engine-operator-map.test.js › the swap decorator (swap:contains, 1, [1, 2, 3])', conditions: { all: [{ fact: 'factValue', operator: 'swap:contains', value: [1, 2, 3] }] }, facts: { factValue: 1 }, expected: true, refused: 'operator-decorator' },
  { from: 'operator-decorator.test.js › decorating › creates a new operator with the prefixed name (test:startsWithLetter, "test", "t")', conditions: { all: [{ fact: 'factValue', operator: 'test:startsWithLetter', value: 't' }] }, facts: { factValue: 'test' }, expected: false, refused: 'operator-decorator' },

  // ───────────── acceptance/acceptance.js (baseIndex 1: high-priority → { values: [2] }, low-priority → 2) ─────────────
  {
    from: 'acceptance.js › succeeds (rule "first")',
    conditions: { all: [{ fact: 'high-priority', params: { factParam: 1 }, operator: 'contains', path: '$.values', value: 2 }, { fact: 'low-priority', operator: 'in', value: [2] }] },
    facts: { baseIndex: 1, 'high-priority': { values: [2] }, 'low-priority': 2 },
    expected: true,
    refused: 'params',
  },
  {
    from: 'acceptance.js › succeeds (rule "first") [variant: params dropped on the constant fact; original fact names high-priority, low-priority]',
    conditions: { all: [{ fact: 'high-priority', operator: 'contains', path: '$.values', value: 2 }, { fact: 'low-priority', operator: 'in', value: [2] }] },
    facts: { baseIndex: 1, 'high-priority': { values: [2] }, 'low-priority': 2 },
    expected: true,
    refused: 'fact-name',
  },
  {
    from: 'acceptance.js › succeeds (rule "first") [variant: params dropped on the constant fact; renamed high-priority → highPriority, low-priority → lowPriority]',
    conditions: { all: [{ fact: 'highPriority', operator: 'contains', path: '$.values', value: 2 }, { fact: 'lowPriority', operator: 'in', value: [2] }] },
    facts: { baseIndex: 1, highPriority: { values: [2] }, lowPriority: 2 },
    expected: true,
  },
  {
    from: 'acceptance.js › succeeds (rule "second": containsDivisibleValuesOf the fact the first rule created)',
    conditions: { all: [{ fact: 'high-priority', params: { factParam: 1 }, operator: 'containsDivisibleValuesOf', path: '$.values', value: { fact: 'rule-created-fact', path: '$.array' } }] },
    facts: { baseIndex: 1, 'high-priority': { values: [2] }, 'rule-created-fact': { array: 2 } },
    expected: true,
    refused: 'custom-operator',
  },
  {
    from: 'acceptance.js › fails (rule "first", low-priority value [3])',
    conditions: { all: [{ fact: 'high-priority', params: { factParam: 1 }, operator: 'contains', path: '$.values', value: 2 }, { fact: 'low-priority', operator: 'in', value: [3] }] },
    facts: { baseIndex: 1, 'rule-created-fact': '', 'high-priority': { values: [2] }, 'low-priority': 2 },
    expected: false,
    refused: 'params',
  },
  {
    from: 'acceptance.js › fails (rule "first", low-priority value [3]) [variant: params dropped on the constant fact; renamed high-priority → highPriority, low-priority → lowPriority]',
    conditions: { all: [{ fact: 'highPriority', operator: 'contains', path: '$.values', value: 2 }, { fact: 'lowPriority', operator: 'in', value: [3] }] },
    facts: { baseIndex: 1, highPriority: { values: [2] }, lowPriority: 2 },
    expected: false,
  },
  {
    from: 'acceptance.js › fails (rule "second", rule-created-fact "")',
    conditions: { all: [{ fact: 'high-priority', params: { factParam: 1 }, operator: 'containsDivisibleValuesOf', path: '$.values', value: { fact: 'rule-created-fact', path: '$.array' } }] },
    facts: { baseIndex: 1, 'rule-created-fact': '', 'high-priority': { values: [2] }, 'low-priority': 2 },
    expected: false,
    refused: 'custom-operator',
  },
];
