/**
 * The one place where errors become HTTP responses: typed errors map to a status and the body
 * `{ error: { code, message, field?, issues? } }`. Unknown errors are our bug: 500 with a generic
 * message (the details go to the log with the request id, never to the client).
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { ConnectionError, TimeoutError } from 'sequelize';
import { WorkflowError, type WorkflowErrorCode } from '../../engine/workflow/transition';
import { loggableError } from '../loggable-error';
import { BadRequestError, HttpError, NotFoundError, PayloadTooLargeError, UnsupportedMediaTypeError } from './errors';

const WORKFLOW_STATUS: Record<WorkflowErrorCode, number> = {
  'unknown-action': 422,
  'missing-input': 422,
  'transition-not-allowed': 409,
  'terminal-state': 409,
  'role-not-allowed': 403,
  'unit-not-allowed': 403,
  'unknown-unit': 422,
};

/** body-parser's errors carry a `type`; turn them into our typed errors. */
function fromBodyParser(err: { type?: unknown; status?: unknown; message?: string; limit?: unknown }): HttpError | null {
  switch (err.type) {
    case 'entity.parse.failed':
      return new BadRequestError('malformed-json', `the request body is not valid JSON: ${String(err.message).slice(0, 200)}`, { field: 'body' });
    case 'entity.too.large':
      return new PayloadTooLargeError(`the request body exceeds the limit of ${String(err.limit)} bytes`, { field: 'body', headers: { Connection: 'close' } });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new UnsupportedMediaTypeError(String(err.message));
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
    case 'entity.verify.failed':
      return new BadRequestError('bad-body', String(err.message), { field: 'body' });
    default:
      return null;
  }
}

export function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  if (err instanceof WorkflowError) {
    return new HttpError(WORKFLOW_STATUS[err.code] ?? 409, err.code, err.message, { cause: err });
  }
  if (typeof err === 'object' && err !== null && 'type' in err) {
    const mapped = fromBodyParser(err as { type?: unknown });
    if (mapped) return mapped;
  }
  // a path segment that does not decode (`%ZZ`): the router marks it 400
  if (err instanceof URIError) return new BadRequestError('bad-path', 'the request path is not valid percent-encoding', { field: 'path', cause: err });
  // other client errors of the HTTP layers (a body that does not match its Content-Encoding, ...)
  const status = (err as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new HttpError(status, 'bad-request', `the request could not be read: ${String((err as Error).message).slice(0, 200)}`, { field: 'body', cause: err });
  }
  if (err instanceof ConnectionError || err instanceof TimeoutError) {
    return new HttpError(503, 'database-unavailable', 'the database is unavailable; retry later', { cause: err, headers: { 'Retry-After': '5' } });
  }
  return new HttpError(500, 'internal', 'internal error', { cause: err });
}

/** The status, headers and JSON body that answer `err` (a 5xx is logged with the request's logger). */
export function errorAnswer(err: unknown, log: Logger | undefined): { status: number; headers: Record<string, string>; body: { error: Record<string, unknown> } } {
  const httpError = toHttpError(err);
  if (httpError.status >= 500) {
    const cause = httpError.cause ?? err;
    // never the statement or the database's detail: they can hold the request's data
    log?.error({ err: loggableError(cause) }, 'request failed');
  }
  const body: Record<string, unknown> = { ...httpError.details, code: httpError.code, message: httpError.message };
  if (httpError.field !== undefined) body.field = httpError.field;
  if (httpError.issues !== undefined) body.issues = httpError.issues;
  return { status: httpError.status, headers: { ...(httpError.headers ?? {}) }, body: { error: body } };
}

export function errorHandler(): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const answer = errorAnswer(err, req.log);
    res.status(answer.status).set(answer.headers).json(answer.body);
  };
}

/** The last handler: an unknown path or method is a JSON 404, like everything else. */
export function notFoundHandler(): RequestHandler {
  return (req, _res, next) => next(new NotFoundError(`no route for ${req.method} ${req.path}`));
}
