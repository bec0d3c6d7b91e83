/**
 * The studio's build: a Vite app rooted at studio/, built to studio/dist (served by the runtime
 * at `/`). Everything is bundled — monaco, its workers and fonts — so the page never fetches
 * from another origin. Monaco is split into lazy chunks by the dynamic imports in
 * studio/src/editor/; pages are lazy chunks, so the first one holds react, antd's provider and i18next only.
 */
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';

const runtime = 'http://127.0.0.1:3000';
const REFERENCE_ONLY = /node_modules\/(json-rules-engine|jsonpath-plus|eventemitter2|hash-it|clone)\//;

export default defineConfig({
  root: 'studio',
  base: '/',
  plugins: [react()],
  // report forms keep markdown off: rjsf's own messages need plain text only (see plain-markdown.tsx)
  resolve: { alias: [{ find: /^markdown-to-jsx\/react$/, replacement: fileURLToPath(new URL('studio/src/forms/plain-markdown.tsx', import.meta.url)) }] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    assetsInlineLimit: 0,
    rolldownOptions: {
      // The engine's index also exports decideReference (json-rules-engine, the reference
      // semantics), which the studio never calls. Those packages have no import-time side
      // effects, so declaring it lets the unused reference path drop out of the initial chunk.
      treeshake: { moduleSideEffects: (id: string) => !REFERENCE_ONLY.test(id) },
      // i18next is shared by the first page and the lazy ones, the engine (with typebox and re2js)
      // by the authoring and operations pages only: in chunks of their own, the engine stays out
      // of what sign-in and the report page load
      output: {
        codeSplitting: {
          groups: [
            { name: 'i18n', test: /node_modules[\\/](i18next|react-i18next|use-sync-external-store)[\\/]/ },
            // ajv also serves rjsf's validator on the report page, which needs no engine
            { name: 'ajv', test: /node_modules[\\/](ajv|ajv-formats|fast-uri|json-schema-traverse|fast-deep-equal)[\\/]/ },
            // the grid locator (with flatbush) also serves the report page's "use my location",
            // loaded on its first press: in a chunk of its own, not with the whole engine
            { name: 'grid-locator', test: /([\\/]engine[\\/]geography[\\/](grid-locator|ring-crossing)\.ts$)|(node_modules[\\/](flatbush|flatqueue)[\\/])/, priority: 1 },
            { name: 'engine', test: /([\\/]engine[\\/])|(node_modules[\\/](typebox|re2js)[\\/])/ },
            // antd's inputs, buttons and their plumbing, which the report page and most other pages
            // use: one chunk, so that pages loading in another order do not cut them into many
            // small ones (each gzipped on its own, and more of them for the phone to fetch)
            { name: 'antd-core', test: /node_modules[\\/](antd[\\/]es[\\/](button|input|checkbox|radio|space|tooltip|_util|style|theme|wave|grid|form|select|empty|locale|alert|input-number)[\\/]|@rc-component[\\/](util|motion|trigger|resize-observer|input|input-number|mini-decimal|checkbox|tooltip|portal|select|virtual-list|overflow|form|async-validator)[\\/]|@ant-design[\\/](icons|colors|fast-color|cssinjs-utils)[\\/])/ },
          ],
        },
      },
    },
  },
  worker: { format: 'es' },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: { '/api': runtime, '/open311': runtime },
  },
});
