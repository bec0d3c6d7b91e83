import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PLATFORMS, type Form, type MajorCategory, type Platform } from '../../../engine/index';
import { useLabel } from '../i18n/use-label';
import { navigate, useRoute, withQuery } from '../router/router';
import { addMinor, starterForm, categoryCodeProblem } from './category-edits';
import { NameFields } from './name-fields';
import { LevelOptions } from './level-label';
import type { Draft } from './use-draft';

const NEW_FORM = '__new__';

/** Adds a minor category under a major one, with an existing form or a new one composing `base`. */
export function AddMinorForm({ draft, majorCode, onDone }: { draft: Draft; majorCode: string; onDone: () => void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const route = useRoute();
  const tree = draft.values.categories as MajorCategory[];
  const forms = (draft.values.forms as Form[] | undefined) ?? [];
  const base = forms.find((f) => f.id === 'base')?.id;
  const [code, setCode] = useState('');
  const [name, setName] = useState({ zh: '', en: '' });
  const [form, setForm] = useState(NEW_FORM);
  const [platform, setPlatform] = useState<Platform>('governance');
  const [level, setLevel] = useState(1);
  const newFormId = `f-${code || 'new'}`;
  const problem = categoryCodeProblem(tree, code);

  const add = () => {
    const formId = form === NEW_FORM ? newFormId : form;
    if (form === NEW_FORM && !forms.some((f) => f.id === formId)) draft.setValue('forms', [...forms, starterForm(formId, name, base)]);
    draft.setValue('categories', addMinor(tree, majorCode, { code, name, form: formId, platform, level }));
    onDone();
    // a form just made is the next thing to build: the designer opens on it
    if (form === NEW_FORM) navigate(withQuery(route, { tab: 'forms', form: formId }));
  };

  return (
    <div className="inline-form add-minor" data-testid="add-minor">
      <label className="field inline">
        <span>{t('tree.code')}</span>
        <input name="minor-code" value={code} onChange={(e) => setCode(e.target.value.trim())} />
      </label>
      <NameFields prefix="minor" value={name} onChange={setName} />
      <label className="field inline">
        <span>{t('tree.form')}</span>
        <select name="minor-form" value={form} onChange={(e) => setForm(e.target.value)}>
          <option value={NEW_FORM}>{t('tree.newForm', { id: newFormId })}</option>
          {forms.map((f) => <option key={f.id} value={f.id}>{label(f.name, f.id)} ({f.id})</option>)}
        </select>
      </label>
      <label className="field inline">
        <span>{t('tree.platform')}</span>
        <select name="minor-platform" value={platform} onChange={(e) => setPlatform(e.target.value as Platform)}>
          {PLATFORMS.map((p) => <option key={p} value={p}>{t(`platform.${p}`)}</option>)}
        </select>
      </label>
      <label className="field inline">
        <span>{t('tree.level')}</span>
        <select name="minor-level" value={level} onChange={(e) => setLevel(Number(e.target.value))}>
          <LevelOptions config={{ levels: draft.values.levels }} />
        </select>
      </label>
      {problem && <span className="error-text" data-testid="code-problem">{t(problem === 'taken' ? 'tree.codeTaken' : 'tree.codeMalformed')}</span>}
      <button type="button" className="primary" disabled={!code || !name.zh || !name.en || problem !== null} onClick={add} data-action="confirm-add-minor">
        {t('common.add')}
      </button>
      <button type="button" onClick={onDone}>{t('common.cancel')}</button>
    </div>
  );
}
