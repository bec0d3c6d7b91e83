/**
 * `pingtai lint PATH`: coverage of a config (which rule decides grade, route, SLA and escalation
 * per category × township × level, or the default), rules that can never fire or never decide,
 * and conflicting rules of equal priority. Exit 0 with no findings, 1 with findings, 2 when the
 * config cannot be read or does not compile (each problem as `file:pointer: message`).
 */
import type { Command } from 'commander';
import { COVERED_TYPES, compile, issueMessage, lintConfig, sourceOf, type CoverageCell, type Issue, type LintFinding, type LintReport, type MessageLanguage } from '../../engine/index';
import { loadConfigPath } from '../config-loader';

function refuse(issues: readonly Issue[], language: MessageLanguage): never {
  for (const issue of issues) process.stderr.write(`${issue.file ?? '<config>'}:${issue.pointer || '/'}: ${issueMessage(issue, language)} [${issue.code}]\n`);
  process.stderr.write(language === 'zh' ? `共 ${issues.length} 个问题，无法检查\n` : `${issues.length} problem${issues.length === 1 ? '' : 's'}: cannot lint\n`);
  process.exit(2);
}

const TEXT = {
  en: { cells: 'cells', unreachable: 'unreachable', rule: 'by a rule', conditional: 'conditional', byDefault: 'default', allDefault: 'cells where grade, route and SLA are all the default', never: 'rules that never fire or never decide', conflicts: 'conflicts', none: 'none', place: 'no place' },
  zh: { cells: '个单元格', unreachable: '个不可达', rule: '规则决定', conditional: '视条件', byDefault: '默认', allDefault: '等级、流转和时限全部取默认的单元格', never: '永不触发或永不起决定作用的规则', conflicts: '冲突', none: '无', place: '无地点' },
} as const;

function findingLine(finding: LintFinding, language: MessageLanguage): string {
  return `  ${finding.file ?? '<config>'}:${finding.pointer}: ${language === 'zh' ? finding.messageZh : finding.message} [${finding.code}]`;
}

function cellLine(cell: CoverageCell, language: MessageLanguage): string {
  const parts = (['grade', 'route', 'sla', 'escalate'] as const).map((type) => {
    const d = cell.decisions[type];
    const rules = d.rules.map((r) => `${r.id}${r.always ? '' : '?'}`);
    if (d.defaultApplies) rules.push(type === 'escalate' ? '-' : `${TEXT[language].byDefault}(${d.defaultValue})`);
    return `${type}: ${rules.join(' | ')}`;
  });
  return `  ${cell.category} ${cell.township ?? `(${TEXT[language].place})`} L${cell.level}${cell.reachable ? '' : ' ✗'}  ${parts.join('  ')}`;
}

/** The readable report. */
export function formatLintReport(id: string, report: LintReport, options: { language: MessageLanguage; cells: boolean }): string {
  const t = TEXT[options.language];
  const s = report.summary;
  const lines = [`${id}: ${s.cells} ${t.cells}, ${s.unreachableCells} ${t.unreachable}`];
  const width = Math.max(...COVERED_TYPES.map((x) => x.length));
  lines.push(`  ${''.padEnd(width)}  ${t.rule.padStart(10)} ${t.conditional.padStart(12)} ${t.byDefault.padStart(8)}`);
  for (const type of COVERED_TYPES) {
    const d = s.decidedBy[type];
    lines.push(`  ${type.padEnd(width)}  ${String(d.rule).padStart(10)} ${String(d.conditional).padStart(12)} ${String(d.default).padStart(8)}`);
  }
  const allDefault = report.coverage.filter((c) => c.reachable && c.decisions.grade.decidedBy === 'default' && c.decisions.route.decidedBy === 'default' && c.decisions.sla.decidedBy === 'default');
  lines.push(`${t.allDefault}: ${allDefault.length}`);
  if (options.cells) for (const cell of report.coverage) lines.push(cellLine(cell, options.language));
  lines.push(`${t.never}: ${report.neverFiring.length || t.none}`);
  for (const f of report.neverFiring) lines.push(findingLine(f, options.language));
  lines.push(`${t.conflicts}: ${report.conflicts.length || t.none}`);
  for (const f of report.conflicts) lines.push(findingLine(f, options.language));
  return lines.join('\n') + '\n';
}

export function registerLintCommand(program: Command): void {
  program
    .command('lint')
    .description('coverage per category × township × level, rules that never fire, conflicting rules; exit 1 on findings, 2 when the config does not compile')
    .argument('<path>', 'config folder or bundled JSON file')
    .option('--json', 'print the whole report as JSON (coverage cells included)')
    .option('--cells', 'list every cell with the rules that may decide it (? marks a conditional rule)')
    .option('--lang <zh|en>', 'the language of the report (default en)')
    .action(async (target: string, opts: { json?: boolean; cells?: boolean; lang?: string }) => {
      if (opts.lang !== undefined && opts.lang !== 'zh' && opts.lang !== 'en') {
        process.stderr.write(`--lang must be zh or en, not ${JSON.stringify(opts.lang)}\n`);
        process.exit(2);
      }
      const language: MessageLanguage = opts.lang === 'zh' ? 'zh' : 'en';
      const loaded = await loadConfigPath(target);
      if (!loaded.ok) refuse(loaded.issues, language);
      const compiled = compile(loaded.value.config, { sources: loaded.value.sources });
      if (!compiled.ok) refuse(compiled.issues, language);
      const report = lintConfig(compiled.value);
      const located = (f: LintFinding): LintFinding => {
        const file = sourceOf(loaded.value.sources, f.pointer);
        return file ? { ...f, file } : f;
      };
      const withFiles: LintReport = { ...report, neverFiring: report.neverFiring.map(located), conflicts: report.conflicts.map(located) };
      if (opts.json) process.stdout.write(JSON.stringify({ config: compiled.value.config.id, ...withFiles }, null, 2) + '\n');
      else process.stdout.write(formatLintReport(compiled.value.config.id, withFiles, { language, cells: opts.cells === true }));
      // exitCode, not exit(): a long report to a pipe is written in full first
      process.exitCode = report.neverFiring.length + report.conflicts.length > 0 ? 1 : 0;
    });
}
