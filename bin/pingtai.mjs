#!/usr/bin/env node
// Entry point of the `pingtai` command: loads the TypeScript sources through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../runtime/cli/main.ts');
