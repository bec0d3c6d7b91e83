import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Decision, TestCase } from '../../../engine/index';
import type { Draft } from './use-draft';

/** Appends the bench's event and the decision it got as `{id, description, input, expected}` to the draft's tests. */
export function SaveTestCase({ draft, input, decision }: { draft: Draft; input: TestCase['input']; decision: Decision }) {
  const { t } = useTranslation();
  const tests = Array.isArray(draft.values.tests) ? (draft.values.tests as TestCase[]) : [];
  const nextId = () => {
    let n = tests.length + 1;
    while (tests.some((x) => x.id === `case-${input.category}-${n}`)) n++;
    return `case-${input.category}-${n}`;
  };
  const [id, setId] = useState(nextId);
  const [description, setDescription] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const taken = tests.some((x) => x.id === id);

  const save = () => {
    const expected: TestCase['expected'] = { level: decision.level, unit: decision.unit, slaPolicy: decision.slaPolicy };
    if (decision.escalation) expected.escalatedTo = decision.escalation.unit;
    if (decision.tags.length) expected.tags = [...decision.tags];
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
