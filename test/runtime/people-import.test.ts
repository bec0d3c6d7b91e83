/**
 * Importing people from a spreadsheet into a county's accounts, on SQLite and PostgreSQL: a good
 * XLSX previews, then creates the accounts (each with a temporary password shown once, which
 * signs in); a CSV with bad rows lists each and creates nobody; a phone an account already has is
 * refused; another county's administrator and a grid worker cannot import.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../runtime/auth/tokens';
import { PEOPLE_COLUMN_KEYS, PEOPLE_COLUMNS } from '../../runtime/imports/people-rows';
import { dbTargets, prepareDatabase, type PreparedDatabase } from './support/db-targets';
import { checkApiResponse } from './support/openapi-check';
import { startTestServer, type TestServer } from './support/test-server';

const header = PEOPLE_COLUMN_KEYS.map((k) => PEOPLE_COLUMNS[k].header);
const good = [
  ['李晓燕', '13800001234', '网格员', 'qs-fx-v01-g1'],
  ['王志刚', '13800001235', '网格员', '凤溪村第二网格'],
  ['陈建国', '13800001236', '指挥室调度员', 'qs-fx-cmd'],
];
async function xlsx(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('人员');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
const csv = (rows: string[][]) => Buffer.from([header, ...rows].map((r) => r.join(',')).join('\n'), 'utf8');

describe.each(dbTargets())('people import ($name)', (target) => {
  let ts: TestServer;
  let prepared: PreparedDatabase;
  beforeAll(async () => {
    prepared = await prepareDatabase(target);
    ts = await startTestServer(target, { prepared });
    await ts.server.db.models.County.create({ id: 'other', name: 'Other county', activeVersion: null, createdAt: new Date(ts.clock.now) });
  });
  afterAll(async () => {
    await ts?.close();
    await prepared?.cleanup();
  });

  async function post(path: string, file: Buffer, token = ts.adminToken) {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)]), 'people.xlsx');
    const res = await fetch(`${ts.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    const body = await res.json();
    const problem = checkApiResponse('POST', path, res.status, body);
    if (problem) throw new Error(problem);
    return { status: res.status, body };
  }
  const accounts = async () => (await ts.request('GET', '/api/v1/counties/demo/accounts', { token: ts.adminToken })).body.accounts as Array<{ name: string; phone: string; role: string; unit: string | null }>;
  const path = (dryRun?: boolean) => `/api/v1/counties/demo/imports/accounts${dryRun === undefined ? '' : `?dryRun=${dryRun}`}`;

  it('previews a good file, then creates the accounts with temporary passwords that sign in', async () => {
    const before = await accounts();
    const file = await xlsx(good);
    const preview = await post(path(), file);
    expect(preview.body).toEqual({ dryRun: true, format: 'xlsx', rows: 3, added: 3, errors: [] });
    expect(await accounts()).toEqual(before);
    const done = await post(path(false), file);
    expect(done.status).toBe(200);
    expect(done.body.accounts.map((a: { row: number; phone: string; role: string; unit: string }) => [a.row, a.phone, a.role, a.unit])).toEqual([
      [2, '13800001234', 'grid_worker', 'qs-fx-v01-g1'],
      [3, '13800001235', 'grid_worker', 'qs-fx-v01-g2'],
      [4, '13800001236', 'dispatcher', 'qs-fx-cmd'],
    ]);
    expect((await accounts()).length).toBe(before.length + 3);
    const signIn = await ts.request('POST', '/api/v1/sign-in', { body: { county: 'demo', login: '13800001234', password: done.body.accounts[0].temporaryPassword } });
    expect(signIn.status).toBe(200);
    // the same file again: every phone is taken now
    const again = await post(path(false), file);
    expect(again.status).toBe(422);
    expect(again.body.error.errors.map((e: { row: number; code: string }) => [e.row, e.code])).toEqual([[2, 'phone-taken'], [3, 'phone-taken'], [4, 'phone-taken']]);
  });

  it('lists every bad row of a CSV and creates nobody', async () => {
    const before = await accounts();
    const rows = [
      ['赵丽华', '13800002001', '网格员', 'qs-fx-v01-g1'],
      ['孙磊', '1380000200x', '网格员', 'qs-fx-v01-g1'],
      ['钱红', '13800002001', '处置人员', 'qs-fx-mkt'],
      ['周强', '13800002003', '网格员', 'qs-fx-v01'],
      ['吴敏', '13800002004', '网格员', '梅林村第一网格'],
      ['郑伟', '13800002005', '村长', ''],
    ];
    const res = await post(path(false), csv(rows));
    expect(res.status).toBe(422);
    expect(res.body.error.errors.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code])).toEqual([
      [3, '手机号', 'bad-phone'],
      [4, '手机号', 'duplicate-phone'],
      [5, '所属单位/网格', 'not-a-grid'],
      [6, '所属单位/网格', 'unknown-unit'],
      [7, '角色', 'unknown-role'],
    ]);
    expect(await accounts()).toEqual(before);
  });

  it('downloads its template; refuses another county (404) and a grid worker (403)', async () => {
    const res = await fetch(`${ts.url}/api/v1/counties/demo/imports/accounts/template?format=csv`, { headers: { authorization: `Bearer ${ts.adminToken}` } });
    expect(res.status).toBe(200);
    expect((await res.text()).replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toBe(header.join(','));
    const otherAdmin = (await createToken(ts.server.db, { county: 'other', role: 'county_admin' })).token;
    expect((await post(path(false), await xlsx(good), otherAdmin)).status).toBe(404);
    const gridWorker = await ts.token({ role: 'grid_worker', unit: 'qs-fx-v01-g1' });
    expect((await post('/api/v1/counties/demo/imports/accounts', await xlsx(good), gridWorker)).status).toBe(403);
  });
});
