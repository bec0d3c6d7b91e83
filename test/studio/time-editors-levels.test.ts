/** The levels editor's model: 1 to 9 levels numbered from 1, added and removed at the end, renamed in place. */
import { describe, expect, it } from 'vitest';
import { addLevel, readLevels, removeLevel, renameLevel, usesOfLevelsAbove, type LevelEntry } from '../../studio/src/config/time-editors/levels-model';
import sla from '../../catalogs/zhejiang-four-platforms/sla.json';

const four = () => readLevels(undefined)!.levels;

describe('levels', () => {
  it('an absent section reads as the default four, not declared', () => {
    const read = readLevels(undefined)!;
    expect(read.declared).toBe(false);
    expect(read.levels.map((l) => l.name.zh)).toEqual(['一般', '较大', '重大', '特别重大']);
  });

  it('a declared section reads as it is; a malformed one is not read', () => {
    const three: LevelEntry[] = [{ level: 1, name: { zh: '低', en: 'Low' } }, { level: 2, name: { zh: '中', en: 'Mid' } }, { level: 3, name: { zh: '高', en: 'High' } }];
    expect(readLevels(three)).toEqual({ levels: three, declared: true });
    expect(readLevels([{ level: 'x' }])).toBeNull();
    expect(readLevels({})).toBeNull();
  });

  it('adds the next level with a default name, up to nine', () => {
    expect(addLevel(four()).at(-1)).toEqual({ level: 5, name: { zh: '5 级', en: 'Level 5' } });
    let many = four();
    for (let i = 0; i < 10; i++) many = addLevel(many);
    expect(many.map((l) => l.level)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('removes the last level, keeps one', () => {
    expect(removeLevel(four()).map((l) => l.level)).toEqual([1, 2, 3]);
    let few = four();
    for (let i = 0; i < 6; i++) few = removeLevel(few);
    expect(few).toEqual([four()[0]]);
  });

  it('renames one level in one language, the rest untouched', () => {
    const renamed = renameLevel(four(), 2, 'zh', '较大事件');
    expect(renamed[1]).toEqual({ level: 2, name: { zh: '较大事件', en: 'Serious' } });
    expect(renamed.filter((_, i) => i !== 1)).toEqual(four().filter((_, i) => i !== 1));
    expect(renameLevel(four(), 7, 'en', 'x')).toEqual(four());
  });

  it('names what still uses a level above a count', () => {
    const uses = usesOfLevelsAbove({ sla, rules: [{ id: 'r1', event: { type: 'grade', params: { level: 4 } } }, { id: 'r2', event: { type: 'grade', params: { level: 2 } } }], categories: [{ children: [{ code: 'c4', level: 4 }] }] }, 3);
    expect(uses).toEqual(['sla:food-poisoning', 'sla:hazchem-gas', 'sla:level-4', 'rule:r1', 'category:c4']);
  });
});
