/**
 * Bulk import of people from a spreadsheet into a county's accounts, under
 * `/counties/:county/imports/accounts`: a preview (`dryRun=true`, the default) or the import,
 * which creates accounts only when every row is good — each through the accounts' own
 * `createAccount`, with a temporary password returned once in the answer; and the template.
 * Units are those of the county's active config.
 */
import { Router } from 'express';
import { createAccount } from '../../auth/accounts';
import { actorInCounty, requireRole } from '../../auth/authenticate';
import { writeSheet } from '../../imports/spreadsheet';
import { checkPeopleRows, PEOPLE_COLUMN_KEYS, PEOPLE_COLUMNS, PEOPLE_TEMPLATE_EXAMPLE, type PeopleCheck } from '../../imports/people-rows';
import { UnprocessableError } from '../errors';
import type { ApiDeps } from './api-router';
import { dryRunParam, formatParam, sendTemplate, sheetOf, uploadedFile } from './unit-import';

const preview = (r: PeopleCheck) => ({ rows: r.rows, added: r.people?.length ?? 0, errors: r.errors });

export function peopleImportRouter(deps: ApiDeps): Router {
  const router = Router();
  const { Account, ConfigVersion, County } = deps.db.models;

  router.get('/counties/:county/imports/accounts/template', async (req, res) => {
    requireRole(actorInCounty(req, req.params.county), ['county_admin'], 'import accounts');
    const format = formatParam(req.query.format);
    const bytes = await writeSheet({ format, sheetName: '人员', header: PEOPLE_COLUMN_KEYS.map((k) => PEOPLE_COLUMNS[k].header), rows: [PEOPLE_COLUMN_KEYS.map((k) => PEOPLE_TEMPLATE_EXAMPLE[k])] });
    sendTemplate(res, bytes, format, 'people-template');
  });

  router.post('/counties/:county/imports/accounts', async (req, res) => {
    const actor = actorInCounty(req, req.params.county);
    requireRole(actor, ['county_admin'], 'import accounts');
    const dryRun = dryRunParam(req.query.dryRun);
    const sheet = await sheetOf(await uploadedFile(req));
    const county = await County.findOne({ where: { id: actor.countyId }, attributes: ['activeVersion'] });
    const active = county?.activeVersion == null ? null : await ConfigVersion.findOne({ where: { countyId: actor.countyId, version: county.activeVersion }, attributes: ['document'] });
    const accounts = await Account.findAll({ where: { countyId: actor.countyId }, attributes: ['phone'] });
    const takenPhones = new Set(accounts.map((a) => a.phone).filter((p): p is string => !!p));
    const checked = checkPeopleRows({ header: sheet.header, rows: sheet.rows, units: (active?.document as { units?: unknown } | undefined)?.units, takenPhones });
    if (dryRun) {
      res.json({ dryRun: true, format: sheet.format, ...preview(checked) });
      return;
    }
    if (!checked.people) {
      throw new UnprocessableError('import-rows-invalid', `${new Set(checked.errors.map((e) => e.row)).size} row(s) of the file are bad; no account was created`, { field: 'file', details: { dryRun: false, format: sheet.format, ...preview(checked) } });
    }
    const created = [];
    for (const person of checked.people) {
      const { account, temporaryPassword } = await createAccount(deps.db, { county: actor.countyId, fields: { name: person.name, phone: person.phone, role: person.role, unit: person.unit }, now: deps.now(), actor: { id: actor.id, role: actor.role } });
      created.push({ row: person.row, id: account.id, name: account.name, phone: account.phone, role: account.role, unit: account.unit, temporaryPassword });
    }
    res.json({ dryRun: false, format: sheet.format, ...preview(checked), accounts: created });
  });

  return router;
}
