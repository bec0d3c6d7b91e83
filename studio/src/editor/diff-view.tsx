/** monaco's side-by-side diff editor over two JSON texts (lazy, like json-editor.tsx). */
import { DiffEditor } from '@monaco-editor/react';
import { modelPath } from './monaco-setup';

export default function DiffView({ original, modified, height = '100%' }: { original: string; modified: string; height?: string | number }) {
  return (
    <div className="diff-view" style={{ height }}>
      <DiffEditor
        original={original}
        modified={modified}
        language="json"
        originalModelPath={modelPath('diff-original.json')}
        modifiedModelPath={modelPath('diff-modified.json')}
        options={{ readOnly: true, renderSideBySide: true, minimap: { enabled: false }, automaticLayout: true, scrollBeyondLastLine: false, fontSize: 13 }}
      />
    </div>
  );
}
