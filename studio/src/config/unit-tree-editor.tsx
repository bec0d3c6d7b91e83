/** The organisation tree as a tree view: expand, rename, add children. */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HANDLING_KINDS, type Unit } from '../../../engine/index';
import { useLabel } from '../i18n/use-label';
import { AddUnitForm } from './add-unit-form';
import { EscalationEditor } from './escalation-editor';
import { NameFields } from './name-fields';
import { UnitImportButton } from './unit-import-dialog';
import { CHILD_KINDS, childrenByParent, renameUnit } from './unit-edits';
import type { Draft } from './use-draft';

export function UnitTreeEditor({ draft }: { draft: Draft }) {
  const { t } = useTranslation();
  const units = draft.values.units as Unit[] | undefined;
  const tree = useMemo(() => (Array.isArray(units) ? childrenByParent(units) : null), [units]);
  if (!Array.isArray(units) || !tree) return <p className="notice notice-error">{t('tree.fixJson', { section: t('section.units') })}</p>;
  return (
    <div className="tree-editor unit-tree">
      <p className="muted">{t('units.intro', { count: units.length })}</p>
      {draft.editable && <UnitImportButton draft={draft} />}
      <ul className="unit-nodes" role="tree">
        {(tree.get(null) ?? []).map((u) => (
          <UnitNode key={u.id} unit={u} tree={tree} units={units} draft={draft} depth={0} />
        ))}
      </ul>
    </div>
  );
}

function UnitNode({ unit, tree, units, draft, depth }: { unit: Unit; tree: Map<string | null, Unit[]>; units: Unit[]; draft: Draft; depth: number }) {
  const { t } = useTranslation();
  const label = useLabel();
  const children = tree.get(unit.id) ?? [];
  const [open, setOpen] = useState(depth < 2);
  const [mode, setMode] = useState<'view' | 'rename' | 'add' | 'escalation'>('view');
  const [name, setName] = useState(unit.name);
  const readOnly = !draft.editable;
  return (
    <li role="treeitem" aria-expanded={children.length ? open : undefined} data-unit={unit.id}>
      <div className="unit-row">
        <button type="button" className="twisty" onClick={() => setOpen(!open)} disabled={!children.length} aria-label={open ? '−' : '+'}>
          {children.length ? (open ? '▾' : '▸') : '·'}
        </button>
        {mode === 'rename' ? (
          <span className="inline-form">
            <NameFields prefix="unit-rename" value={name} onChange={setName} />
            <button type="button" className="primary" disabled={!name.zh || !name.en} onClick={() => (draft.setValue('units', renameUnit(units, unit.id, name)), setMode('view'))}>{t('common.ok')}</button>
            <button type="button" onClick={() => setMode('view')}>{t('common.cancel')}</button>
          </span>
        ) : (
          <>
            <strong>{label(unit.name, unit.id)}</strong>
            <span className={`badge kind-${unit.kind}`}>{t(`unitKind.${unit.kind}`)}</span>
            <code className="muted">{unit.id}</code>
            {unit.escalation && <span className="badge">{t('escalation.summary')}</span>}
            {!readOnly && (
              <>
                <button type="button" className="link-button" onClick={() => (setName(unit.name), setMode('rename'))}>{t('tree.rename')}</button>
                {CHILD_KINDS[unit.kind].length > 0 && <button type="button" className="link-button" onClick={() => (setMode('add'), setOpen(true))}>+ {t('units.addChild')}</button>}
              </>
            )}
            {HANDLING_KINDS.includes(unit.kind) && unit.kind !== 'county_government' && (!readOnly || unit.escalation) && (
              <button type="button" className="link-button" data-action="edit-escalation" onClick={() => setMode('escalation')}>{t('escalation.open')}</button>
            )}
          </>
        )}
      </div>
      {mode === 'escalation' && <EscalationEditor unit={unit} units={units} draft={draft} onDone={() => setMode('view')} />}
      {mode === 'add' && <AddUnitForm units={units} parent={unit} onAdd={(next) => (draft.setValue('units', next), setMode('view'))} onCancel={() => setMode('view')} />}
      {open && children.length > 0 && (
        <ul role="group">
          {children.map((c) => <UnitNode key={c.id} unit={c} tree={tree} units={units} draft={draft} depth={depth + 1} />)}
        </ul>
      )}
    </li>
  );
}
