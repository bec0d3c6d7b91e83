/**
 * JSON request bodies: an explicit size limit, objects and arrays only, and a structural check
 * after parsing. V8 parses JSON 100,000 levels deep without complaint, but the code downstream
 * (form validation, rule facts, serialisers) recurses, and keys such as `__proto__` turn into
 * prototype pollution the moment anyone merges the object. So depth and key names are checked
 * here, once, for every route.
 */
import type { IncomingMessage } from 'node:http';
import express, { type RequestHandler } from 'express';
import { BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from './errors';

export const JSON_BODY_LIMIT = '1mb';
const JSON_BODY_LIMIT_BYTES = 1024 * 1024;
/** Deeper than any form needs (a form field nests a few levels); far below recursion trouble. */
export const MAX_JSON_DEPTH = 32;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const JSON_TYPES = ['application/json', 'application/*+json'];

interface Visit {
  value: unknown;
  depth: number;
  parent: Visit | null;
  key: string;
}

/** The JSON pointer of a visited value, built only for an error message. */
function pointerOf(visit: Visit): string {
  const keys: string[] = [];
  for (let v: Visit | null = visit; v && v.parent; v = v.parent) keys.push(v.key.replace(/~/g, '~0').replace(/\//g, '~1'));
  return keys.length === 0 ? '' : `/${keys.reverse().join('/')}`;
}

/** Throws a {@link BadRequestError} when `value` nests deeper than `maxDepth` or has a forbidden key. */
export function checkJsonStructure(value: unknown, maxDepth = MAX_JSON_DEPTH): void {
  const stack: Visit[] = [{ value, depth: 0, parent: null, key: '' }];
  while (stack.length > 0) {
    const item = stack.pop() as Visit;
    if (typeof item.value !== 'object' || item.value === null) continue;
    if (item.depth >= maxDepth) {
      throw new BadRequestError('too-deep', `the request body nests deeper than ${maxDepth} levels`, { field: pointerOf(item) || '/' });
    }
    if (Array.isArray(item.value)) {
      item.value.forEach((v, i) => stack.push({ value: v, depth: item.depth + 1, parent: item, key: String(i) }));
      continue;
    }
    for (const key of Object.keys(item.value)) {
      const child: Visit = { value: (item.value as Record<string, unknown>)[key], depth: item.depth + 1, parent: item, key };
      if (FORBIDDEN_KEYS.has(key)) {
        throw new BadRequestError('forbidden-key', `the key "${key}" is not allowed in a request body`, { field: pointerOf(child) });
      }
      stack.push(child);
    }
  }
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** The parser and its checks, for routers that take JSON. */
export function jsonBody(): RequestHandler[] {
  const parse = express.json({ limit: JSON_BODY_LIMIT, strict: true, type: JSON_TYPES });
  const check: RequestHandler = (req, _res, next) => {
    if (hasBody(req) && req.is(JSON_TYPES) === false) return next(new UnsupportedMediaTypeError());
    if (req.body !== undefined) checkJsonStructure(req.body);
    next();
  };
  return [parse, check];
}

/**
 * Reads and parses a JSON request body with the same rules as {@link jsonBody} (size limit, JSON
 * media types, UTF-8, objects and arrays only, the structural check), for the one route that
 * skips the router's middleware (event intake, see app.ts). Undefined when there is no body.
 */
export function readJsonBody(req: IncomingMessage): Promise<unknown> {
  if (!hasBody(req)) return Promise.resolve(undefined);
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (mediaType !== 'application/json' && !/^application\/[^/]+\+json$/.test(mediaType)) return Promise.reject(new UnsupportedMediaTypeError());
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1];
  if (charset !== undefined && !/^utf-?8$/i.test(charset)) return Promise.reject(new UnsupportedMediaTypeError(`unsupported charset "${charset.toUpperCase()}"`));
  const tooLarge = () => new PayloadTooLargeError(`the request body exceeds the limit of ${JSON_BODY_LIMIT_BYTES} bytes`, { field: 'body', headers: { Connection: 'close' } });
  const declared = Number(req.headers['content-length']);
  if (declared > JSON_BODY_LIMIT_BYTES) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      req.removeListener('data', onData);
      req.pause();
      reject(err);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > JSON_BODY_LIMIT_BYTES) return fail(tooLarge());
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('error', () => fail(new BadRequestError('bad-body', 'the request body could not be read', { field: 'body' })));
    req.once('aborted', () => fail(new BadRequestError('bad-body', 'the request was aborted', { field: 'body' })));
    req.once('end', () => {
      if (settled) return;
      settled = true;
      try {
        const text = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString('utf8');
        if (text.length === 0) return resolve(undefined);
        // strict, as express.json: an object or an array
        const first = /\S/.exec(text)?.[0];
        if (first !== '{' && first !== '[') throw new SyntaxError(`Unexpected token '${first ?? ''}', only an object or an array is accepted`);
        const value: unknown = JSON.parse(text);
        checkJsonStructure(value);
        resolve(value);
      } catch (err) {
        if (err instanceof SyntaxError) reject(new BadRequestError('malformed-json', `the request body is not valid JSON: ${err.message.slice(0, 200)}`, { field: 'body' }));
        else reject(err);
      }
    });
  });
}

/** The request body as an object; 400 naming `body` when it is anything else. */
export function bodyObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new BadRequestError('bad-body', 'the request body must be a JSON object', { field: 'body' });
  return body as Record<string, unknown>;
}
