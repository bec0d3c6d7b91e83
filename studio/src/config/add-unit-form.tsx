import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PLATFORMS, UNIT_KINDS, type Platform, type Unit, type UnitKind } from '../../../engine/index';
import { addUnit, CHILD_KINDS } from './unit-edits';
import { NameFields } from './name-fields';

/** Adds a child unit: id, kind, names, and what its kind needs (platform, domains, grid staffing). */
export function AddUnitForm({ units, parent, onAdd, onCancel }: { units: Unit[]; parent: Unit; onAdd: (next: Unit[]) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const suggested = CHILD_KINDS[parent.kind];
  const [id, setId] = useState(`${parent.id}-`);
  const [kind, setKind] = useState<UnitKind>(suggested[0] ?? 'village');
  const [name, setName] = useState({ zh: '', en: '' });
  const [platform, setPlatform] = useState<Platform>('governance');
  const [domains, setDomains] = useState('');
  const [leader, setLeader] = useState('');
  const [worker, setWorker] = useState('');
  const taken = units.some((u) => u.id === id);
  const ready = id && !taken && name.zh && name.en && (kind !== 'grid' || (leader && worker));

  const add = () => {
    const unit: Unit = { id, kind, name, parent: parent.id };
    if (kind === 'platform') unit.platform = platform;
    if (kind === 'county_department') unit.domains = domains.split(/[,，\s]+/).filter(Boolean);
    if (kind === 'grid') unit.staffing = { leader: { name: leader }, fullTime: [{ name: worker }], partTime: [] };
    onAdd(addUnit(units, unit));
  };

  const kinds = [...suggested, ...UNIT_KINDS.filter((k) => !suggested.includes(k))];
  return (
    <div className="inline-form add-unit">
      <label className="field inline"><span>ID</span><input name="unit-id" value={id} onChange={(e) => setId(e.target.value.trim())} /></label>
      <label className="field inline">
        <span>{t('units.kind')}</span>
        <select name="unit-kind" value={kind} onChange={(e) => setKind(e.target.value as UnitKind)}>
          {kinds.map((k) => <option key={k} value={k}>{t(`unitKind.${k}`)}</option>)}
        </select>
      </label>
      <NameFields prefix="unit" value={name} onChange={setName} />
      {kind === 'platform' && (
        <label className="field inline">
          <span>{t('tree.platform')}</span>
          <select value={platform} onChange={(e) => setPlatform(e.target.value as Platform)}>
            {PLATFORMS.map((p) => <option key={p} value={p}>{t(`platform.${p}`)}</option>)}
          </select>
        </label>
      )}
      {kind === 'county_department' && (
        <label className="field inline"><span>{t('units.domains')}</span><input value={domains} onChange={(e) => setDomains(e.target.value)} placeholder="land, water" /></label>
      )}
      {kind === 'grid' && (
        <>
          <label className="field inline"><span>{t('units.leader')}</span><input value={leader} onChange={(e) => setLeader(e.target.value)} /></label>
          <label className="field inline"><span>{t('units.fullTime')}</span><input value={worker} onChange={(e) => setWorker(e.target.value)} /></label>
        </>
      )}
      {taken && <span className="error-text">{t('units.idTaken')}</span>}
      <button type="button" className="primary" disabled={!ready} onClick={add}>{t('common.add')}</button>
      <button type="button" onClick={onCancel}>{t('common.cancel')}</button>
    </div>
  );
}
