/**
 * Importing villages and grids from a spreadsheet into a config draft, on SQLite and PostgreSQL:
 * the template downloads with its Chinese headers; a good XLSX or CSV previews, then merges; a
 * file with bad rows lists each and changes nothing; a published version refuses (409), another
 * county's draft is not found (404); malformed requests are 4xx naming the field.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNIT_COLUMN_KEYS, UNIT_COLUMNS } from '../../runtime/imports/unit-columns';
import { createToken } from '../../runtime/auth/tokens';
import { dbTargets, prepareDatabase, type PreparedDatabase } from './support/db-targets';
import { startTestServer, type TestServer } from './support/test-server';
import { checkApiResponse } from './support/openapi-check';

const header = UNIT_COLUMN_KEYS.map((k) => UNIT_COLUMNS[k].header);
const goodRows = [
  ['凤溪镇', 'qs-fx-v20', '新塘村', 'Xintang Village', '村', 'qs-fx-v20-g1', '新塘村第一网格', '', '陈建国', '李晓燕、王志刚', ''],
  ['qs-fx', 'qs-fx-v20', '', '', '', 'qs-fx-v20-g2', '新塘村第二网格', '', '吴芳', '郑强', '赵丽华'],
  ['qs-cn', 'qs-cn-v09', '滨江社区', '', '社区', 'qs-cn-v09-g1', '滨江社区第一网格', '', '钱红', '孙磊', ''],
];
const badRows = [
  goodRows[0],
  ['qs-fx', 'qs-fx-v99', '', '', '', 'qs-fx-v99-g1', '无主网格', '', '甲', '乙', ''],
  ['qs-fx', 'qs-fx-v20', '', '', '', 'qs-fx-v20-g1', '重复网格', '', '甲', '乙', ''],
];

async function xlsx(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('单位');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
const csv = (rows: string[][]) => Buffer.from(`\uFEFF${[header, ...rows].map((r) => r.join(',')).join('\r\n')}\r\n`, 'utf8');

describe.each(dbTargets())('units import ($name)', (target) => {
  let ts: TestServer;
  let prepared: PreparedDatabase;
  let otherAdmin: string;
  beforeAll(async () => {
    prepared = await prepareDatabase(target);
    ts = await startTestServer(target, { prepared });
    await ts.server.db.models.County.create({ id: 'other', name: 'Other county', activeVersion: null, createdAt: new Date(ts.clock.now) });
    otherAdmin = (await createToken(ts.server.db, { county: 'other', role: 'county_admin' })).token;
  });
  afterAll(async () => {
    await ts?.close();
    await prepared?.cleanup();
  });

  const newDraft = async (): Promise<number> => {
    const res = await ts.request('POST', '/api/v1/counties/demo/configs', { token: ts.adminToken, body: { catalog: 'zhejiang-four-platforms' } });
    expect(res.status).toBe(201);
    return res.body.version;
  };
  const units = async (version: number) => (await ts.request('GET', `/api/v1/counties/demo/configs/${version}`, { token: ts.adminToken })).body.document.units as Array<{ id: string; kind: string; parent?: string }>;
  /** POSTs a file (multipart, or the raw body with `type`), checking the answer against the OpenAPI document. */
  async function post(path: string, file: Buffer, opts: { token?: string; raw?: string; name?: string } = {}) {
    const headers: Record<string, string> = { authorization: `Bearer ${opts.token ?? ts.adminToken}` };
    let body: BodyInit;
    if (opts.raw) {
      headers['content-type'] = opts.raw;
      body = new Uint8Array(file);
    } else {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(file)]), opts.name ?? 'units.xlsx');
      body = form;
    }
    const res = await fetch(`${ts.url}${path}`, { method: 'POST', headers, body });
    const json = await res.json();
    const problem = checkApiResponse('POST', path, res.status, json);
    if (problem) throw new Error(problem);
    return { status: res.status, body: json };
  }
  const importPath = (version: number, dryRun?: string) => `/api/v1/counties/demo/configs/${version}/imports/units${dryRun === undefined ? '' : `?dryRun=${dryRun}`}`;

  it('downloads the template as XLSX and CSV with the Chinese headers and one example row', async () => {
    const version = await newDraft();
    const res = await fetch(`${ts.url}${importPath(version)}/template?format=xlsx`, { headers: { authorization: `Bearer ${ts.adminToken}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.worksheets[0];
    expect((sheet.getRow(1).values as string[]).slice(1)).toEqual(header);
    expect(sheet.rowCount).toBe(2);
    const text = await (await fetch(`${ts.url}${importPath(version)}/template?format=csv`, { headers: { authorization: `Bearer ${ts.adminToken}` } })).text();
    expect(text.split(/\r?\n/)[0].replace(/^\uFEFF/, '')).toBe(header.join(','));
    const bad = await ts.request('GET', `${importPath(version)}/template?format=pdf`, { token: ts.adminToken });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('format');
  });

  it('previews a good XLSX without writing, then imports it: new villages and grids under their township and village', async () => {
    const version = await newDraft();
    const before = await units(version);
    const file = await xlsx(goodRows);
    const preview = await post(importPath(version), file);
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({ dryRun: true, format: 'xlsx', rows: 3, added: 5, updated: 0, errors: [] });
    expect(await units(version)).toEqual(before);
    const done = await post(importPath(version, 'false'), file);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ dryRun: false, added: 5, updated: 0, errors: [] });
    const after = await units(version);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length).map((u) => [u.id, u.kind, u.parent])).toEqual([
      ['qs-fx-v20', 'village', 'qs-fx'],
      ['qs-cn-v09', 'village', 'qs-cn'],
      ['qs-fx-v20-g1', 'grid', 'qs-fx-v20'],
      ['qs-fx-v20-g2', 'grid', 'qs-fx-v20'],
      ['qs-cn-v09-g1', 'grid', 'qs-cn-v09'],
    ]);
    const validated = await ts.request('POST', `/api/v1/counties/demo/configs/${version}/validate`, { token: ts.adminToken });
    expect(validated.body.ok).toBe(true);
    // the same file again changes nothing more
    const again = await post(importPath(version, 'false'), file);
    expect(again.body).toMatchObject({ added: 0, updated: 0, errors: [] });
  });

  it('imports a CSV sent as the raw body, updating a grid the draft has', async () => {
    const version = await newDraft();
    const res = await post(importPath(version, 'false'), csv([['qs-fx', 'qs-fx-v01', '', '', '', 'qs-fx-v01-g1', '凤溪村一号网格', '', '', '', '']]), { raw: 'text/csv' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ format: 'csv', rows: 1, added: 0, updated: 1, errors: [] });
    const grid = (await units(version)).find((u) => u.id === 'qs-fx-v01-g1') as unknown as { name: { zh: string }; staffing: unknown };
    expect(grid.name.zh).toBe('凤溪村一号网格');
    expect(grid.staffing).toBeDefined();
  });

  it.each(['xlsx', 'csv'] as const)('lists every bad row of a %s file and changes nothing, in a preview and in an import', async (format) => {
    const version = await newDraft();
    const before = await units(version);
    const file = format === 'xlsx' ? await xlsx(badRows) : csv(badRows);
    const preview = await post(importPath(version, 'true'), file);
    expect(preview.status).toBe(200);
    expect(preview.body.errors.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code])).toEqual([
      [3, '村（社区）编号', 'unknown-village'],
      [4, '网格编号', 'duplicate-id'],
    ]);
    expect(preview.body.errors[0].messageZh).toContain('qs-fx-v99');
    const refused = await post(importPath(version, 'false'), file);
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'import-rows-invalid', field: 'file', rows: 3, added: 0 });
    expect(refused.body.error.errors).toHaveLength(2);
    expect(await units(version)).toEqual(before);
  });

  it('refuses a published version (409), another county (404), a bad dryRun (400), an unreadable file and a wrong body type', async () => {
    const draft = await newDraft();
    const file = await xlsx(goodRows);
    const published = (await ts.request('GET', '/api/v1/counties/demo/configs', { token: ts.adminToken })).body.versions.find((v: { status: string }) => v.status === 'published').version;
    const before = await units(published);
    expect((await post(importPath(published, 'false'), file)).status).toBe(409);
    expect(await units(published)).toEqual(before);
    const other = await post(importPath(draft, 'false'), file, { token: otherAdmin });
    expect(other.status).toBe(404);
    expect((await post(`/api/v1/counties/other/configs/${draft}/imports/units?dryRun=false`, file, { token: otherAdmin })).status).toBe(404);
    expect((await post(importPath(draft, 'maybe'), file)).body.error.field).toBe('dryRun');
    const broken = await post(importPath(draft), Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]));
    expect(broken.status).toBe(422);
    expect(broken.body.error).toMatchObject({ code: 'unreadable-file', field: 'file' });
    expect((await post(importPath(draft), Buffer.from('{}'), { raw: 'application/json' })).status).toBe(415);
    const gridWorker = await ts.token({ role: 'grid_worker', unit: 'qs-fx-v01-g1' });
    expect((await post(importPath(draft), file, { token: gridWorker })).status).toBe(403);
    expect((await units(draft)).length).toBe(before.length);
  });
});
