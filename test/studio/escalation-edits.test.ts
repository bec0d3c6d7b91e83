import { describe, expect, it } from 'vitest';
import { compile } from '../../engine/index';
import { escalationOf, escalationTargets, keyChoices, setUnitEscalation, tableOf, type EscalationTable } from '../../studio/src/config/escalation-edits';
import { DEFAULT_LEVELS } from '../../studio/src/config/level-names';
import { miniCounty } from '../fixtures/mini-county';

describe('escalation by event: the table model of the unit editor', () => {
  const escalation = { byCategory: { A01: 't1-cmd' }, byMajorCategory: { B: 'dept-land' }, byDomain: { land: 'dept-land' }, matchDomain: true, byLevel: { '4': 'gov' }, default: 'gov' };

  it('turns an escalation into rows in lookup order and back, unchanged', () => {
    const table = tableOf(escalation);
    expect(table).toEqual({
      rows: [
        { when: 'category', key: 'A01', unit: 't1-cmd' },
        { when: 'major', key: 'B', unit: 'dept-land' },
        { when: 'domain', key: 'land', unit: 'dept-land' },
        { when: 'level', key: '4', unit: 'gov' },
      ],
      matchDomain: true,
      fallback: 'gov',
    });
    expect(escalationOf(table)).toEqual(escalation);
  });

  it('leaves out unfinished rows, lets a later row win, and says nothing for an empty table', () => {
    const table: EscalationTable = {
      rows: [
        { when: 'domain', key: ' land ', unit: 't1-cmd' },
        { when: 'domain', key: 'land', unit: 'dept-land' },
        { when: 'level', key: '', unit: 'gov' },
        { when: 'category', key: 'A02', unit: '' },
      ],
      matchDomain: false,
      fallback: '',
    };
    expect(escalationOf(table)).toEqual({ byDomain: { land: 'dept-land' } });
    expect(escalationOf(tableOf(undefined))).toBeUndefined();
  });

  it('sets and removes a unit’s escalation without touching the others, and the result compiles', () => {
    const config = miniCounty();
    const units = setUnitEscalation(config.units, 'cmd', escalationOf({ rows: [], matchDomain: true, fallback: 'gov' }));
    expect(units.find((u) => u.id === 'cmd')!.escalation).toEqual({ matchDomain: true, default: 'gov' });
    expect(units.filter((u) => u.id !== 'cmd')).toEqual(config.units.filter((u) => u.id !== 'cmd'));
    expect(compile({ ...config, units }).ok).toBe(true);
    const removed = setUnitEscalation(units, 'cmd', undefined).find((u) => u.id === 'cmd')!;
    expect('escalation' in removed).toBe(false);
  });

  it('offers units that take escalated events, categories, majors, domains and levels', () => {
    const config = miniCounty();
    const targets = escalationTargets(config.units, 'cmd').map((u) => u.id);
    expect(targets).toEqual(expect.arrayContaining(['gov', 'dept-land', 't1-cmd', 't1-gov', 't1-v1']));
    expect(targets).not.toContain('cmd');
    expect(targets).not.toContain('t1');
    expect(targets).not.toContain('t1-v1-g1');
    const sources = { categories: config.categories, units: config.units, levels: DEFAULT_LEVELS };
    expect(keyChoices('category', sources).map((c) => c.value)).toEqual(['A01', 'A02', 'B01']);
    expect(keyChoices('major', sources).map((c) => c.value)).toEqual(['A', 'B']);
    expect(keyChoices('domain', sources)).toEqual([{ value: 'land' }]);
    expect(keyChoices('level', sources).map((c) => c.value)).toEqual(['1', '2', '3', '4']);
    expect(keyChoices('category', { ...sources, categories: '{ broken' })).toEqual([]);
  });
});
