/** The time-limits tab: SLA policies, working calendars, levels and the workflow, edited as forms over the one draft. */
import { Alert, ConfigProvider, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Draft } from '../use-draft';
import { CalendarEditor } from './calendar-editor';
import { LevelsEditor } from './levels-editor';
import { SlaPoliciesEditor } from './sla-policies-editor';
import { WorkflowEditor } from './workflow-editor';
import './time-editors.css';

const PARTS = ['sla', 'calendars', 'levels', 'workflow'] as const;
type Part = (typeof PARTS)[number];

export default function TimeLimitsTab({ draft }: { draft: Draft }) {
  const { t } = useTranslation();
  const [part, setPart] = useState<Part>('sla');
  const body = (p: Part) => {
    switch (p) {
      case 'sla':
        return <SlaPoliciesEditor draft={draft} />;
      case 'calendars':
        return <CalendarEditor draft={draft} />;
      case 'levels':
        return <LevelsEditor draft={draft} />;
      case 'workflow':
        return <WorkflowEditor draft={draft} />;
      default: {
        const never: never = p;
        throw new Error(`unknown part ${String(never)}`);
      }
    }
  };
  return (
    <div className="time-limits" data-version={draft.version}>
      {!draft.editable && <Alert type="info" showIcon title={t('timeEditors.readOnly')} style={{ marginBottom: 12 }} />}
      <ConfigProvider componentDisabled={!draft.editable}>
        <Tabs
          activeKey={part}
          onChange={(k) => setPart(k as Part)}
          destroyOnHidden
          items={PARTS.map((p) => ({ key: p, label: <span data-time-tab={p}>{t(`timeEditors.tabs.${p}`)}</span>, children: body(p) }))}
        />
      </ConfigProvider>
    </div>
  );
}
