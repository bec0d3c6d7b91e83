/**
 * JSON request bodies: an explicit size limit, objects and arrays only, and a structural check
 * after parsing. V8 parses JSON 100,000 levels deep without complaint, but the code downstream
 * (form validation, rule facts, serialisers) recurses, and keys such as `__proto__` turn into
 * prototype pollution the moment anyone merges the object. So depth, key names and text that
 * cannot be stored (NUL, lone surrogates: text-hygiene.ts) are checked here, once, for every route.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type Request, type RequestHandler, type Response } from 'express';
import { BadRequestError, UnsupportedMediaTypeError } from './errors';
import { textProblem } from './text-hygiene';

export const JSON_BODY_LIMIT = '1mb';
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

/** 400 naming the text that cannot be stored (see text-hygiene.ts). */
function badText(visit: Visit, problem: string, what = 'the text'): BadRequestError {
  const field = pointerOf(visit) || '/';
  return new BadRequestError('bad-text', `${what} at ${JSON.stringify(field)} ${problem}`, { field });
}

/**
 * Throws a {@link BadRequestError} when `value` nests deeper than `maxDepth`, has a forbidden key,
 * or holds a string (value or key) that cannot be stored as it is (a NUL, a lone surrogate).
 */
export function checkJsonStructure(value: unknown, maxDepth = MAX_JSON_DEPTH): void {
  const stack: Visit[] = [{ value, depth: 0, parent: null, key: '' }];
  while (stack.length > 0) {
    const item = stack.pop() as Visit;
    if (typeof item.value === 'string') {
      const problem = textProblem(item.value);
      if (problem) throw badText(item, problem);
      continue;
    }
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
      const keyProblem = textProblem(key);
      if (keyProblem) throw badText(child, keyProblem, 'the key');
      stack.push(child);
    }
  }
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** True when the request says its body is JSON (`application/json` or `application/*+json`). */
function isJson(req: IncomingMessage): boolean {
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  return mediaType === 'application/json' || /^application\/[^/]+\+json$/.test(mediaType);
}

const parseJson = express.json({ limit: JSON_BODY_LIMIT, strict: true, type: JSON_TYPES });

/** After parsing: a body that is not JSON is 415; a parsed one gets the structural check. */
function checkParsed(req: IncomingMessage & { body?: unknown }): void {
  if (hasBody(req) && !isJson(req)) throw new UnsupportedMediaTypeError();
  if (req.body !== undefined) checkJsonStructure(req.body);
}

/** The parser and its checks, for routers that take JSON. */
export function jsonBody(): RequestHandler[] {
  const check: RequestHandler = (req, _res, next) => {
    checkParsed(req);
    next();
  };
  return [parseJson, check];
}

/**
 * The same parser and checks as {@link jsonBody}, for the one route answered before express
 * (event intake, see direct-intake.ts): the parsed body, or undefined when there is none.
 */
export function readJsonBody(req: IncomingMessage, res: ServerResponse): Promise<unknown> {
  return new Promise((resolve, reject) => {
    parseJson(req as Request, res as Response, (err?: unknown) => {
      if (err) return reject(err);
      try {
        checkParsed(req);
        resolve((req as { body?: unknown }).body);
      } catch (checkErr) {
        reject(checkErr);
      }
    });
  });
}

/** The request body as an object; 400 naming `body` when it is anything else. */
export function bodyObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new BadRequestError('bad-body', 'the request body must be a JSON object', { field: 'body' });
  return body as Record<string, unknown>;
}
