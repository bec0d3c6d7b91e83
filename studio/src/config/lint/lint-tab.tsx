/**
 * The lint tab: coverage of the draft as a category × township table at one level (which rule
 * decides grade, route and time limit in each cell, or the default), then the rules that never
 * fire or never decide and the conflicts of equal priority — each rule one click from its place.
 * The same lintConfig as `pingtai lint`, run on the draft's compile.
 */
import { Alert, Segmented } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lintConfig, type CellDecision, type CoverageCell, type LintFinding } from '../../../../engine/index';
import { registerTexts } from '../../i18n/register-texts';
import { lintText } from '../../i18n/lint';
import { useLabel, useLanguage } from '../../i18n/use-label';
import { levelChoices } from '../level-names';
import { levelText } from '../level-label';
import type { ProblemTarget } from '../problems-panel';
import type { Draft } from '../use-draft';
import './lint-tab.css';

registerTexts('lint', lintText);

const SHOWN = ['grade', 'route', 'sla'] as const;
type GoTo = (target: ProblemTarget) => void;

function RuleLink({ id, pointer, always, noUnit = false, onSelect }: { id: string; pointer: string; always?: boolean; noUnit?: boolean; onSelect: GoTo }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className={`lint-rule ${always === false ? 'maybe' : 'always'}${noUnit ? ' no-unit' : ''}`}
      data-rule={id}
      title={noUnit ? `${pointer} · ${t('lint.noUnit')}` : pointer}
      onClick={() => onSelect({ section: 'rules', pointer })}
    >
      {id}
      {always === false ? '?' : ''}
    </button>
  );
}

function Decision({ type, decision, onSelect, defaultName }: { type: (typeof SHOWN)[number]; decision: CellDecision; onSelect: GoTo; defaultName: string }) {
  const { t } = useTranslation();
  return (
    <div className={`lint-decision decided-${decision.decidedBy}`} data-type={type}>
      <span className="lint-kind">{t(`lint.type.${type}`)}</span>
      {decision.rules.map((r) => (
        <RuleLink key={r.id} id={r.id} pointer={r.pointer} always={r.always} noUnit={type === 'route' && r.outcome === null} onSelect={onSelect} />
      ))}
      {decision.defaultApplies && (
        <span className="lint-default" title={decision.defaultValue === null ? undefined : String(decision.defaultValue)}>
          {t('lint.default')}
          {defaultName ? ` ${defaultName}` : ''}
        </span>
      )}
    </div>
  );
}

function FindingList({ findings, title, testId, onSelect }: { findings: readonly LintFinding[]; title: string; testId: string; onSelect: GoTo }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <section className="lint-findings" data-testid={testId}>
      <h3>
        {title} <span className={`badge ${findings.length ? 'badge-amber' : 'badge-green'}`}>{findings.length}</span>
      </h3>
      {findings.length === 0 ? (
        <p className="muted">{t('lint.none')}</p>
      ) : (
        <ol>
          {findings.map((f) => (
            <li key={`${f.code}-${f.pointer}-${f.other?.pointer ?? ''}`} data-code={f.code}>
              <RuleLink id={f.ruleId} pointer={f.pointer} onSelect={onSelect} />
              {f.other && (
                <>
                  {' '}
                  <span className="muted">{t('lint.other')}</span>
                  <RuleLink id={f.other.ruleId} pointer={f.other.pointer} onSelect={onSelect} />
                </>
              )}
              <span className="problem-code">{f.code}</span>
              <p lang={language === 'zh' ? 'zh-CN' : 'en'}>{language === 'zh' ? f.messageZh : f.message}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export default function LintTab({ draft, onSelect }: { draft: Draft; onSelect: GoTo }) {
  const { t } = useTranslation();
  const label = useLabel();
  const compiled = draft.compiled?.ok ? draft.compiled.value : null;
  const report = useMemo(() => (compiled ? lintConfig(compiled) : null), [compiled]);
  const choices = levelChoices(compiled?.config);
  const [level, setLevel] = useState<number>(choices[0]?.level ?? 1);
  const byCell = useMemo(() => new Map((report?.coverage ?? []).map((c) => [`${c.category}\u0000${c.township ?? ''}\u0000${c.level}`, c])), [report]);
  if (!compiled || !report) {
    return <Alert type="warning" showIcon title={t('lint.notCompiled', { count: draft.compiled && !draft.compiled.ok ? draft.compiled.issues.length : 0 })} />;
  }
  const townships: Array<string | null> = [...compiled.units.townships().map((u) => u.id), null];
  const townshipName = (id: string | null) => (id ? label(compiled.unit(id)?.name, id) : t('lint.noPlace'));
  const s = report.summary.decidedBy;
  // the default's name: the handling unit's, the time-limit policy's (the id on hover)
  const defaultName = (type: (typeof SHOWN)[number], value: string | number | null) => {
    if (value === null || type === 'grade') return '';
    const id = String(value);
    return type === 'route' ? label(compiled.unit(id)?.name, id) : label(compiled.policies.get(id)?.name, id);
  };
  return (
    <div className="lint-tab" data-version={draft.version}>
      <p className="muted">{t('lint.intro')}</p>
      <div className="lint-controls">
        <span>{t('lint.level')}</span>
        <Segmented<number> value={level} onChange={setLevel} options={choices.map((c) => ({ value: c.level, label: levelText(choices, c.level, label) }))} data-testid="lint-level" />
      </div>
      <p className="lint-summary" data-testid="lint-summary">
        {t('lint.summary', { cells: report.summary.cells, route: s.route.rule, sla: s.sla.default, grade: s.grade.default })}
      </p>
      <div className="lint-scroll">
        <table className="lint-table">
          <thead>
            <tr>
              <th>{t('lint.category')}</th>
              {townships.map((id) => (
                <th key={id ?? ''}>{townshipName(id)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {compiled.config.categories.flatMap((major) =>
              major.children.map((minor) => (
                <tr key={minor.code}>
                  <th scope="row">
                    {label(minor.name, minor.code)}
                    <code>{minor.code}</code>
                  </th>
                  {townships.map((township) => {
                    const cell: CoverageCell | undefined = byCell.get(`${minor.code}\u0000${township ?? ''}\u0000${level}`);
                    return (
                      <td key={township ?? ''} data-cell={`${minor.code}|${township ?? ''}`} className={!cell || !cell.reachable ? 'unreachable' : undefined}>
                        {!cell || !cell.reachable ? (
                          <span className="muted" title={t('lint.unreachable')}>—</span>
                        ) : (
                          SHOWN.map((type) => <Decision key={type} type={type} decision={cell.decisions[type]} onSelect={onSelect} defaultName={defaultName(type, cell.decisions[type].defaultValue)} />)
                        )}
                      </td>
                    );
                  })}
                </tr>
              )),
            )}
          </tbody>
        </table>
      </div>
      <FindingList findings={report.neverFiring} title={t('lint.neverFiring')} testId="lint-never-firing" onSelect={onSelect} />
      <FindingList findings={report.conflicts} title={t('lint.conflicts')} testId="lint-conflicts" onSelect={onSelect} />
    </div>
  );
}
