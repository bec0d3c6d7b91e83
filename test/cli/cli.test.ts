import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const BASELINE = path.join(ROOT, 'catalogs/zhejiang-four-platforms');

function pingtai(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/pingtai.mjs'), ...args], { cwd: ROOT, input, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const event = {
  category: JSON.parse(readFileSync(path.join(BASELINE, 'tests.json'), 'utf8'))[0].input.category,
  data: JSON.parse(readFileSync(path.join(BASELINE, 'tests.json'), 'utf8'))[0].input.data,
};

describe('pingtai CLI', () => {
  it('validate: exit 0 with a one-line summary', () => {
    const r = pingtai(['validate', BASELINE]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toMatch(/67 units, 10 major and 42 minor categories, 43 forms, \d+ rules/);
  });

  it('validate: exit 1 listing every problem as file:pointer: message', () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'pingtai-cli-')), 'broken');
    cpSync(BASELINE, dir, { recursive: true });
    const rulesFile = path.join(dir, 'rules', 'routing.json');
    const rules = JSON.parse(readFileSync(rulesFile, 'utf8'));
    rules[0].event = { type: 'route', params: { target: { type: 'unit', unit: 'no-such-unit' } } };
    rules[1].conditions = { all: [{ fact: 'nosuchfield', operator: 'equal', value: 1 }] };
    writeFileSync(rulesFile, JSON.stringify(rules));
    const categories = JSON.parse(readFileSync(path.join(dir, 'categories.json'), 'utf8'));
    categories[0].children[0].form = 'missing-form';
    writeFileSync(path.join(dir, 'categories.json'), JSON.stringify(categories));
    const r = pingtai(['validate', dir]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    // each message opens on the item it is in: the rule by its name, the category by its code and name
    expect(lines.some((l) => /broken\/rules\/routing\.json:\/rules\/\d+\/event\/params\/target\/unit: rule "[^"]+" \([^)]+\): unit "no-such-unit" does not exist/.test(l))).toBe(true);
    expect(lines.some((l) => /broken\/rules\/routing\.json:\/rules\/\d+\/conditions\/all\/0\/fact: rule "[^"]+" \([^)]+\), condition 1: "nosuchfield"/.test(l))).toBe(true);
    expect(lines.some((l) => /broken\/categories\.json:\/categories\/0\/children\/0\/form: category \S+ "[^"]+": form "missing-form" does not exist/.test(l))).toBe(true);
  });

  it('validate --lang zh: every problem in Chinese, naming the item; a units typo does not hide a categories problem', () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'pingtai-cli-')), 'broken-zh');
    cpSync(BASELINE, dir, { recursive: true });
    const units = JSON.parse(readFileSync(path.join(dir, 'units.json'), 'utf8'));
    const grid = units.findIndex((u: { kind: string }) => u.kind === 'grid');
    units[grid].parnet = 'x';
    writeFileSync(path.join(dir, 'units.json'), JSON.stringify(units));
    const categories = JSON.parse(readFileSync(path.join(dir, 'categories.json'), 'utf8'));
    categories[0].children[0].form = 'missing-form';
    writeFileSync(path.join(dir, 'categories.json'), JSON.stringify(categories));
    const r = pingtai(['validate', '--lang', 'zh', dir]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines.find((l) => l.includes('/parnet'))).toMatch(new RegExp(`broken-zh/units\\.json:/units/${grid}/parnet: 单位 ${units[grid].id}：未知的键“parnet”（请检查拼写；未知的键从不被忽略） \\[unknown-key\\]$`));
    expect(lines.some((l) => /categories\.json:\/categories\/0\/children\/0\/form: 小类 \S+「[^」]+」：表单“missing-form”不存在 \[unknown-form\]/.test(l))).toBe(true);
    expect(lines.at(-1)).toBe('共 2 个问题');
    expect(pingtai(['validate', '--lang', 'fr', dir]).stderr).toMatch(/--lang must be zh or en/);
  });

  it('validate: a file that is not JSON names the file', () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'pingtai-cli-')), 'badjson');
    cpSync(BASELINE, dir, { recursive: true });
    writeFileSync(path.join(dir, 'sla.json'), '{ "policies": [ ');
    const r = pingtai(['validate', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/badjson\/sla\.json:\/: not valid JSON/);
  });

  it('bundle: writes one document that validates on its own (extends resolved)', () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'pingtai-cli-')), 'whistle.json');
    const r = pingtai(['bundle', path.join(ROOT, 'catalogs/pilot-whistle'), '-o', out]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(doc.extends).toBeUndefined();
    expect(doc.id).toBe('pilot-whistle');
    expect(pingtai(['validate', out]).code).toBe(0);
  });

  it('decide: from a file and from standard input, with --at', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pingtai-cli-'));
    writeFileSync(path.join(dir, 'event.json'), JSON.stringify(event));
    const fromFile = pingtai(['decide', '--config', BASELINE, '--event', path.join(dir, 'event.json'), '--at', '2026-06-18T10:00:00+08:00']);
    expect(fromFile.code).toBe(0);
    const out = JSON.parse(fromFile.stdout);
    expect(out.decision.unit).toEqual(expect.any(String));
    expect(out.explanation.winners.route).toEqual(expect.any(String));
    expect(Date.parse(out.sla.clocks.resolve.dueAt)).toBeGreaterThan(Date.parse('2026-06-18T10:00:00+08:00'));
    const fromStdin = pingtai(['decide', '--config', BASELINE, '--event', '-', '--at', '2026-06-18T10:00:00+08:00'], JSON.stringify(event));
    expect(JSON.parse(fromStdin.stdout).decision).toEqual(out.decision);
  });

  it('decide: an invalid report names the field', () => {
    const r = pingtai(['decide', '--config', BASELINE, '--event', '-'], JSON.stringify({ category: event.category, data: { ...event.data, bogus: 1 } }));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/<stdin>:\/data\/bogus: "bogus" is not a field of this form/);
  });
});
