/**
 * What every Open311 handler knows about its request: the county and its active config, the
 * response format and language. Resolved once per request by {@link resolveCounty}.
 */
import type { RequestHandler, Response } from 'express';
import type { CompiledConfig } from '../../engine/index';
import type { ConfigRepository } from '../db/config-repository';
import { localeFromHeader, localeOf, type Locale } from './locale';
import { Open311Error } from './open311-error';
import { toXml, type XmlValue } from './xml-serializer';

export const FORMATS = ['xml', 'json'] as const;
export type Format = (typeof FORMATS)[number];

export const CONTENT_TYPES: Record<Format, string> = { xml: 'text/xml; charset=utf-8', json: 'application/json; charset=utf-8' };

export interface Open311Context {
  countyId: string;
  version: number;
  compiled: CompiledConfig;
  locale: Locale;
  /** The locale came from Accept-Language, not from `?locale=`. */
  localeFromHeader: boolean;
}

/** `services.json` → `{ name: 'services', format: 'json' }`; null when the suffix is not a format we serve. */
export function parseResource(file: string): { name: string; format: Format } | null {
  const dot = file.lastIndexOf('.');
  if (dot <= 0) return null;
  const format = file.slice(dot + 1);
  return (FORMATS as readonly string[]).includes(format) ? { name: file.slice(0, dot), format: format as Format } : null;
}

/** The format of a response at `path`: JSON when it asks for it, else XML (the format Open311 requires). */
export function formatOfPath(path: string): Format {
  const last = path.split('/').pop() ?? '';
  return parseResource(last)?.format ?? 'xml';
}

export interface SendOptions {
  format: Format;
  root: string;
  value: XmlValue;
  status?: number;
  /** The value holds texts in the context's locale (default true; errors are English only). */
  localized?: boolean;
}

/** Writes an Open311 answer in its format, saying `Vary: Accept-Language` when that header chose its language. */
export function send(res: Response, opts: SendOptions): void {
  res.status(opts.status ?? 200).set('Content-Type', CONTENT_TYPES[opts.format]);
  const ctx = res.locals.open311 as Open311Context | undefined;
  if ((opts.localized ?? true) && ctx?.localeFromHeader) res.vary('Accept-Language');
  res.send(opts.format === 'json' ? JSON.stringify(opts.value) : toXml(opts.root, opts.value));
}

export function contextOf(res: Response): Open311Context {
  const ctx = res.locals.open311 as Open311Context | undefined;
  if (!ctx) throw new Error('the Open311 county was not resolved');
  return ctx;
}

/** An `jurisdiction_id`, when given, must name this county (by its id in the URL or in its config). */
export function checkJurisdiction(ctx: Open311Context, given: unknown): void {
  if (given === undefined || given === '') return;
  if (given !== ctx.countyId && given !== ctx.compiled.config.county.id) throw Open311Error.notFound(`jurisdiction_id "${String(given)}" not found`);
}

/** Loads the county of the URL and its active config; 404 for an unknown county or one without a published config. */
export function resolveCounty(configs: ConfigRepository): RequestHandler {
  return async (req, res, next) => {
    const countyId = req.params.county;
    const active = typeof countyId === 'string' ? await configs.active(countyId) : null;
    if (!active || typeof countyId !== 'string') throw Open311Error.notFound(`county "${String(countyId)}" not found`);
    const ctx: Open311Context = { countyId, version: active.version, compiled: active.compiled, locale: localeOf(req), localeFromHeader: localeFromHeader(req) };
    res.locals.open311 = ctx;
    next();
  };
}
