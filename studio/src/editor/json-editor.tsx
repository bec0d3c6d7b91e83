/**
 * A monaco JSON editor bound to one named model, with a JSON Schema attached for as-you-type
 * diagnostics. Loaded lazily (see lazy-editors.tsx): importing this module pulls in monaco.
 */
import { useEffect, useRef } from 'react';
import Editor, { type OnMount } from '@monaco-editor/react';
import { attachSchema, modelPath, type monaco } from './monaco-setup';

export interface RevealRequest {
  offset: number;
  length: number;
  /** Changes on every request, so revealing the same place twice still scrolls. */
  nonce: number;
}

export interface JsonEditorProps {
  /** Unique per editor, e.g. `config-rules.json`; names the model and the schema association. */
  fileName: string;
  value: string;
  onChange?: (text: string) => void;
  schema?: Record<string, unknown>;
  reveal?: RevealRequest | null;
  readOnly?: boolean;
  height?: string | number;
  /** Number of error markers monaco currently shows (schema and syntax). */
  onErrorCount?: (count: number) => void;
}

type CodeEditor = monaco.editor.IStandaloneCodeEditor;

export default function JsonEditor({ fileName, value, onChange, schema, reveal, readOnly, height = '100%', onErrorCount }: JsonEditorProps) {
  const editorRef = useRef<CodeEditor | null>(null);
  if (schema) attachSchema(fileName, schema);

  const onMount: OnMount = (editor) => {
    editorRef.current = editor as unknown as CodeEditor;
    if (reveal) revealAt(editorRef.current, reveal);
  };

  useEffect(() => {
    if (reveal && editorRef.current) revealAt(editorRef.current, reveal);
  }, [reveal]);

  return (
    <div className="json-editor" data-file={fileName} style={{ height }}>
      <Editor
        path={modelPath(fileName)}
        language="json"
        value={value}
        onChange={(text) => onChange?.(text ?? '')}
        onMount={onMount}
        onValidate={(markers) => onErrorCount?.(markers.filter((m) => m.severity >= 8).length)}
        options={{
          readOnly,
          minimap: { enabled: false },
          fontSize: 13,
          tabSize: 2,
          automaticLayout: true,
          scrollBeyondLastLine: false,
          wordWrap: 'on',
          renderValidationDecorations: 'on',
          fixedOverflowWidgets: true,
        }}
      />
    </div>
  );
}

function revealAt(editor: CodeEditor, request: RevealRequest): void {
  const model = editor.getModel();
  if (!model) return;
  const start = model.getPositionAt(request.offset);
  const end = model.getPositionAt(request.offset + Math.max(request.length, 0));
  const range = { startLineNumber: start.lineNumber, startColumn: start.column, endLineNumber: end.lineNumber, endColumn: end.column };
  editor.revealRangeInCenter(range);
  editor.setSelection(range);
  editor.focus();
}
