/** The workflow drawn: states as boxes in the workflow's order, transitions as arrows labelled with their action's name. */
import { useTranslation } from 'react-i18next';
import type { Workflow } from '../../../../engine/index';
import { useLabel } from '../../i18n/use-label';
import { BOX_HEIGHT, BOX_WIDTH, layoutWorkflow } from './workflow-layout';

export function WorkflowDiagram({ workflow, selected, onSelect }: { workflow: Workflow; selected: number | null; onSelect: (transition: number) => void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const layout = layoutWorkflow(workflow, (i) => label(workflow.transitions[i]?.name, workflow.transitions[i]?.action));
  const states = new Map(workflow.states.map((s) => [s.id, s]));
  return (
    <div className="te-diagram" data-testid="te-diagram">
      <svg width={layout.width} height={layout.height} viewBox={`0 0 ${layout.width} ${layout.height}`} role="img" aria-label={t('timeEditors.workflow.diagram')}>
        <defs>
          <marker id="te-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" className="te-arrow-head" />
          </marker>
        </defs>
        {layout.arrows.map((a, i) => (
          <g key={i} className={`te-edge${selected === a.transition ? ' is-selected' : ''}`} data-action={a.action} onClick={() => onSelect(a.transition)}>
            <path d={a.path} markerEnd="url(#te-arrow)" />
          </g>
        ))}
        {layout.boxes.map((b) => {
          const s = states.get(b.id);
          const initial = workflow.initial === b.id;
          return (
            <g key={b.id} className={`te-state${s?.terminal ? ' is-terminal' : ''}${initial ? ' is-initial' : ''}${s?.open === false ? ' is-closed' : ''}`} data-state={b.id}>
              <rect x={b.x} y={b.y} width={BOX_WIDTH} height={BOX_HEIGHT} rx={6} />
              <text x={b.x + BOX_WIDTH / 2} y={b.y + 17} textAnchor="middle" className="te-state-name">{label(s?.name, b.id)}</text>
              <text x={b.x + BOX_WIDTH / 2} y={b.y + 32} textAnchor="middle" className="te-state-id">{b.id}</text>
            </g>
          );
        })}
        {layout.arrows.map((a, i) => (
          <text key={`l${i}`} x={a.labelX} y={a.labelY} textAnchor="middle" className={`te-edge-label${selected === a.transition ? ' is-selected' : ''}`} onClick={() => onSelect(a.transition)}>
            {label(workflow.transitions[a.transition]?.name, a.action)}
          </text>
        ))}
      </svg>
    </div>
  );
}
