/** The section editors: one monaco model per section, each with its sub-schema attached. */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { JsonEditor, type RevealRequest } from '../editor/lazy-editors';
import { SECTIONS, sectionFileName, sectionSchema, type SectionKey } from './sections';
import type { Draft } from './use-draft';

export function SectionsTab({ draft, section, onSection, reveal }: { draft: Draft; section: SectionKey; onSection: (s: SectionKey) => void; reveal: RevealRequest | null }) {
  const { t } = useTranslation();
  const schema = useMemo(() => sectionSchema(section), [section]);
  const [markerCounts, setMarkerCounts] = useState<Partial<Record<SectionKey, number>>>({});
  const broken = new Set(draft.parseProblems.map((p) => p.section));
  return (
    <div className="sections-tab">
      <nav className="section-tabs" aria-label={t('workspace.sections')}>
        {SECTIONS.map((s) => (
          <button key={s} type="button" className={s === section ? 'on' : ''} onClick={() => onSection(s)} data-section={s}>
            {t(`section.${s}`)}
            {(broken.has(s) || (markerCounts[s] ?? 0) > 0) && <span className="dot-red" aria-label={t('problems.title')} />}
          </button>
        ))}
      </nav>
      <JsonEditor
        fileName={sectionFileName(section)}
        value={draft.texts[section]}
        onChange={(text) => draft.setText(section, text)}
        schema={schema}
        reveal={reveal}
        readOnly={!draft.editable}
        height="auto"
        onErrorCount={(n) => setMarkerCounts((m) => (m[section] === n ? m : { ...m, [section]: n }))}
      />
    </div>
  );
}
