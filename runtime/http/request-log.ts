/**
 * Structured request logs with pino: one line per finished request (method, URL, status,
 * duration, request id) at info, warn for 4xx and error for 5xx, and a `req.log` child logger
 * for handlers that have more to say. The request id comes from a well-formed `X-Request-Id`
 * header or is made here, and is sent back in `X-Request-Id`.
 *
 * Kept to what the runtime needs: the child logger is made only when a handler asks for it, and
 * nothing is serialised for a line the logger's level would drop.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';

declare module 'node:http' {
  interface IncomingMessage {
    /** The request's id (also in the `X-Request-Id` response header). */
    id: string;
    /** A logger that adds the request id to every line. */
    log: Logger;
  }
}

const REQUEST_ID = /^[\w.-]{1,64}$/;

/** Gives the request its id and `req.log`, and logs it when it ends (unless its path is quiet). */
export function beginRequestLog(logger: Logger, req: IncomingMessage, res: ServerResponse, quiet?: ReadonlySet<string>): void {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  req.id = id;
  let child: Logger | undefined;
  Object.defineProperty(req, 'log', { configurable: true, enumerable: false, get: () => (child ??= logger.child({ reqId: id })) });
  const url = req.url ?? '';
  if (quiet?.has(url)) return;
  const started = performance.now();
  const method = req.method;
  const done = (aborted: boolean) => {
    const status = res.statusCode;
    const level = aborted || status >= 400 ? (status >= 500 ? 'error' : 'warn') : 'info';
    if (!logger.isLevelEnabled(level)) return;
    logger[level](
      { reqId: id, req: { method, url }, res: { statusCode: status }, responseTime: Math.round(performance.now() - started) },
      aborted ? 'request aborted' : 'request completed',
    );
  };
  res.once('finish', () => done(false));
  res.once('close', () => {
    if (!res.writableFinished) done(true);
  });
}

export function requestLog(logger: Logger, opts: { quiet: ReadonlySet<string> }): RequestHandler {
  return (req, res, next) => {
    beginRequestLog(logger, req, res, opts.quiet);
    next();
  };
}
