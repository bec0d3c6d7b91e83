/**
 * A config version loaded for editing: the section texts (what the editors show), the parsed
 * document, the compile result of the whole draft (debounced, in the page, with the engine the
 * runtime uses), and saving back with PUT.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { compile, type CompiledConfig, type Issue, type Result } from '../../../engine/index';
import type { ConfigVersionDetail } from '../api/types';
import { useSession } from '../session/session-context';
import { useDebounced } from '../util/use-debounced';
import { joinSections, pretty, splitDocument, type ParseProblem, type SectionKey, type SectionTexts } from './sections';

export interface Draft {
  version: number;
  status: string;
  active: boolean;
  editable: boolean;
  texts: SectionTexts;
  dirty: boolean;
  document: Record<string, unknown> | null;
  values: Partial<Record<SectionKey, unknown>>;
  parseProblems: ParseProblem[];
  compiled: Result<CompiledConfig> | null;
  compiling: boolean;
  /** The compile result of the draft as it is now, compiling at once if the debounced one lags. */
  compileNow: () => Result<CompiledConfig> | null;
  setText: (section: SectionKey, text: string) => void;
  setValue: (section: SectionKey, value: unknown) => void;
  save: () => Promise<Issue[]>;
  reload: () => void;
}

export function useDraft(version: number): { draft: Draft | null; error: string | null } {
  const { api, me } = useSession();
  const [detail, setDetail] = useState<ConfigVersionDetail | null>(null);
  const [texts, setTexts] = useState<SectionTexts | null>(null);
  const [saved, setSaved] = useState<SectionTexts | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    api.getConfig(me.county, version).then(
      (d) => {
        if (!live) return;
        const split = splitDocument(d.document as unknown as Record<string, unknown>);
        setDetail(d);
        setTexts(split);
        setSaved(split);
      },
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [api, me.county, version, generation]);

  const joined = useMemo(() => (texts ? joinSections(texts) : null), [texts]);
  const settledDocument = useDebounced(joined?.document ?? null, 350);
  const compiled = useMemo(() => safeCompile(settledDocument), [settledDocument]);
  const latest = joined?.document ?? null;
  const compileNow = useCallback(() => (latest === settledDocument ? compiled : safeCompile(latest)), [latest, settledDocument, compiled]);

  const setText = useCallback((section: SectionKey, text: string) => setTexts((t) => (t && t[section] !== text ? { ...t, [section]: text } : t)), []);
  const setValue = useCallback((section: SectionKey, value: unknown) => setText(section, pretty(value)), [setText]);

  const save = useCallback(async () => {
    if (!texts || !joined?.document) throw new Error('the draft has JSON syntax errors');
    const result = await api.saveDraft(me.county, version, joined.document);
    setSaved(texts);
    return result.issues ?? [];
  }, [api, me.county, version, texts, joined]);

  if (error) return { draft: null, error };
  if (!detail || !texts || !joined) return { draft: null, error: null };
  const dirty = saved !== texts && JSON.stringify(saved) !== JSON.stringify(texts);
  return {
    error: null,
    draft: {
      version,
      status: detail.status,
      active: detail.active,
      editable: detail.status === 'draft',
      texts,
      dirty,
      document: joined.document,
      values: joined.values,
      parseProblems: joined.problems,
      compiled,
      compiling: joined.document !== settledDocument,
      compileNow,
      setText,
      setValue,
      save,
      reload: () => setGeneration((g) => g + 1),
    },
  };
}

function safeCompile(document: Record<string, unknown> | null): Result<CompiledConfig> | null {
  if (!document) return null;
  try {
    return compile(document);
  } catch (e) {
    return { ok: false, issues: [{ code: 'compile-crashed', pointer: '', message: (e as Error).message }] };
  }
}
