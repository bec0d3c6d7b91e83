/**
 * The OpenAPI paths of spreadsheet imports: the units of a config draft from an XLSX or CSV file,
 * and the template to fill in. Spread into the document in openapi.ts.
 */
const json = (schema: unknown, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
const error = { $ref: '#/components/schemas/Error' };
const ERROR_TEXT: Record<number, string> = {
  400: 'malformed request: dryRun, format or version (names the field)',
  401: 'missing or invalid token',
  403: 'role may not import (county administrators and policy designers may)',
  404: 'no such draft (or another county)',
  409: 'the version is published: import into a draft',
  413: 'the file is larger than 10 MB',
  415: 'neither multipart nor a spreadsheet content type',
  422: 'the file cannot be read (unreadable-file, too-many-rows, missing-file), or, when dryRun=false, some rows are bad (import-rows-invalid: the error carries rows, added, updated and errors; nothing was written)',
};
const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [String(s), json(error, ERROR_TEXT[s] ?? 'error')]));
const county = { name: 'county', in: 'path', required: true, schema: { type: 'string' } };
const version = { name: 'version', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };

const importError = {
  type: 'object',
  required: ['row', 'column', 'code', 'message', 'messageZh'],
  properties: {
    row: { type: 'integer', description: 'the spreadsheet row (the header is row 1)' },
    column: { type: 'string', description: "the column's header text; empty for the whole row" },
    code: { type: 'string', description: 'required, bad-id, bad-kind, unknown-township, ambiguous-township, unknown-village, wrong-township, conflicting-village, duplicate-id, id-taken, one-leader, too-long, missing-column, unknown-column, duplicate-column, no-rows' },
    message: { type: 'string' },
    messageZh: { type: 'string' },
  },
};
const preview = {
  type: 'object',
  required: ['dryRun', 'format', 'rows', 'added', 'updated', 'errors'],
  properties: {
    dryRun: { type: 'boolean' },
    format: { enum: ['xlsx', 'csv'], description: 'as told by the bytes' },
    rows: { type: 'integer', description: 'data rows read (empty rows skipped)' },
    added: { type: 'integer', description: 'villages and grids the import adds' },
    updated: { type: 'integer', description: 'villages and grids of the draft it changes' },
    errors: { type: 'array', items: importError, description: 'every bad row; nothing is written while there is one' },
  },
};
const file = {
  required: true,
  content: {
    'multipart/form-data': { schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
    'text/csv': { schema: { type: 'string', description: 'UTF-8 (a BOM allowed) or GB 18030' } },
  },
};

const peoplePreview = {
  type: 'object',
  required: ['dryRun', 'format', 'rows', 'added', 'errors'],
  properties: {
    dryRun: { type: 'boolean' },
    format: { enum: ['xlsx', 'csv'] },
    rows: { type: 'integer' },
    added: { type: 'integer', description: 'accounts the import creates (0 while any row is bad)' },
    errors: { type: 'array', items: importError, description: 'codes: required, bad-phone, duplicate-phone, phone-taken, unknown-role, unknown-unit, ambiguous-unit, not-a-grid, too-long, missing-column, unknown-column, duplicate-column, no-rows' },
    accounts: {
      type: 'array',
      description: 'dryRun=false: the accounts created, each with its temporary password (shown this once)',
      items: {
        type: 'object',
        required: ['row', 'id', 'name', 'phone', 'role', 'unit', 'temporaryPassword'],
        properties: { row: { type: 'integer' }, id: { type: 'string' }, name: { type: 'string' }, phone: { type: ['string', 'null'] }, role: { type: 'string' }, unit: { type: ['string', 'null'] }, temporaryPassword: { type: 'string' } },
      },
    },
  },
};

export const importPaths = {
  '/counties/{county}/imports/accounts': {
    post: {
      summary: 'create accounts from an XLSX or CSV file of people (preview with dryRun=true, the default); county administrators only',
      description: 'Columns: 姓名, 手机号, 角色 (县级管理员, 指挥室调度员, 处置人员, 网格员, 政策设计人员), 所属单位/网格 (a unit of the active config, id or name; a grid for 网格员; required for dispatchers, handlers and grid workers). Nothing is created while any row is bad.',
      parameters: [county, { name: 'dryRun', in: 'query', required: false, schema: { enum: ['true', 'false'], default: 'true' } }],
      requestBody: file,
      responses: { '200': json(peoplePreview, 'the preview, or the accounts created with their temporary passwords'), ...errors(400, 401, 403, 404, 413, 415, 422) },
    },
  },
  '/counties/{county}/imports/accounts/template': {
    get: {
      summary: 'a people spreadsheet to fill in: the Chinese headers and one example row',
      parameters: [county, { name: 'format', in: 'query', required: false, schema: { enum: ['xlsx', 'csv'], default: 'xlsx' } }],
      responses: {
        '200': { description: 'the template file', content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } }, 'text/csv': { schema: { type: 'string' } } } },
        ...errors(400, 401, 403, 404),
      },
    },
  },
  '/counties/{county}/configs/{version}/imports/units': {
    post: {
      summary: 'import villages, communities and grids from an XLSX or CSV file into a draft (preview with dryRun=true, the default)',
      description:
        'Columns (Chinese headers, any order): 乡镇（街道） (a township of the draft, id or name), 村（社区）编号, 村（社区）名称, 村（社区）英文名, 类型（村/社区）, 网格编号, 网格名称, 网格英文名, 网格长, 专职网格员, 兼职人员 (names separated by 、). New villages and grids are added under their township and village, units the draft has are updated, nothing else changes.',
      parameters: [county, version, { name: 'dryRun', in: 'query', required: false, schema: { enum: ['true', 'false'], default: 'true' } }],
      requestBody: file,
      responses: { '200': json(preview, 'the preview (dryRun=true, errors or not) or the import done (dryRun=false, no errors)'), ...errors(400, 401, 403, 404, 409, 413, 415, 422) },
    },
  },
  '/counties/{county}/configs/{version}/imports/units/template': {
    get: {
      summary: 'a units spreadsheet to fill in: the Chinese headers and one example row',
      parameters: [county, version, { name: 'format', in: 'query', required: false, schema: { enum: ['xlsx', 'csv'], default: 'xlsx' } }],
      responses: {
        '200': {
          description: 'the template file (Content-Disposition: attachment)',
          content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } }, 'text/csv': { schema: { type: 'string' } } },
        },
        ...errors(400, 401, 403, 404),
      },
    },
  },
};
