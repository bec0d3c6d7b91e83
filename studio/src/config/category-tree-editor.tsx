/**
 * The category tree as a tree, not text: add a major or minor category (optionally with a new
 * form composing the base fields), rename, change form/platform/level, move a minor category
 * between majors, delete.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PLATFORMS, type Form, type MajorCategory } from '../../../engine/index';
import { useLabel } from '../i18n/use-label';
import { addMajor, categoryCodeProblem, moveMinor, removeMinor, renameMajor, renameMinor, updateMinor } from './category-edits';
import { AddMinorForm } from './add-minor-form';
import { NameFields } from './name-fields';
import { LevelOptions } from './level-label';
import type { Draft } from './use-draft';

export function CategoryTreeEditor({ draft }: { draft: Draft }) {
  const { t } = useTranslation();
  const label = useLabel();
  const tree = draft.values.categories as MajorCategory[] | undefined;
  const forms = (draft.values.forms as Form[] | undefined) ?? [];
  const [renaming, setRenaming] = useState<{ code: string; zh: string; en: string; major: boolean } | null>(null);
  const [addingTo, setAddingTo] = useState<string | null>(null);
  const [newMajor, setNewMajor] = useState<{ code: string; zh: string; en: string } | null>(null);
  if (!Array.isArray(tree)) return <p className="notice notice-error">{t('tree.fixJson', { section: t('section.categories') })}</p>;
  const readOnly = !draft.editable;
  const set = (next: MajorCategory[]) => draft.setValue('categories', next);
  const majorProblem = newMajor ? categoryCodeProblem(tree, newMajor.code) : null;

  return (
    <div className="tree-editor category-tree">
      <p className="muted">{t('tree.categoriesIntro')}</p>
      {tree.map((major) => (
        <section key={major.code} className="tree-major" data-major={major.code}>
          <header>
            <code>{major.code}</code>
            {renaming?.code === major.code && renaming.major ? (
              <RenameRow value={renaming} onChange={(v) => setRenaming({ ...renaming, ...v })} onDone={() => (set(renameMajor(tree, major.code, { zh: renaming.zh, en: renaming.en })), setRenaming(null))} onCancel={() => setRenaming(null)} />
            ) : (
              <>
                <strong>{label(major.name, major.code)}</strong>
                {!readOnly && <button type="button" className="link-button" onClick={() => setRenaming({ code: major.code, major: true, ...major.name })}>{t('tree.rename')}</button>}
              </>
            )}
            <span className="muted">{t('tree.minorCount', { count: major.children.length })}</span>
          </header>
          <table className="tree-table">
            <thead>
              <tr>
                <th>{t('tree.code')}</th>
                <th>{t('tree.name')}</th>
                <th>{t('tree.form')}</th>
                <th>{t('tree.platform')}</th>
                <th>{t('tree.level')}</th>
                <th>{t('tree.moveTo')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {major.children.map((minor) => (
                <tr key={minor.code} data-minor={minor.code}>
                  <td><code>{minor.code}</code></td>
                  <td>
                    {renaming?.code === minor.code && !renaming.major ? (
                      <RenameRow value={renaming} onChange={(v) => setRenaming({ ...renaming, ...v })} onDone={() => (set(renameMinor(tree, minor.code, { zh: renaming.zh, en: renaming.en })), setRenaming(null))} onCancel={() => setRenaming(null)} />
                    ) : (
                      <>
                        {label(minor.name, minor.code)}{' '}
                        {!readOnly && <button type="button" className="link-button" onClick={() => setRenaming({ code: minor.code, major: false, ...minor.name })}>{t('tree.rename')}</button>}
                      </>
                    )}
                  </td>
                  <td>
                    <select value={minor.form} disabled={readOnly} onChange={(e) => set(updateMinor(tree, minor.code, { form: e.target.value }))}>
                      {!forms.some((f) => f.id === minor.form) && <option value={minor.form}>{minor.form} ⚠</option>}
                      {forms.map((f) => <option key={f.id} value={f.id}>{label(f.name, f.id)} ({f.id})</option>)}
                    </select>
                  </td>
                  <td>
                    <select value={minor.platform} disabled={readOnly} onChange={(e) => set(updateMinor(tree, minor.code, { platform: e.target.value as MajorCategory['children'][number]['platform'] }))}>
                      {PLATFORMS.map((p) => <option key={p} value={p}>{t(`platform.${p}`)}</option>)}
                    </select>
                  </td>
                  <td>
                    <select value={minor.level} data-field="level" disabled={readOnly} onChange={(e) => set(updateMinor(tree, minor.code, { level: Number(e.target.value) }))}>
                      <LevelOptions config={{ levels: draft.values.levels }} />
                    </select>
                  </td>
                  <td>
                    <select value={major.code} disabled={readOnly} aria-label={t('tree.moveTo')} onChange={(e) => set(moveMinor(tree, minor.code, e.target.value))}>
                      {tree.map((m) => <option key={m.code} value={m.code}>{m.code} {label(m.name)}</option>)}
                    </select>
                  </td>
                  <td>{!readOnly && <button type="button" className="link-button danger" onClick={() => set(removeMinor(tree, minor.code))}>{t('common.delete')}</button>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {!readOnly &&
            (addingTo === major.code ? (
              <AddMinorForm draft={draft} majorCode={major.code} onDone={() => setAddingTo(null)} />
            ) : (
              <button type="button" onClick={() => setAddingTo(major.code)} data-action="add-minor">+ {t('tree.addMinor')}</button>
            ))}
        </section>
      ))}
      {!readOnly &&
        (newMajor ? (
          <div className="inline-form">
            <label className="field inline"><span>{t('tree.code')}</span><input name="major-code" value={newMajor.code} onChange={(e) => setNewMajor({ ...newMajor, code: e.target.value })} /></label>
            <NameFields prefix="major" value={newMajor} onChange={(v) => setNewMajor({ ...newMajor, ...v })} />
            {majorProblem && <span className="error-text" data-testid="major-code-problem">{t(majorProblem === 'taken' ? 'tree.codeTaken' : 'tree.codeMalformed')}</span>}
            <button type="button" className="primary" disabled={!newMajor.code || !newMajor.zh || !newMajor.en || majorProblem !== null} onClick={() => (set(addMajor(tree, { code: newMajor.code, name: { zh: newMajor.zh, en: newMajor.en } })), setNewMajor(null))}>{t('common.add')}</button>
            <button type="button" onClick={() => setNewMajor(null)}>{t('common.cancel')}</button>
          </div>
        ) : (
          <button type="button" onClick={() => setNewMajor({ code: '', zh: '', en: '' })}>+ {t('tree.addMajor')}</button>
        ))}
    </div>
  );
}

function RenameRow({ value, onChange, onDone, onCancel }: { value: { zh: string; en: string }; onChange: (v: { zh: string; en: string }) => void; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <span className="inline-form">
      <NameFields prefix="rename" value={value} onChange={onChange} />
      <button type="button" className="primary" disabled={!value.zh || !value.en} onClick={onDone}>{t('common.ok')}</button>
      <button type="button" onClick={onCancel}>{t('common.cancel')}</button>
    </span>
  );
}
