import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { planTimes, type Decision, type SlaPlan, type TestCase } from '../../../engine/index';
import type { Draft } from './use-draft';

/**
 * The expectations a decision and its SLA plan make: level, unit, policy, escalation and tags,
 * and — when the plan has them — the deadlines, reminders, breaches and auto-escalation, as ISO
 * 8601 local time in the county's zone (what the test bench showed).
 */
export function expectationsOf(decision: Decision, sla?: { plan: SlaPlan; timeZone: string }): TestCase['expected'] {
  const expected: TestCase['expected'] = { level: decision.level, unit: decision.unit, slaPolicy: decision.slaPolicy };
  if (decision.escalation) expected.escalatedTo = decision.escalation.unit;
  if (decision.tags.length) expected.tags = [...decision.tags];
  if (!sla) return expected;
  const times = planTimes(sla.plan, sla.timeZone);
  if (times.acceptDue) expected.acceptDue = times.acceptDue;
  if (times.resolveDue) expected.resolveDue = times.resolveDue;
  if (times.reminders.length) expected.reminders = times.reminders;
  if (times.breaches.length) expected.breaches = times.breaches;
  if (times.autoEscalateAt) expected.autoEscalateAt = times.autoEscalateAt;
  return expected;
}

/** Appends the bench's event and the decision (and SLA times) it got as `{id, description, input, expected}` to the draft's tests. */
export function SaveTestCase({ draft, input, decision, plan, timeZone = 'Asia/Shanghai' }: { draft: Draft; input: TestCase['input']; decision: Decision; plan?: SlaPlan; timeZone?: string }) {
  const { t } = useTranslation();
  const tests = Array.isArray(draft.values.tests) ? (draft.values.tests as TestCase[]) : [];
  const nextId = () => {
    let n = 1;
    while (tests.some((x) => x.id === `case-${input.category}-${n}`)) n++;
    return `case-${input.category}-${n}`;
  };
  const [id, setId] = useState(nextId);
  const [description, setDescription] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const taken = tests.some((x) => x.id === id);

  const save = () => {
    const expected = expectationsOf(decision, plan && { plan, timeZone });
    draft.setValue('tests', [...tests, { id, description: description || id, input, expected }]);
    setSaved(id);
    setId(`${id}-b`);
  };

  if (!draft.editable) return null;
  return (
    <div className="save-test inline-form">
      <label className="field inline"><span>{t('bench.caseId')}</span><input name="case-id" value={id} onChange={(e) => setId(e.target.value.trim())} /></label>
      <label className="field inline grow"><span>{t('bench.caseDescription')}</span><input name="case-description" value={description} onChange={(e) => setDescription(e.target.value)} /></label>
      <button type="button" className="primary" disabled={!id || taken} onClick={save} data-action="save-test">{t('bench.saveAsTest')}</button>
      {taken && <span className="error-text">{t('bench.idTaken')}</span>}
      {saved && <span className="notice notice-ok" role="status">{t('bench.saved', { id: saved })}</span>}
    </div>
  );
}
