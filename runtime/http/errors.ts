/**
 * Typed HTTP errors: each has a stable machine `code` and a status, and becomes the JSON body
 * `{ error: { code, message, field?, issues? } }` in exactly one place (the error middleware).
 * Throw them from routes and services; never write error responses by hand.
 */
import type { Issue } from '../../engine/types';

export interface HttpErrorOptions {
  /** The request field at fault, e.g. `category` or `body.data.location`. */
  field?: string;
  /** Problems in submitted data, each with a JSON Pointer (from engine validation). */
  issues?: Issue[];
  /** Extra response headers, e.g. `Retry-After`. */
  headers?: Record<string, string>;
  /** Further fields of the error body, e.g. the failing config tests. */
  details?: Record<string, unknown>;
  cause?: unknown;
}

export class HttpError extends Error {
  override name = 'HttpError';
  readonly status: number;
  readonly code: string;
  readonly field?: string;
  readonly issues?: Issue[];
  readonly headers?: Record<string, string>;
  readonly details?: Record<string, unknown>;

  constructor(status: number, code: string, message: string, opts: HttpErrorOptions = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.status = status;
    this.code = code;
    this.field = opts.field;
    this.issues = opts.issues;
    this.headers = opts.headers;
    this.details = opts.details;
  }
}

/** 400: the request is malformed (bad JSON, wrong shape, forbidden keys). */
export class BadRequestError extends HttpError {
  override name = 'BadRequestError';
  constructor(code: string, message: string, opts?: HttpErrorOptions) {
    super(400, code, message, opts);
  }
}

/** 401: no credentials, or credentials that do not identify anyone. */
export class UnauthorizedError extends HttpError {
  override name = 'UnauthorizedError';
  constructor(message = 'a valid bearer token is required', opts?: HttpErrorOptions) {
    super(401, 'unauthorized', message, { ...opts, headers: { 'WWW-Authenticate': 'Bearer realm="pingtai"', ...opts?.headers } });
  }
}

/** 403: the caller is known but may not do this. */
export class ForbiddenError extends HttpError {
  override name = 'ForbiddenError';
  constructor(code: string, message: string, opts?: HttpErrorOptions) {
    super(403, code, message, opts);
  }
}

/** 404: no such resource — also what another county's resources look like to the caller. */
export class NotFoundError extends HttpError {
  override name = 'NotFoundError';
  constructor(message = 'not found', opts?: HttpErrorOptions) {
    super(404, 'not-found', message, opts);
  }
}

/** 409: the request conflicts with the current state (stale version, transition not allowed now). */
export class ConflictError extends HttpError {
  override name = 'ConflictError';
  constructor(code: string, message: string, opts?: HttpErrorOptions) {
    super(409, code, message, opts);
  }
}

/** 413: the body exceeds the limit. */
export class PayloadTooLargeError extends HttpError {
  override name = 'PayloadTooLargeError';
  constructor(message: string, opts?: HttpErrorOptions) {
    super(413, 'payload-too-large', message, opts);
  }
}

/** 415: the body is not JSON. */
export class UnsupportedMediaTypeError extends HttpError {
  override name = 'UnsupportedMediaTypeError';
  constructor(message = 'the request body must be JSON (Content-Type: application/json)', opts?: HttpErrorOptions) {
    super(415, 'unsupported-media-type', message, opts);
  }
}

/** 422: well-formed but invalid data (a report failing its form, a missing transition input). */
export class UnprocessableError extends HttpError {
  override name = 'UnprocessableError';
  constructor(code: string, message: string, opts?: HttpErrorOptions) {
    super(422, code, message, opts);
  }
}

/** 503: a dependency (the database) is unavailable; retry later. */
export class ServiceUnavailableError extends HttpError {
  override name = 'ServiceUnavailableError';
  constructor(code: string, message: string, opts?: HttpErrorOptions) {
    super(503, code, message, opts);
  }
}
