/** CLI commands on configs: validate, bundle, test, decide. Problems print as `file:pointer: message`. */
import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { compile, decide, issueMessage, planSla, runConfigTests, validateReport, type CompiledConfig, type Issue, type MessageLanguage } from '../../engine/index';
import { loadConfigPath } from '../config-loader';

/** `file:pointer: message [code]`, the message in the language asked for (Chinese where the engine has it). */
export function formatIssue(issue: Issue, language: MessageLanguage = 'en'): string {
  return `${issue.file ?? '<config>'}:${issue.pointer || '/'}: ${issueMessage(issue, language)} [${issue.code}]`;
}

function fail(issues: Issue[], language: MessageLanguage = 'en'): never {
  for (const issue of issues) process.stderr.write(formatIssue(issue, language) + '\n');
  process.stderr.write(language === 'zh' ? `共 ${issues.length} 个问题\n` : `${issues.length} problem${issues.length === 1 ? '' : 's'}\n`);
  process.exit(1);
}

/** The `--lang` option: zh or en (anything else is refused with one line). */
function languageOf(value: string | undefined): MessageLanguage {
  if (value === undefined || value === 'en') return 'en';
  if (value === 'zh') return 'zh';
  process.stderr.write(`--lang must be zh or en, not ${JSON.stringify(value)}\n`);
  process.exit(2);
}

async function loadCompiled(target: string, language: MessageLanguage = 'en'): Promise<CompiledConfig> {
  const loaded = await loadConfigPath(target);
  if (!loaded.ok) fail(loaded.issues, language);
  const compiled = compile(loaded.value.config, { sources: loaded.value.sources });
  if (!compiled.ok) fail(compiled.issues, language);
  for (const warning of compiled.value.warnings) process.stderr.write(`${language === 'zh' ? '警告' : 'warning'}: ${formatIssue(warning, language)}\n`);
  return compiled.value;
}

export function summary(compiled: CompiledConfig): string {
  const c = compiled.config;
  const minors = c.categories.reduce((n, m) => n + m.children.length, 0);
  return `${c.id}: ${c.units.length} units, ${c.categories.length} major and ${minors} minor categories, ${c.forms.length} forms, ${c.rules.length} rules, ${c.sla.policies.length} SLA policies, ${(c.tests ?? []).length} tests`;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function registerConfigCommands(program: Command): void {
  program
    .command('validate')
    .description('validate a county config (folder or bundled file); prints a summary or every problem')
    .argument('<path>', 'config folder or bundled JSON file')
    .option('--lang <zh|en>', 'the language of the problems (default en)')
    .action(async (target: string, opts: { lang?: string }) => {
      const compiled = await loadCompiled(target, languageOf(opts.lang));
      process.stdout.write(`ok ${summary(compiled)}\n`);
    });

  program
    .command('bundle')
    .description('bundle a config folder (resolving extends) into one JSON document')
    .argument('<path>', 'config folder')
    .requiredOption('-o, --output <file>', 'where to write the bundled config')
    .action(async (target: string, opts: { output: string }) => {
      const compiled = await loadCompiled(target);
      await writeFile(opts.output, JSON.stringify(compiled.config, null, 2) + '\n');
      process.stdout.write(`wrote ${opts.output}: ${summary(compiled)}\n`);
    });

  program
    .command('test')
    .description("run a config's own test cases")
    .argument('<path>', 'config folder or bundled JSON file')
    .action(async (target: string) => {
      const compiled = await loadCompiled(target);
      const { passed, failed, results } = runConfigTests(compiled);
      for (const r of results.filter((x) => !x.pass)) {
        process.stdout.write(`FAIL ${r.id}: ${r.description}\n`);
        if (r.error) process.stdout.write(`  ${r.error}\n`);
        for (const m of r.mismatches) process.stdout.write(`  ${m.field}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.actual)}\n`);
      }
      process.stdout.write(`${passed} passed, ${failed} failed\n`);
      process.exit(failed > 0 ? 1 : 0);
    });

  program
    .command('decide')
    .description('decide one event: prints the decision, its explanation and the SLA plan as JSON')
    .requiredOption('--config <path>', 'config folder or bundled JSON file')
    .requiredOption('--event <file>', 'event JSON file {category, data, source?, at?, context?}, or - for standard input')
    .option('--at <iso-time>', 'report time (default: the event\'s "at", else now)')
    .action(async (opts: { config: string; event: string; at?: string }) => {
      const compiled = await loadCompiled(opts.config);
      const label = opts.event === '-' ? '<stdin>' : opts.event;
      const text = opts.event === '-' ? await readStdin() : await readFile(opts.event, 'utf8');
      let event: { category?: unknown; data?: unknown; source?: unknown; at?: unknown; context?: { recentReports?: number } };
      try {
        event = JSON.parse(text);
      } catch (error) {
        fail([{ code: 'invalid-json', pointer: '', message: `not valid JSON: ${(error as Error).message}`, file: label }]);
      }
      if (typeof event.category !== 'string') fail([{ code: 'required', pointer: '/category', message: 'the event needs a category code', file: label }]);
      const at = opts.at ?? (typeof event.at === 'string' ? event.at : undefined);
      const reportedAt = at ? Date.parse(at) : Date.now();
      if (Number.isNaN(reportedAt)) fail([{ code: 'bad-time', pointer: '/at', message: `"${at}" is not an ISO date-time`, file: label }]);
      const valid = validateReport(compiled, event.category as string, event.data ?? {});
      if (!valid.ok) fail(valid.issues.map((i) => ({ ...i, pointer: i.pointer === '/category' ? i.pointer : `/data${i.pointer}`, file: label })));
      const outcome = decide(compiled, { category: event.category as string, data: valid.value, reportedAt, source: typeof event.source === 'string' ? event.source : undefined }, event.context ?? {});
      const sla = planSla(compiled, { decision: outcome.decision, startAt: reportedAt });
      const iso = (ms: number | null | undefined) => (ms == null ? null : new Date(ms).toISOString());
      const slaOut = {
        ...sla,
        clocks: Object.fromEntries(Object.entries(sla.clocks).map(([k, c]) => [k, { ...c, startedAt: iso(c!.startedAt), dueAt: iso(c!.dueAt) }])),
        timers: sla.timers.map((t) => ({ ...t, at: iso(t.at) })),
      };
      process.stdout.write(JSON.stringify({ reportedAt: iso(reportedAt), decision: outcome.decision, explanation: outcome.explanation, sla: slaOut }, null, 2) + '\n');
    });
}
