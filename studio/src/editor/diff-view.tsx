/**
 * monaco's side-by-side diff editor over two JSON texts (lazy, like json-editor.tsx). It opens at
 * the first change, and scrolls the newer text to an offset when asked (a summary line clicked).
 */
import { useEffect, useRef } from 'react';
import { DiffEditor, type DiffOnMount } from '@monaco-editor/react';
import type { RevealRequest } from './json-editor';
import { modelPath, type monaco } from './monaco-setup';

export interface DiffViewProps {
  original: string;
  modified: string;
  height?: string | number;
  reveal?: RevealRequest | null;
}

export default function DiffView({ original, modified, height = '100%', reveal }: DiffViewProps) {
  const editorRef = useRef<monaco.editor.IStandaloneDiffEditor | null>(null);
  const onMount: DiffOnMount = (editor) => {
    editorRef.current = editor;
    let opened = false;
    // the diff is computed after mount: the first result opens the view at the first change
    const subscription = editor.onDidUpdateDiff(() => {
      if (opened) return;
      const first = editor.getLineChanges()?.[0];
      if (!first) return;
      opened = true;
      const line = Math.max(first.modifiedStartLineNumber, 1);
      editor.getModifiedEditor().revealLineInCenter(line);
      editor.getModifiedEditor().setPosition({ lineNumber: line, column: 1 });
      subscription.dispose();
    });
  };
  useEffect(() => {
    const editor = editorRef.current?.getModifiedEditor();
    const model = editor?.getModel();
    if (!editor || !model || !reveal) return;
    const start = model.getPositionAt(reveal.offset);
    const end = model.getPositionAt(reveal.offset + Math.max(reveal.length, 0));
    const range = { startLineNumber: start.lineNumber, startColumn: start.column, endLineNumber: end.lineNumber, endColumn: end.column };
    editor.revealRangeInCenter(range);
    editor.setSelection(range);
  }, [reveal]);
  return (
    <div className="diff-view" style={{ height }}>
      <DiffEditor
        original={original}
        modified={modified}
        language="json"
        originalModelPath={modelPath('diff-original.json')}
        modifiedModelPath={modelPath('diff-modified.json')}
        onMount={onMount}
        options={{ readOnly: true, renderSideBySide: true, minimap: { enabled: false }, automaticLayout: true, scrollBeyondLastLine: false, fontSize: 13 }}
      />
    </div>
  );
}
