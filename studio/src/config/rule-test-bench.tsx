/**
 * The rule test bench: an event of a chosen category — its form, the time and place, the recent
 * report count — decided live by the engine in the page, with the SLA timeline, the explanation
 * (every rule in scope, fired or not, and why), and "save as test case". The sample is kept per
 * config version (bench-sample.ts), so it survives switching tabs.
 */
import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { decide, explainRules, planSla, validateReport, type CompiledConfig } from '../../../engine/index';
import { useSession } from '../session/session-context';
import { keepBenchSample, storedBenchSample } from './bench-sample';
import { ReportForm } from '../forms/report-form';
import { PlacePicker } from '../forms/place-picker';
import { SlaTimeline } from '../sla/sla-timeline';
import { ErrorBoundary } from '../util/error-boundary';
import { fromLocalInput, toIsoWithOffset, toLocalInput } from '../util/zoned';
import { CategorySelect } from './category-select';
import { DecisionView } from './decision-view';
import { ExplanationView } from './explanation-view';
import { SaveTestCase } from './save-test-case';
import type { Draft } from './use-draft';

export function RuleTestBench({ draft }: { draft: Draft }) {
  const { t } = useTranslation();
  if (!draft.compiled) return <p className="muted">{t('problems.compiling')}</p>;
  if (!draft.compiled.ok) return <p className="notice notice-error">{t('bench.needsCompile', { count: draft.compiled.issues.length })}</p>;
  return <Bench draft={draft} compiled={draft.compiled.value} />;
}

function Bench({ draft, compiled }: { draft: Draft; compiled: CompiledConfig }) {
  const { t } = useTranslation();
  const tz = compiled.timeZone;
  const { me } = useSession();
  const [stored] = useState(() => storedBenchSample(me.county, draft.version));
  const [category, setCategory] = useState(() => stored?.category ?? compiled.config.categories[0]?.children[0]?.code ?? '');
  const [data, setData] = useState<Record<string, unknown>>(() => stored?.data ?? {});
  const [at, setAt] = useState(() => stored?.at ?? toLocalInput(Date.now(), tz));
  const [recentReports, setRecentReports] = useState(() => stored?.recentReports ?? 0);
  useEffect(() => keepBenchSample(me.county, draft.version, { category, data, at, recentReports }), [me.county, draft.version, category, data, at, recentReports]);
  const index = compiled.category(category);
  const form = index ? compiled.forms.get(index.minor.form) : undefined;
  const reportedAt = fromLocalInput(at, tz) ?? Date.now();
  const grid = (data.location as { grid?: string } | undefined)?.grid;

  const outcome = useMemo(() => {
    if (!index) return null;
    try {
      const decided = decide(compiled, { category, data, reportedAt }, { recentReports }, { explain: true });
      const plan = planSla(compiled, { decision: decided.decision, startAt: reportedAt });
      const explained = explainRules(compiled, { category, data, reportedAt }, { recentReports });
      return { ok: true as const, decision: decided.decision, explanation: decided.explanation, plan, validity: validateReport(compiled, category, data), outcomes: explained.ok ? explained.value : undefined };
    } catch (e) {
      return { ok: false as const, error: (e as Error).message };
    }
  }, [compiled, index, category, data, reportedAt, recentReports]);

  const setGrid = (g: string) => setData({ ...data, location: { ...((data.location as object) ?? {}), grid: g } });

  return (
    <div className="bench">
      <section className="bench-input">
        <label className="field">
          <span>{t('bench.category')}</span>
          <CategorySelect categories={compiled.config.categories} value={category} onChange={(c) => (setCategory(c), setData((d) => ({ description: d.description, location: d.location })))} />
        </label>
        <div className="bench-row">
          <label className="field">
            <span>{t('bench.time')}</span>
            <DatePicker
              id="bench-time"
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              allowClear={false}
              value={dayjs(at)}
              onChange={(d) => d && setAt(d.format('YYYY-MM-DDTHH:mm'))}
            />
          </label>
          <label className="field">
            <span>{t('bench.recentReports')}</span>
            <input type="number" name="recent-reports" min={0} value={recentReports} onChange={(e) => setRecentReports(Math.max(0, Number(e.target.value) || 0))} />
          </label>
        </div>
        <div className="field">
          <span>{t('bench.place')}</span>
          <PlacePicker units={compiled.config.units} value={grid} onChange={setGrid} />
        </div>
        {form && (
          <ErrorBoundary resetKey={form.id} fallback={(e) => <p className="notice notice-error">{e.message}</p>}>
            <ReportForm key={form.id} schema={form.schema} uiSchema={form.uiSchema} formData={data} onChange={setData} units={compiled.config.units} idPrefix="bench" />
          </ErrorBoundary>
        )}
      </section>
      <section className="bench-output" aria-live="polite">
        {outcome && !outcome.ok && <p className="notice notice-error">{outcome.error}</p>}
        {outcome?.ok && (
          <>
            {!outcome.validity.ok && (
              <div className="notice notice-warn" data-testid="bench-invalid">
                {t('bench.invalidReport', { count: outcome.validity.issues.length })}
                <ul>{outcome.validity.issues.map((i, n) => <li key={n}><code>{i.pointer}</code> {i.message}</li>)}</ul>
              </div>
            )}
            <h3>{t('bench.decision')}</h3>
            <DecisionView compiled={compiled} decision={outcome.decision} />
            <h3>{t('sla.timeline')}</h3>
            <SlaTimeline plan={outcome.plan} start={reportedAt} calendar={compiled.calendar} timeZone={tz} />
            <SaveTestCase
              key={category}
              draft={draft}
              input={{ category, at: toIsoWithOffset(reportedAt, tz), data, ...(recentReports ? { context: { recentReports } } : {}) }}
              decision={outcome.decision}
              plan={outcome.plan}
              timeZone={tz}
            />
            <h3>{t('bench.explanation')}</h3>
            <ExplanationView compiled={compiled} explanation={outcome.explanation} outcomes={outcome.outcomes} />
          </>
        )}
      </section>
    </div>
  );
}
