/**
 * Open311 errors. The spec fixes the HTTP status: 404 for a resource that does not exist, 403 for
 * a missing or invalid api_key, 400 for everything else; the body lists one or more
 * `{code, description}`, and its `code` may be more specific than the status (we put the HTTP
 * status the rest of pingtai would have used there, e.g. 413, 429, 500, 503). So too many POSTs
 * answer 400 with code 429 in the body, keeping the Retry-After and RateLimit headers: clients
 * written to the spec know only 400, 403 and 404.
 */
import { HttpError } from '../http/errors';
import { toHttpError } from '../http/error-handler';

export interface Open311ErrorItem {
  code: number;
  description: string;
}

export const OPEN311_STATUS = { badRequest: 400, forbidden: 403, notFound: 404 } as const;
export type Open311Status = (typeof OPEN311_STATUS)[keyof typeof OPEN311_STATUS];

export class Open311Error extends Error {
  override name = 'Open311Error';
  constructor(
    readonly status: Open311Status,
    readonly errors: readonly Open311ErrorItem[],
    readonly headers: Readonly<Record<string, string>> = {},
    options?: { cause?: unknown },
  ) {
    super(errors.map((e) => e.description).join('; '), options);
  }

  static notFound(description: string): Open311Error {
    return new Open311Error(404, [{ code: 404, description }]);
  }

  static forbidden(description: string): Open311Error {
    return new Open311Error(403, [{ code: 403, description }]);
  }

  static badRequest(description: string, code = 400): Open311Error {
    return new Open311Error(400, [{ code, description }]);
  }

  /** Too many requests from one client: HTTP 400 as the spec wants, the body's code 429. */
  static tooManyRequests(description: string): Open311Error {
    return new Open311Error(400, [{ code: 429, description }]);
  }

  /** Several problems with the request at once (each form field that failed, say). */
  static invalid(errors: readonly Open311ErrorItem[]): Open311Error {
    return new Open311Error(400, errors);
  }
}

/**
 * Any error thrown while serving an Open311 request, as an Open311 error. Internal faults keep
 * their real code (500, 503) in the body but answer 400 as the spec says, with no detail.
 */
export function open311ErrorOf(err: unknown): Open311Error {
  if (err instanceof Open311Error) return err;
  // body-parser's own client errors (too many parameters, ...) that the API's mapping does not name.
  const status = (err as { status?: unknown; expose?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500 && (err as { expose?: unknown }).expose === true && !(err instanceof HttpError)) {
    const known = toHttpError(err);
    if (known.status < 500) return new Open311Error(400, [{ code: known.status, description: known.message }], known.headers, { cause: err });
    return new Open311Error(400, [{ code: status, description: String((err as Error).message) }], {}, { cause: err });
  }
  const http: HttpError = toHttpError(err);
  if (http.status === 404) return new Open311Error(404, [{ code: 404, description: http.message }], http.headers, { cause: err });
  if (http.status >= 500) {
    const description = http.status === 503 ? 'the service is temporarily unavailable; retry later' : 'internal error; please retry, and tell the county if it persists';
    return new Open311Error(400, [{ code: http.status, description }], http.headers, { cause: http.cause ?? err });
  }
  return new Open311Error(400, [{ code: http.status, description: http.message }], http.headers, { cause: err });
}
