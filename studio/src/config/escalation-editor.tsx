/**
 * A unit's escalation by event, without JSON: a small table "when the category / major category /
 * domain / level is … escalate to …", the switch "to the department of the matching domain" and
 * where other events go.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../../../engine/index';
import { registerTexts } from '../i18n/register-texts';
import { escalationText } from '../i18n/escalation';
import { useLabel } from '../i18n/use-label';
import { ESCALATION_WHEN, escalationOf, escalationTargets, keyChoices, setUnitEscalation, tableOf, type EscalationTable, type EscalationWhen } from './escalation-edits';
import { levelChoices } from './level-names';
import type { Draft } from './use-draft';

registerTexts('escalation', escalationText);

const BOX = { margin: '6px 0 10px', padding: '8px 10px', border: '1px solid #d9d9d9', borderRadius: 6, maxWidth: 760 } as const;

export function EscalationEditor({ unit, units, draft, onDone }: { unit: Unit; units: Unit[]; draft: Draft; onDone: () => void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const [table, setTable] = useState<EscalationTable>(() => tableOf(unit.escalation));
  const targets = escalationTargets(units, unit.id);
  const sources = { categories: draft.values.categories, units, levels: levelChoices(draft.values) };
  const readOnly = !draft.editable;
  const setRow = (i: number, change: Partial<EscalationTable['rows'][number]>) => setTable({ ...table, rows: table.rows.map((r, j) => (j === i ? { ...r, ...change, ...(change.when ? { key: '' } : {}) } : r)) });
  const unitOptions = targets.map((u) => <option key={u.id} value={u.id}>{label(u.name, u.id)}</option>);
  return (
    <section className="escalation-editor" style={BOX} aria-label={t('escalation.open')} data-escalation={unit.id}>
      <h4>{t('escalation.title', { unit: label(unit.name, unit.id) })}</h4>
      <p className="muted">{t('escalation.intro')}</p>
      <div style={{ overflowX: 'auto' }}>
        <table className="escalation-table">
          <thead>
            <tr><th>{t('escalation.when')}</th><th>{t('escalation.value')}</th><th>{t('escalation.target')}</th><th /></tr>
          </thead>
          <tbody>
            {table.rows.length === 0 && <tr><td colSpan={4} className="muted">{t('escalation.empty')}</td></tr>}
            {table.rows.map((row, i) => (
              <tr key={i} data-escalation-row={i}>
                <td>
                  <select aria-label={t('escalation.when')} value={row.when} disabled={readOnly} onChange={(e) => setRow(i, { when: e.target.value as EscalationWhen })}>
                    {ESCALATION_WHEN.map((w) => <option key={w} value={w}>{t(`escalation.whenKinds.${w}`)}</option>)}
                  </select>
                </td>
                <td>
                  <select aria-label={t('escalation.value')} value={row.key} disabled={readOnly} onChange={(e) => setRow(i, { key: e.target.value })}>
                    <option value="">{t('escalation.choose')}</option>
                    {keyChoices(row.when, sources).map((c) => <option key={c.value} value={c.value}>{c.name ? `${c.value} ${label(c.name, c.value)}` : c.value}</option>)}
                  </select>
                </td>
                <td>
                  <select aria-label={t('escalation.target')} value={row.unit} disabled={readOnly} onChange={(e) => setRow(i, { unit: e.target.value })}>
                    <option value="">{t('escalation.choose')}</option>
                    {unitOptions}
                  </select>
                </td>
                <td>{!readOnly && <button type="button" className="link-button" onClick={() => setTable({ ...table, rows: table.rows.filter((_, j) => j !== i) })}>{t('escalation.remove')}</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!readOnly && <button type="button" data-action="add-escalation-row" onClick={() => setTable({ ...table, rows: [...table.rows, { when: 'domain', key: '', unit: '' }] })}>+ {t('escalation.add')}</button>}
      <label style={{ display: 'flex', flexDirection: 'row', gap: 6, alignItems: 'flex-start', margin: '8px 0', textAlign: 'left' }}>
        <input type="checkbox" name="escalation-match-domain" checked={table.matchDomain} disabled={readOnly} onChange={(e) => setTable({ ...table, matchDomain: e.target.checked })} />
        <span>{t('escalation.matchDomain')}</span>
      </label>
      <label className="field inline">
        <span>{t('escalation.fallback')}</span>
        <select name="escalation-default" value={table.fallback} disabled={readOnly} onChange={(e) => setTable({ ...table, fallback: e.target.value })}>
          <option value="">{t('escalation.noFallback')}</option>
          {unitOptions}
        </select>
      </label>
      <span className="inline-form">
        {!readOnly && <button type="button" className="primary" data-action="apply-escalation" onClick={() => (draft.setValue('units', setUnitEscalation(units, unit.id, escalationOf(table))), onDone())}>{t('common.ok')}</button>}
        <button type="button" onClick={onDone}>{t('common.cancel')}</button>
      </span>
    </section>
  );
}
