import { useTranslation } from 'react-i18next';
import { HANDLING_KINDS, type CompiledConfig } from '../../../engine/index';
import { CategorySelect } from '../config/category-select';
import { useLabel } from '../i18n/use-label';
import { LevelOptions } from '../config/level-label';

export interface WorklistFilter {
  unit: string;
  state: string;
  category: string;
  level: string;
  red: boolean;
}

export function WorklistFilters({ compiled, filter, onChange, unitLocked }: { compiled: CompiledConfig; filter: WorklistFilter; onChange: (f: WorklistFilter) => void; unitLocked: boolean }) {
  const { t } = useTranslation();
  const label = useLabel();
  const set = (changes: Partial<WorklistFilter>) => onChange({ ...filter, ...changes });
  return (
    <div className="filters">
      <label className="field inline">
        <span>{t('worklist.unit')}</span>
        <select name="unit" value={filter.unit} disabled={unitLocked} onChange={(e) => set({ unit: e.target.value })}>
          <option value="">{t('worklist.allUnits')}</option>
          {compiled.config.units.filter((u) => HANDLING_KINDS.includes(u.kind)).map((u) => <option key={u.id} value={u.id}>{label(u.name, u.id)}</option>)}
        </select>
      </label>
      <label className="field inline">
        <span>{t('worklist.state')}</span>
        <select name="state" value={filter.state} onChange={(e) => set({ state: e.target.value })}>
          <option value="">{t('worklist.any')}</option>
          {compiled.config.workflow.states.map((s) => <option key={s.id} value={s.id}>{label(s.name, s.id)}</option>)}
        </select>
      </label>
      <label className="field inline">
        <span>{t('worklist.category')}</span>
        <CategorySelect categories={compiled.config.categories} value={filter.category} onChange={(c) => set({ category: c })} name="filter-category" emptyLabel={t('worklist.any')} codes={false} />
      </label>
      <label className="field inline">
        <span>{t('worklist.level')}</span>
        <select name="level" value={filter.level} onChange={(e) => set({ level: e.target.value })}>
          <option value="">{t('worklist.any')}</option>
          <LevelOptions config={compiled.config} />
        </select>
      </label>
      <label className="field inline checkbox">
        <input type="checkbox" name="red" checked={filter.red} onChange={(e) => set({ red: e.target.checked })} />
        <span>{t('worklist.redOnly')}</span>
      </label>
    </div>
  );
}
