/** `pingtai lint`: the readable report, --json, exit codes, and a bad file named with its pointer. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const BASELINE = path.join(ROOT, 'catalogs/zhejiang-four-platforms');

function pingtai(args: string[]) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/pingtai.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function copyOfBaseline(name: string): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'pingtai-lint-')), name);
  cpSync(BASELINE, dir, { recursive: true });
  return dir;
}

describe('pingtai lint', () => {
  it('baseline: the coverage counts and its two conflicts, named by file and pointer; exit 1', () => {
    const r = pingtai(['lint', BASELINE]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^zhejiang-four-platforms: \d+ cells, 0 unreachable/);
    expect(r.stdout).toMatch(/^ {2}route +\d+ +\d+ +\d+$/m);
    expect(r.stdout).toContain('rules that never fire or never decide: none');
    expect(r.stdout).toContain('conflicts: 2');
    expect(r.stdout).toMatch(/rules\/grading\.json:\/rules\/\d+: rule "[^"]+" \(g-dispute-repeat\) and rule "[^"]+" \(g-dispute-hazard-high\) have the same priority \(200\)/);
    expect(r.stdout).toMatch(/rules\/routing\.json:\/rules\/\d+: .*\(r-road-police\).*\[conflict\]/);
  });

  it('--json: the whole report, a contradictory rule named with its file; --lang zh says it in Chinese', () => {
    const dir = copyOfBaseline('contradiction');
    const file = path.join(dir, 'rules', 'sla.json');
    const rules = JSON.parse(readFileSync(file, 'utf8'));
    rules.push({ id: 's-never', name: { zh: '永不', en: 'Never' }, priority: 50, conditions: { all: [{ fact: 'recentReports', operator: 'greaterThan', value: 5 }, { fact: 'recentReports', operator: 'lessThan', value: 3 }] }, event: { type: 'sla', params: { policy: 'level-1' } } });
    writeFileSync(file, JSON.stringify(rules));
    const r = pingtai(['lint', '--json', dir]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.config).toBe('zhejiang-four-platforms');
    expect(report.neverFiring).toEqual([expect.objectContaining({ code: 'never-fires.contradiction', ruleId: 's-never', file: expect.stringMatching(/rules\/sla\.json$/) })]);
    expect(report.summary.neverFiring).toBe(1);
    const cell = report.coverage.find((c: { category: string; township: string; level: number }) => c.category === 'food-poisoning' && c.township === 'qs-fx' && c.level === 3);
    expect(cell.decisions.route).toMatchObject({ decidedBy: 'rule', rules: [{ id: 'r-poisoning-market-dept' }] });
    const zh = pingtai(['lint', '--lang', 'zh', dir]);
    expect(zh.stdout).toMatch(/规则「永不」永远不会触发：其条件相互矛盾 \[never-fires\.contradiction\]/);
  });

  it('exit 0 with no findings', () => {
    const dir = copyOfBaseline('clean');
    for (const [name, drop] of [['grading.json', 'g-dispute-repeat'], ['routing.json', 'r-road-police']]) {
      const file = path.join(dir, 'rules', name);
      writeFileSync(file, JSON.stringify(JSON.parse(readFileSync(file, 'utf8')).filter((r: { id: string }) => r.id !== drop)));
    }
    for (const file of ['tests.json']) writeFileSync(path.join(dir, file), '[]');
    const r = pingtai(['lint', '--cells', dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('conflicts: none');
    expect(r.stdout).toMatch(/^ {2}food-poisoning qs-fx L3 .*route: r-poisoning-market-dept /m);
  });

  it('a config that does not compile: exit 2, each problem as file:pointer', () => {
    const dir = copyOfBaseline('broken');
    const file = path.join(dir, 'rules', 'sla.json');
    const rules = JSON.parse(readFileSync(file, 'utf8'));
    rules[0].event.params.policy = 'no-such-policy';
    writeFileSync(file, JSON.stringify(rules));
    const r = pingtai(['lint', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken\/rules\/sla\.json:\/rules\/\d+\/event\/params\/policy: .*no-such-policy/);
    expect(r.stdout).toBe('');
  });
});
