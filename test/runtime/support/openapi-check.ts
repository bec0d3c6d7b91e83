/**
 * Holds the API to its OpenAPI document: every response the test suites receive from `/api/v1`
 * must validate against the schema the document gives for its path, method and status.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import { openApiDocument } from '../../../runtime/http/openapi';

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => void;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(openApiDocument as unknown as object, 'openapi.json');

const templates = Object.keys(openApiDocument.paths).map((template) => ({
  template,
  pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));
const validators = new Map<string, ValidateFunction | null>();
const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** Returns a problem description, or null when the response conforms. */
export function checkApiResponse(method: string, url: string, status: number, body: unknown): string | null {
  const { pathname } = new URL(url, 'http://x');
  if (!pathname.startsWith('/api/v1/')) return null;
  const path = pathname.slice('/api/v1'.length);
  const matches = templates.filter((t) => t.pattern.test(path));
  // the most specific template: fewest parameters
  const match = matches.sort((a, b) => (a.template.match(/\{/g)?.length ?? 0) - (b.template.match(/\{/g)?.length ?? 0))[0];
  if (!match) return `${method} ${path} is not in the OpenAPI document`;
  const operation = (openApiDocument.paths as Record<string, Record<string, { responses?: Record<string, unknown> }>>)[match.template][method.toLowerCase()];
  if (!operation) return `${method} ${match.template} is not in the OpenAPI document`;
  if (status === 500) return `${method} ${path} answered 500`;
  if (!operation.responses?.[String(status)]) return `${method} ${match.template} answered ${status}, which the OpenAPI document does not list`;
  // a response without content (304) has no body
  const described = operation.responses[String(status)] as { content?: unknown };
  if (!described.content) return body === undefined ? null : `${method} ${path} ${status}: the OpenAPI document gives no body, but one came`;
  const key = `${match.template} ${method} ${status}`;
  if (!validators.has(key)) {
    const pointer = `openapi.json#/paths/${escape(match.template)}/${method.toLowerCase()}/responses/${status}/content/application~1json/schema`;
    validators.set(key, ajv.compile({ $ref: pointer }));
  }
  const validate = validators.get(key)!;
  if (validate(body)) return null;
  return `${method} ${path} ${status}: response does not match the OpenAPI schema: ${ajv.errorsText(validate.errors)}`;
}
