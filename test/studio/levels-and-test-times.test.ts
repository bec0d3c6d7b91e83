/**
 * The studio's levels by name, problems in the page's language, and test cases with SLA times:
 * a level shown as "2 较大" from the config's levels; a saved test case records the bench's SLA
 * times as local ISO 8601; a failing test shows times as the engine gives them, never epoch ms.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { compile, decide, planSla, runTestCase, type CompiledConfig } from '../../engine/index';
import { i18next } from '../../studio/src/i18n/i18n';
import { LevelBadge, LevelOptions, levelText } from '../../studio/src/config/level-label';
import { DEFAULT_LEVELS, levelChoices } from '../../studio/src/config/level-names';
import { ProblemsPanel } from '../../studio/src/config/problems-panel';
import { expectationsOf } from '../../studio/src/config/save-test-case';
import { mismatchText, TestResultsList } from '../../studio/src/config/test-results-list';
import { miniCounty } from '../fixtures/mini-county';

const five = { levels: [...DEFAULT_LEVELS, { level: 5, name: { zh: '特急', en: 'Critical' } }] };
const zhLabel = (text: { zh: string; en: string } | null | undefined) => text?.zh ?? '';

function compiled(): CompiledConfig {
  const result = compile(miniCounty());
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

describe('levels by name', () => {
  it.each<[string, { levels?: unknown } | null, number, string]>([
    ['a baseline level', null, 2, '2 较大'],
    ['a declared fifth level', five, 5, '5 特急'],
    ['a level the config does not declare', null, 7, '7'],
  ])('%s', (_name, config, level, text) => {
    expect(levelText(levelChoices(config), level, zhLabel)).toBe(text);
  });

  it('renders a badge and the options of a select from the config\'s levels, in the page\'s language', async () => {
    await i18next.changeLanguage('zh');
    expect(renderToStaticMarkup(createElement(LevelBadge, { config: five, level: 5 }))).toBe('<span class="badge level-5" data-level="5">5 特急</span>');
    await i18next.changeLanguage('en');
    const options = renderToStaticMarkup(createElement(LevelOptions, { config: five }));
    expect(options).toBe(['1 General', '2 Serious', '3 Major', '4 Extraordinary', '5 Critical'].map((t, i) => `<option value="${i + 1}">${t}</option>`).join(''));
    await i18next.changeLanguage('zh');
  });
});

describe('problems in the page\'s language', () => {
  it('lists compile problems in Chinese or English, each naming its item', async () => {
    const config = miniCounty();
    config.categories[0].children[0].form = 'nope';
    const result = compile(config);
    const issues = result.ok ? [] : result.issues;
    const render = () => renderToStaticMarkup(createElement(ProblemsPanel, { parseProblems: [], issues, compiling: false, onSelect: () => {} }));
    await i18next.changeLanguage('zh');
    expect(render()).toContain('小类 A01「邻里纠纷」：表单“nope”不存在');
    await i18next.changeLanguage('en');
    expect(render()).toContain('category A01 &quot;Neighbour dispute&quot;: form &quot;nope&quot; does not exist');
    await i18next.changeLanguage('zh');
  });
});

describe('test cases with SLA times', () => {
  const at = '2026-03-02T10:00:00+08:00';
  const input = { category: 'A01', at, data: { description: '群体纠纷', location: { grid: 't1-v1-g1' }, peopleAffected: 12 } };

  it('a case saved from the bench records the plan\'s times in the county\'s zone, and passes', () => {
    const c = compiled();
    const { decision } = decide(c, { category: input.category, data: input.data, reportedAt: Date.parse(at) });
    const expected = expectationsOf(decision, { plan: planSla(c, { decision, startAt: Date.parse(at) }), timeZone: c.timeZone });
    expect(expected).toEqual({
      level: 3,
      unit: 't1-gov',
      slaPolicy: 'l34',
      acceptDue: '2026-03-02T11:00:00+08:00',
      resolveDue: '2026-03-04T10:00:00+08:00',
      reminders: [{ of: 'resolve', at: '2026-03-03T10:00:00+08:00' }],
      breaches: [{ of: 'accept', at: '2026-03-02T11:00:00+08:00' }, { of: 'resolve', at: '2026-03-04T10:00:00+08:00' }],
      autoEscalateAt: '2026-03-05T10:00:00+08:00',
    });
    expect(runTestCase(c, { id: 'saved', description: 'saved', input, expected })).toMatchObject({ pass: true });
    expect(expectationsOf(decision)).not.toHaveProperty('acceptDue');
  });

  it('a failure shows local times, timers one a line, never epoch milliseconds', () => {
    const c = compiled();
    const result = runTestCase(c, { id: 'late', description: 'late', input, expected: { acceptDue: '2026-03-02T12:00:00+08:00', reminders: [], autoEscalateAt: null } });
    const html = renderToStaticMarkup(createElement(TestResultsList, { results: [result] }));
    expect(html).toContain('2026-03-02T12:00:00+08:00');
    expect(html).toContain('2026-03-02T11:00:00+08:00');
    expect(html).toContain('resolve 2026-03-03T10:00:00+08:00');
    expect(html).not.toMatch(/\d{13}/);
    expect(mismatchText(null)).toBe('—');
    expect(mismatchText([{ of: 'accept', at: '2026-03-02T11:00:00+08:00' }, { of: 'resolve', at: '2026-03-04T10:00:00+08:00' }])).toBe('accept 2026-03-02T11:00:00+08:00\nresolve 2026-03-04T10:00:00+08:00');
    expect(mismatchText('t1-v1')).toBe('"t1-v1"');
  });
});
