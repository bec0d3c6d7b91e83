/**
 * Spreadsheet imports over HTTP: the units of a config draft from an XLSX or CSV file (a preview
 * or the import itself) and the template to fill in. Errors become ApiError with the runtime's code.
 */
import { ApiError } from './api-error';

export interface ImportRowError {
  row: number;
  column: string;
  code: string;
  message: string;
  messageZh: string;
}

export interface ImportPreview {
  dryRun: boolean;
  format: 'xlsx' | 'csv';
  rows: number;
  added: number;
  updated: number;
  errors: ImportRowError[];
}

const enc = encodeURIComponent;
const unitsPath = (county: string, version: number) => `/api/v1/counties/${enc(county)}/configs/${version}/imports/units`;

/** Sends `file`; a refused import (422 with bad rows) answers its preview like a dry run does. */
export async function importUnits(opts: { token: string; county: string; version: number; file: Blob; dryRun: boolean }): Promise<ImportPreview> {
  const form = new FormData();
  form.append('file', opts.file);
  const response = await fetch(`${unitsPath(opts.county, opts.version)}?dryRun=${opts.dryRun}`, { method: 'POST', headers: { Authorization: `Bearer ${opts.token}`, Accept: 'application/json' }, body: form });
  const json = (await response.json().catch(() => undefined)) as (ImportPreview & { error?: ImportPreview & { code?: string; message?: string; field?: string } }) | undefined;
  if (response.ok && json) return json;
  const error = json?.error;
  if (error?.code === 'import-rows-invalid') return { dryRun: false, format: error.format, rows: error.rows, added: 0, updated: 0, errors: error.errors };
  throw new ApiError(response.status, error?.code ?? `http-${response.status}`, error?.message ?? response.statusText, { field: error?.field });
}

/** Downloads the template file through a temporary link (the API needs the bearer token). */
export async function downloadUnitTemplate(opts: { token: string; county: string; version: number; format: 'xlsx' | 'csv' }): Promise<void> {
  const response = await fetch(`${unitsPath(opts.county, opts.version)}/template?format=${opts.format}`, { headers: { Authorization: `Bearer ${opts.token}` } });
  if (!response.ok) throw new ApiError(response.status, `http-${response.status}`, response.statusText);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `units-template.${opts.format}`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export interface ImportedAccount {
  row: number;
  id: string;
  name: string;
  phone: string | null;
  role: string;
  unit: string | null;
  temporaryPassword: string;
}

export interface PeoplePreview {
  dryRun: boolean;
  rows: number;
  added: number;
  errors: ImportRowError[];
  accounts?: ImportedAccount[];
}

const peoplePath = (county: string) => `/api/v1/counties/${enc(county)}/imports/accounts`;

/** Sends a people file; a refused import (422 with bad rows) answers its preview like a dry run does. */
export async function importPeople(opts: { token: string; county: string; file: Blob; dryRun: boolean }): Promise<PeoplePreview> {
  const form = new FormData();
  form.append('file', opts.file);
  const response = await fetch(`${peoplePath(opts.county)}?dryRun=${opts.dryRun}`, { method: 'POST', headers: { Authorization: `Bearer ${opts.token}`, Accept: 'application/json' }, body: form });
  const json = (await response.json().catch(() => undefined)) as (PeoplePreview & { error?: PeoplePreview & { code?: string; message?: string; field?: string } }) | undefined;
  if (response.ok && json) return json;
  const error = json?.error;
  if (error?.code === 'import-rows-invalid') return { dryRun: false, rows: error.rows, added: 0, errors: error.errors };
  throw new ApiError(response.status, error?.code ?? `http-${response.status}`, error?.message ?? response.statusText, { field: error?.field });
}

export async function downloadPeopleTemplate(opts: { token: string; county: string; format: 'xlsx' | 'csv' }): Promise<void> {
  const response = await fetch(`${peoplePath(opts.county)}/template?format=${opts.format}`, { headers: { Authorization: `Bearer ${opts.token}` } });
  if (!response.ok) throw new ApiError(response.status, `http-${response.status}`, response.statusText);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `people-template.${opts.format}`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
