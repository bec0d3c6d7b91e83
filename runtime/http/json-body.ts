/**
 * JSON request bodies: an explicit size limit, objects and arrays only, and a structural check
 * after parsing. V8 parses JSON 100,000 levels deep without complaint, but the code downstream
 * (form validation, rule facts, serialisers) recurses, and keys such as `__proto__` turn into
 * prototype pollution the moment anyone merges the object. So depth and key names are checked
 * here, once, for every route.
 */
import express, { type RequestHandler } from 'express';
import { BadRequestError, UnsupportedMediaTypeError } from './errors';

export const JSON_BODY_LIMIT = '1mb';
/** Deeper than any form needs (a form field nests a few levels); far below recursion trouble. */
export const MAX_JSON_DEPTH = 32;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const JSON_TYPES = ['application/json', 'application/*+json'];

/** Throws a {@link BadRequestError} when `value` nests deeper than `maxDepth` or has a forbidden key. */
export function checkJsonStructure(value: unknown, maxDepth = MAX_JSON_DEPTH): void {
  const stack: Array<{ value: unknown; depth: number; pointer: string }> = [{ value, depth: 0, pointer: '' }];
  while (stack.length > 0) {
    const item = stack.pop() as { value: unknown; depth: number; pointer: string };
    if (typeof item.value !== 'object' || item.value === null) continue;
    if (item.depth >= maxDepth) {
      throw new BadRequestError('too-deep', `the request body nests deeper than ${maxDepth} levels`, { field: item.pointer || '/' });
    }
    if (Array.isArray(item.value)) {
      item.value.forEach((v, i) => stack.push({ value: v, depth: item.depth + 1, pointer: `${item.pointer}/${i}` }));
      continue;
    }
    for (const key of Object.keys(item.value)) {
      const pointer = `${item.pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (FORBIDDEN_KEYS.has(key)) {
        throw new BadRequestError('forbidden-key', `the key "${key}" is not allowed in a request body`, { field: pointer });
      }
      stack.push({ value: (item.value as Record<string, unknown>)[key], depth: item.depth + 1, pointer });
    }
  }
}

function hasBody(req: Parameters<RequestHandler>[0]): boolean {
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

/** The request body as an object; 400 naming `body` when it is anything else. */
export function bodyObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new BadRequestError('bad-body', 'the request body must be a JSON object', { field: 'body' });
  return body as Record<string, unknown>;
}
