/**
 * The only doors to monaco from the rest of the studio: React.lazy components whose chunks load
 * the first time an editor is shown. Nothing else may import ./monaco-setup statically.
 */
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiffViewProps } from './diff-view';
import type { JsonEditorProps } from './json-editor';

const LazyJsonEditor = lazy(() => import('./json-editor'));
const LazyDiffView = lazy(() => import('./diff-view'));

function EditorLoading() {
  const { t } = useTranslation();
  return <div className="editor-loading">{t('editor.loading')}</div>;
}

export function JsonEditor(props: JsonEditorProps) {
  return (
    <Suspense fallback={<EditorLoading />}>
      <LazyJsonEditor {...props} />
    </Suspense>
  );
}

export function DiffView(props: DiffViewProps) {
  return (
    <Suspense fallback={<EditorLoading />}>
      <LazyDiffView {...props} />
    </Suspense>
  );
}

export type { JsonEditorProps };
export type { RevealRequest } from './json-editor';
