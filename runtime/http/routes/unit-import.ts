/**
 * Bulk import of villages, communities and grids from a spreadsheet into a config draft, under
 * `/counties/:county/configs/:version/imports/units`: a preview (`dryRun=true`, the default) or
 * the import itself, which writes only when every row is good; and the template to fill in.
 * Takes the file as multipart (part `file`) or as the raw body with its content type.
 */
import type { IncomingMessage } from 'node:http';
import { Router } from 'express';
import { actorInCounty, requireRole } from '../../auth/authenticate';
import { readMultipart } from '../../attachments/multipart-file';
import { readSheet, SheetError, writeSheet, XLSX_TYPE, type SheetFormat } from '../../imports/spreadsheet';
import { UNIT_COLUMN_KEYS, UNIT_COLUMNS, UNIT_TEMPLATE_EXAMPLE } from '../../imports/unit-columns';
import { checkUnitRows, type UnitImportResult } from '../../imports/unit-rows';
import { BadRequestError, ConflictError, NotFoundError, PayloadTooLargeError, UnprocessableError, UnsupportedMediaTypeError } from '../errors';
import type { ApiDeps } from './api-router';

const AUTHORS = ['county_admin', 'policy_designer'] as const;
/** A 20,000-row workbook is about 1 MB; the limit leaves room for styled files. */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 20_000;
const RAW_TYPES = /^(text\/csv|text\/plain|application\/csv|application\/vnd\.ms-excel|application\/octet-stream|application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet)\b/i;

function readRaw(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > maxBytes) {
        failed = true;
        reject(new PayloadTooLargeError(`the file is larger than ${maxBytes} bytes`, { field: 'file' }));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.on('error', (cause) => {
      if (!failed) reject(new BadRequestError('bad-body', 'the body could not be read', { field: 'file', cause }));
    });
  });
}

/** The uploaded spreadsheet's bytes: the multipart part `file`, or the whole raw body. */
export async function uploadedFile(req: IncomingMessage): Promise<Buffer> {
  const type = req.headers['content-type'] ?? '';
  let bytes: Buffer | null;
  if (/^multipart\/form-data\b/i.test(type)) {
    bytes = (await readMultipart(req, { fileField: 'file', maxBytes: IMPORT_MAX_BYTES })).file;
  } else if (RAW_TYPES.test(type)) {
    bytes = await readRaw(req, IMPORT_MAX_BYTES);
  } else {
    throw new UnsupportedMediaTypeError('send the spreadsheet as multipart/form-data (part "file") or as the body with Content-Type text/csv or ' + XLSX_TYPE);
  }
  if (!bytes || bytes.length === 0) throw new UnprocessableError('missing-file', 'no spreadsheet was sent (multipart part "file" or the body)', { field: 'file' });
  return bytes;
}

/** The rows of `bytes` as a sheet, a 422 naming the file when it cannot be read. */
export async function sheetOf(bytes: Buffer) {
  try {
    return await readSheet(bytes, { maxRows: IMPORT_MAX_ROWS });
  } catch (err) {
    if (err instanceof SheetError) throw new UnprocessableError(err.code, err.message, { field: 'file', cause: err });
    throw err;
  }
}

export function dryRunParam(value: unknown): boolean {
  if (value === undefined || value === 'true') return true;
  if (value === 'false') return false;
  throw new BadRequestError('bad-dry-run', '"dryRun" must be true or false', { field: 'dryRun' });
}

export function formatParam(value: unknown): SheetFormat {
  if (value === undefined || value === 'xlsx') return 'xlsx';
  if (value === 'csv') return 'csv';
  throw new BadRequestError('bad-format', '"format" must be xlsx or csv', { field: 'format' });
}

/** Sends a template file for download. */
export function sendTemplate(res: import('express').Response, bytes: Buffer, format: SheetFormat, baseName: string): void {
  res.set({
    'Content-Type': format === 'xlsx' ? XLSX_TYPE : 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${baseName}.${format}"`,
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(bytes);
}

const preview = (r: UnitImportResult) => ({ rows: r.rows, added: r.added, updated: r.updated, errors: r.errors });

export function unitImportRouter(deps: ApiDeps): Router {
  const router = Router();
  const { ConfigVersion } = deps.db.models;

  router.get('/counties/:county/configs/:version/imports/units/template', async (req, res) => {
    const actor = actorInCounty(req, req.params.county);
    requireRole(actor, [...AUTHORS], 'import units');
    const format = formatParam(req.query.format);
    const bytes = await writeSheet({ format, sheetName: '单位', header: UNIT_COLUMN_KEYS.map((k) => UNIT_COLUMNS[k].header), rows: [UNIT_COLUMN_KEYS.map((k) => UNIT_TEMPLATE_EXAMPLE[k])] });
    sendTemplate(res, bytes, format, 'units-template');
  });

  router.post('/counties/:county/configs/:version/imports/units', async (req, res) => {
    const actor = actorInCounty(req, req.params.county);
    requireRole(actor, [...AUTHORS], 'import units');
    const dryRun = dryRunParam(req.query.dryRun);
    const version = /^[1-9][0-9]{0,8}$/.test(req.params.version) ? Number(req.params.version) : NaN;
    if (!Number.isInteger(version)) throw new BadRequestError('bad-version', `"${req.params.version.slice(0, 40)}" is not a config version number`, { field: 'version' });
    const draft = async (transaction?: import('sequelize').Transaction) => {
      const row = await ConfigVersion.findOne({ where: { countyId: actor.countyId, version }, transaction });
      if (!row || row.status === 'deleted') throw new NotFoundError(`config version ${version} not found`);
      if (row.status !== 'draft') throw new ConflictError('version-immutable', `version ${version} is published and cannot change; create a new draft (copyOf ${version}) to import into`);
      return row;
    };
    await draft(); // 404 / 409 before reading a large body
    const sheet = await sheetOf(await uploadedFile(req));
    if (dryRun) {
      const row = await draft();
      res.json({ dryRun: true, format: sheet.format, ...preview(checkUnitRows({ header: sheet.header, rows: sheet.rows, units: (row.document as { units?: unknown }).units })) });
      return;
    }
    const result = await deps.db.transaction(async (transaction) => {
      const row = await draft(transaction);
      const document = row.document as Record<string, unknown>;
      const checked = checkUnitRows({ header: sheet.header, rows: sheet.rows, units: document.units });
      if (!checked.units) return checked;
      const [count] = await ConfigVersion.update({ document: { ...document, units: checked.units } }, { where: { countyId: actor.countyId, version, status: 'draft' }, transaction });
      if (count !== 1) throw new ConflictError('version-immutable', `version ${version} was published meanwhile; nothing was imported`);
      return checked;
    });
    if (!result.units) {
      throw new UnprocessableError('import-rows-invalid', `${new Set(result.errors.map((e) => e.row)).size} row(s) of the file are bad; nothing was imported`, { field: 'file', details: { dryRun: false, format: sheet.format, ...preview(result) } });
    }
    res.json({ dryRun: false, format: sheet.format, ...preview(result) });
  });

  return router;
}
