/** The SLA section: every policy as a card, a new one added at the end, and the timeline of one policy for a sample report time. */
import { Alert, Button, DatePicker, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { planSla, type CompiledConfig } from '../../../../engine/index';
import { useLabel } from '../../i18n/use-label';
import { SlaTimeline } from '../../sla/sla-timeline';
import { levelChoices } from '../level-names';
import type { Draft } from '../use-draft';
import { countyCalendarId, levelsValue } from './draft-sections';
import { isObject } from './object-edits';
import { SectionProblems } from './section-problems';
import { SlaPolicyCard, type CategoryGroup } from './sla-policy-card';
import { addPolicy, duplicatePolicy, readSla, removePolicy, updatePolicy, type SlaSection } from './sla-policy-model';

export function SlaPoliciesEditor({ draft }: { draft: Draft }) {
  const { t } = useTranslation();
  const label = useLabel();
  const sla = readSla(draft.values.sla);
  const levels = levelChoices({ levels: levelsValue(draft) });
  const categories = useMemo(() => categoryGroups(draft.values.categories), [draft.values.categories]);
  const [previewId, setPreviewId] = useState<string | null>(null);
  if (!sla) return <Alert type="warning" title={t('timeEditors.notEditable')} />;
  const write = (next: SlaSection) => draft.setValue('sla', next);
  const calendarName = (Array.isArray(draft.values.calendars) ? draft.values.calendars : []).find((c) => isObject(c) && c.id === countyCalendarId(draft)) as { name?: { zh: string; en: string } } | undefined;
  const preview = sla.policies.find((p) => p.id === previewId) ?? null;
  return (
    <div className="te-sla" data-testid="te-sla">
      <p className="muted">{t('timeEditors.sla.intro')} {calendarName?.name && t('timeEditors.sla.calendarNote', { name: label(calendarName.name) })}</p>
      <SectionProblems draft={draft} prefix="/sla" />
      {preview && <PolicyPreview draft={draft} policyId={preview.id} name={label(preview.name, preview.id)} />}
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {sla.policies.map((policy, index) => (
          <SlaPolicyCard
            key={index}
            policy={policy}
            levels={levels}
            categories={categories}
            onChange={(p) => write(updatePolicy(sla, index, () => p))}
            onDuplicate={() => write(duplicatePolicy(sla, index))}
            onRemove={sla.policies.length > 1 ? () => write(removePolicy(sla, index)) : null}
            onPreview={() => setPreviewId(previewId === policy.id ? null : policy.id)}
            previewing={previewId === policy.id}
          />
        ))}
      </Space>
      <Button type="dashed" block className="te-add" data-action="add-policy" onClick={() => write(addPolicy(sla, [levels[0]?.level ?? 1], { zh: t('timeEditors.sla.newName', { lng: 'zh' }), en: t('timeEditors.sla.newName', { lng: 'en' }) }))}>
        + {t('timeEditors.sla.add')}
      </Button>
    </div>
  );
}

function categoryGroups(value: unknown): CategoryGroup[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isObject).map((major) => ({
    label: (major.name ?? { zh: String(major.code), en: String(major.code) }) as CategoryGroup['label'],
    options: (Array.isArray(major.children) ? major.children : []).filter(isObject).map((minor) => ({ code: String(minor.code), name: minor.name as CategoryGroup['label'] })),
  }));
}

/** The policy's deadlines and reminders for a report at a sample time, on the county calendar (needs a draft that compiles). */
function PolicyPreview({ draft, policyId, name }: { draft: Draft; policyId: string; name: string }) {
  const { t } = useTranslation();
  const [start, setStart] = useState<Dayjs>(() => dayjs('2026-09-30T16:30:00+08:00'));
  const compiled: CompiledConfig | null = draft.compiled?.ok ? draft.compiled.value : null;
  const startAt = start.valueOf();
  const plan = useMemo(() => {
    if (!compiled) return null;
    try {
      return planSla(compiled, { decision: { slaPolicy: policyId }, startAt });
    } catch {
      return null;
    }
  }, [compiled, policyId, startAt]);
  return (
    <div className="te-preview" data-testid="te-sla-preview">
      <Space wrap>
        <strong>{t('timeEditors.sla.preview')} · {name}</strong>
        <span>{t('timeEditors.sla.previewStart')}</span>
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" value={start} allowClear={false} onChange={(d) => d && setStart(d)} />
      </Space>
      {compiled && plan ? <SlaTimeline plan={plan} start={startAt} calendar={compiled.calendar} timeZone={compiled.timeZone} /> : <p className="muted">{t('timeEditors.sla.previewNeedsCompile')}</p>}
    </div>
  );
}
