/** The workflow section: the diagram, the states and the transitions as tables, the engine's workflow checks above. */
import { Alert, Button, Input, Popconfirm, Radio, Select, Space, Switch, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, SLA_CLOCKS, type Workflow, type WorkflowTransition } from '../../../../engine/index';
import { useLabel } from '../../i18n/use-label';
import type { Draft } from '../use-draft';
import { SectionProblems } from './section-problems';
import { WorkflowDiagram } from './workflow-diagram';
import {
  addState,
  addTransition,
  CLOCK_EFFECT_KINDS,
  HANDLING_EFFECTS,
  readWorkflow,
  removeState,
  removeTransition,
  REQUIRED_INPUTS,
  setClockEffect,
  setInitial,
  UNIT_SCOPES,
  updateState,
  updateTransition,
  type WorkflowState,
} from './workflow-model';

export function WorkflowEditor({ draft }: { draft: Draft }) {
  const { t } = useTranslation();
  const label = useLabel();
  const workflow = readWorkflow(draft.values.workflow);
  const [selected, setSelected] = useState<number | null>(null);
  if (!workflow) return <Alert type="warning" title={t('timeEditors.notEditable')} />;
  const write = (next: Workflow) => draft.setValue('workflow', next);
  const stateOptions = workflow.states.map((s) => ({ value: s.id, label: label(s.name, s.id), title: s.id }));
  const clockOptions = CLOCK_EFFECT_KINDS.flatMap((kind) => SLA_CLOCKS.map((clock) => ({ value: `${kind}:${clock}`, label: `${t(`timeEditors.workflow.effect.${kind}`)} ${t(`timeEditors.clockName.${clock}`)}` })));
  const effectsOf = (tr: WorkflowTransition) => CLOCK_EFFECT_KINDS.flatMap((kind) => (tr.sla?.[kind] ?? []).map((clock) => `${kind}:${clock}`));
  const setEffects = (tr: WorkflowTransition, values: string[]) =>
    CLOCK_EFFECT_KINDS.reduce((acc, kind) => setClockEffect(acc, kind, SLA_CLOCKS.filter((c) => values.includes(`${kind}:${c}`))), tr);
  const patch = (i: number, p: Partial<WorkflowTransition>) => write(updateTransition(workflow, i, p));

  return (
    <div className="te-workflow" data-testid="te-workflow">
      <SectionProblems draft={draft} prefix="/workflow" />
      <WorkflowDiagram workflow={workflow} selected={selected} onSelect={setSelected} />

      <h4>{t('timeEditors.workflow.transitions')}</h4>
      <Table
        size="small"
        pagination={false}
        rowKey={(_, i) => String(i)}
        dataSource={workflow.transitions}
        data-testid="te-transitions"
        scroll={{ x: 1500 }}
        rowClassName={(_, i) => (i === selected ? 'te-row-selected' : '')}
        onRow={(_, i) => ({ onClick: () => setSelected(i ?? null), 'data-transition': i } as React.HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('timeEditors.workflow.action'), width: 130, render: (_, tr, i) => <Input size="small" value={tr.action} name={`transition-${i}-action`} onChange={(e) => patch(i, { action: e.target.value })} /> },
          { title: t('common.nameZh'), width: 110, render: (_, tr, i) => <Input size="small" value={tr.name.zh} name={`transition-${i}-zh`} onChange={(e) => patch(i, { name: { ...tr.name, zh: e.target.value } })} /> },
          { title: t('common.nameEn'), width: 130, render: (_, tr, i) => <Input size="small" value={tr.name.en} name={`transition-${i}-en`} onChange={(e) => patch(i, { name: { ...tr.name, en: e.target.value } })} /> },
          { title: t('timeEditors.workflow.from'), width: 200, render: (_, tr, i) => <Select size="small" mode="multiple" value={tr.from} options={stateOptions} style={{ width: '100%' }} data-field={`transition-${i}-from`} onChange={(from: string[]) => from.length > 0 && patch(i, { from })} /> },
          { title: t('timeEditors.workflow.to'), width: 150, render: (_, tr, i) => <Select size="small" value={tr.to} options={stateOptions} style={{ width: '100%' }} data-field={`transition-${i}-to`} onChange={(to: string) => patch(i, { to })} /> },
          { title: t('timeEditors.workflow.roles'), width: 200, render: (_, tr, i) => <Select size="small" mode="multiple" value={tr.roles} options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} style={{ width: '100%' }} onChange={(roles: WorkflowTransition['roles']) => roles.length > 0 && patch(i, { roles })} /> },
          { title: t('timeEditors.workflow.unitScope'), width: 120, render: (_, tr, i) => <Select size="small" value={tr.unitScope} options={UNIT_SCOPES.map((s) => ({ value: s, label: t(`timeEditors.workflow.scope.${s}`) }))} style={{ width: '100%' }} onChange={(unitScope: WorkflowTransition['unitScope']) => patch(i, { unitScope })} /> },
          { title: t('timeEditors.workflow.requires'), width: 150, render: (_, tr, i) => <Select size="small" mode="multiple" allowClear value={tr.requires ?? []} options={REQUIRED_INPUTS.map((r) => ({ value: r, label: t(`timeEditors.workflow.require.${r}`) }))} style={{ width: '100%' }} onChange={(requires: NonNullable<WorkflowTransition['requires']>) => patch(i, { requires })} /> },
          { title: t('timeEditors.workflow.handling'), width: 140, render: (_, tr, i) => <Select size="small" allowClear value={tr.handling} options={HANDLING_EFFECTS.map((h) => ({ value: h, label: t(`timeEditors.workflow.handlingEffect.${h}`) }))} style={{ width: '100%' }} onChange={(handling?: WorkflowTransition['handling']) => patch(i, { handling })} /> },
          { title: t('timeEditors.workflow.clocks'), width: 190, render: (_, tr, i) => <Select size="small" mode="multiple" allowClear value={effectsOf(tr)} options={clockOptions} style={{ width: '100%' }} onChange={(v: string[]) => write(updateTransition(workflow, i, setEffects(tr, v)))} /> },
          { title: '', width: 44, fixed: 'right', render: (_, _tr, i) => <Button size="small" type="text" danger onClick={(e) => (e.stopPropagation(), write(removeTransition(workflow, i)), setSelected(null))} aria-label={t('common.delete')}>✕</Button> },
        ]}
      />
      <Button
        type="dashed"
        className="te-add"
        data-action="add-transition"
        onClick={() => {
          const from = workflow.states.find((s) => !s.terminal)?.id ?? workflow.initial;
          write(addTransition(workflow, { from: [from], to: workflow.states.find((s) => s.id !== from)?.id ?? from }));
          setSelected(workflow.transitions.length);
        }}
      >
        + {t('timeEditors.workflow.addTransition')}
      </Button>

      <h4>{t('timeEditors.workflow.states')}</h4>
      <Table
        size="small"
        pagination={false}
        rowKey={(_, i) => String(i)}
        dataSource={workflow.states}
        data-testid="te-states"
        scroll={{ x: 720 }}
        columns={[
          { title: 'id', width: 150, render: (_, s: WorkflowState, i) => <Input size="small" value={s.id} name={`state-${i}-id`} onChange={(e) => e.target.value && write(updateState(workflow, i, { id: e.target.value }))} /> },
          { title: t('common.nameZh'), width: 120, render: (_, s: WorkflowState, i) => <Input size="small" value={s.name.zh} onChange={(e) => write(updateState(workflow, i, { name: { ...s.name, zh: e.target.value } }))} /> },
          { title: t('common.nameEn'), width: 140, render: (_, s: WorkflowState, i) => <Input size="small" value={s.name.en} onChange={(e) => write(updateState(workflow, i, { name: { ...s.name, en: e.target.value } }))} /> },
          { title: t('timeEditors.workflow.initial'), width: 70, render: (_, s: WorkflowState) => <Radio checked={workflow.initial === s.id} onChange={() => write(setInitial(workflow, s.id))} /> },
          { title: t('timeEditors.workflow.open'), width: 100, render: (_, s: WorkflowState, i) => <Switch size="small" checked={s.open} onChange={(open) => write(updateState(workflow, i, { open }))} /> },
          { title: t('timeEditors.workflow.terminal'), width: 70, render: (_, s: WorkflowState, i) => <Switch size="small" checked={s.terminal === true} onChange={(terminal) => write(updateState(workflow, i, { terminal }))} /> },
          {
            title: '',
            width: 44,
            render: (_, _s, i) => (
              <Popconfirm title={t('timeEditors.workflow.removeStateConfirm')} onConfirm={() => write(removeState(workflow, i))} okText={t('common.ok')} cancelText={t('common.cancel')}>
                <Button size="small" type="text" danger aria-label={t('common.delete')}>✕</Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <Space>
        <Button type="dashed" className="te-add" data-action="add-state" onClick={() => write(addState(workflow, { zh: t('timeEditors.workflow.newState', { lng: 'zh' }), en: t('timeEditors.workflow.newState', { lng: 'en' }) }))}>
          + {t('timeEditors.workflow.addState')}
        </Button>
      </Space>
    </div>
  );
}
