/**
 * Monaco, bundled (never a CDN): the slim editor API, the features the studio uses, the JSON
 * language with schema diagnostics, and both workers as Vite worker chunks. This module is only
 * reached through dynamic imports, so monaco stays out of the initial page load.
 */
import * as monaco from 'monaco-editor/editor';
// Every editor feature: a hand-picked subset leaves services unregistered that others need.
import 'monaco-editor/features/register.all';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';
import { loader } from '@monaco-editor/react';

(self as unknown as { MonacoEnvironment: { getWorker(id: string, label: string): Worker } }).MonacoEnvironment = {
  getWorker(_id, label) {
    return label === 'json' ? new JsonWorker() : new EditorWorker();
  },
};

// The React wrapper would otherwise fetch monaco from a CDN.
loader.config({ monaco });

const schemas = new Map<string, { uri: string; fileMatch: string[]; schema: Record<string, unknown> }>();

function applySchemas(): void {
  jsonDefaults.setDiagnosticsOptions({
    validate: true,
    allowComments: false,
    enableSchemaRequest: false,
    schemaValidation: 'error',
    schemaRequest: 'ignore',
    trailingCommas: 'error',
    comments: 'error',
    schemas: [...schemas.values()],
  });
}

/** The model path of an editor file: every studio editor has its own model. */
export function modelPath(fileName: string): string {
  return `inmemory://pingtai/${fileName}`;
}

/**
 * Attaches a JSON Schema to the model named `fileName` (see `modelPath`), e.g. `config-rules.json`.
 * The schema's own `$ref`s (`#/$defs/...`) resolve inside it. Re-attaching replaces it.
 */
export function attachSchema(fileName: string, schema: Record<string, unknown>): void {
  const current = schemas.get(fileName);
  if (current && JSON.stringify(current.schema) === JSON.stringify(schema)) return;
  schemas.set(fileName, { uri: `https://pingtai.local/schema/${fileName}`, fileMatch: [fileName], schema });
  applySchemas();
}

applySchemas();

export { monaco };
