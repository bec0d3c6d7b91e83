import type { Issue, TestResult } from '../../../engine/index';

/** A non-2xx answer of the runtime, with the fields of its `{ error: {...} }` body. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { field?: string; issues?: Issue[]; results?: TestResult[] } = {},
  ) {
    super(message);
  }
}
