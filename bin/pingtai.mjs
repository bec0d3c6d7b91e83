#!/usr/bin/env node
// Entry point of the `pingtai` command: the bundled command line when it is up to date with its
// sources (bin/cli-bundle.mjs), else the TypeScript sources through tsx.
import { pathToFileURL } from 'node:url';
import { freshBundle } from './cli-bundle.mjs';

const bundle = freshBundle();
if (bundle) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../runtime/cli/main.ts');
}
