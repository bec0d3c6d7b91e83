import type { ErrorSchema } from '@rjsf/utils';
import type { Issue } from '../../../engine/index';
import { parsePointer } from '../config/json-pointer-locator';

/** The engine's report issues as rjsf's error schema, so each shows under its field. */
export function issuesToErrorSchema(issues: readonly Issue[]): ErrorSchema {
  const root: Record<string, unknown> = {};
  for (const issue of issues) {
    let node = root;
    for (const segment of parsePointer(issue.pointer)) {
      node[segment] ??= {};
      node = node[segment] as Record<string, unknown>;
    }
    const errors = (node.__errors ??= []) as string[];
    errors.push(issue.message);
  }
  return root as ErrorSchema;
}
