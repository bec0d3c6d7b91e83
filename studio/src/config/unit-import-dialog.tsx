/**
 * Importing villages, communities and grids from a spreadsheet into the open draft: download the
 * template, choose a file, see the server's preview (every bad row by row and column, in the
 * page's language), import only when there is no error; then the draft reloads.
 */
import { Alert, Button, Modal, Space, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadUnitTemplate, importUnits, type ImportPreview } from '../api/imports-client';
import { ImportErrorsTable } from '../util/import-errors-table';
import { useSession } from '../session/session-context';
import type { Draft } from './use-draft';

export function UnitImportButton({ draft }: { draft: Draft }) {
  const { t } = useTranslation();
  const { token, me } = useSession();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<ImportPreview | null>(null);
  const base = { token, county: me.county, version: draft.version };

  const check = (chosen: File) => {
    setFile(chosen);
    setPreview(null);
    setDone(null);
    setProblem(null);
    setBusy(true);
    importUnits({ ...base, file: chosen, dryRun: true }).then(setPreview, (e: Error) => setProblem(e.message)).finally(() => setBusy(false));
  };
  const apply = () => {
    if (!file) return;
    setBusy(true);
    importUnits({ ...base, file, dryRun: false }).then(
      (result) => {
        if (result.errors.length > 0) return setPreview(result);
        setDone(result);
        setPreview(null);
        setFile(null);
        draft.reload();
      },
      (e: Error) => setProblem(t('imports.units.failed', { message: e.message })),
    ).finally(() => setBusy(false));
  };
  const close = () => {
    setOpen(false);
    setFile(null);
    setPreview(null);
    setProblem(null);
  };
  const canImport = !!preview && preview.errors.length === 0 && !draft.dirty && !busy;

  return (
    <>
      <Button onClick={() => (setOpen(true), setDone(null))} data-action="import-units">
        {t('imports.units.open')}
      </Button>
      <Modal
        open={open}
        title={t('imports.units.title')}
        onCancel={close}
        width={760}
        footer={[
          <Button key="cancel" onClick={close}>{t('common.cancel')}</Button>,
          <Button key="import" type="primary" disabled={!canImport} loading={busy && !!preview} onClick={apply} data-action="apply-unit-import">
            {t('imports.units.import')}
          </Button>,
        ]}
      >
        <div className="unit-import" data-testid="unit-import">
          <p className="muted">{t('imports.units.intro')}</p>
          <Space wrap>
            <Button onClick={() => void downloadUnitTemplate({ ...base, format: 'xlsx' }).catch((e: Error) => setProblem(e.message))} data-action="unit-template-xlsx">
              {t('imports.units.template')} (XLSX)
            </Button>
            <Button onClick={() => void downloadUnitTemplate({ ...base, format: 'csv' }).catch((e: Error) => setProblem(e.message))} data-action="unit-template-csv">
              {t('imports.units.template')} (CSV)
            </Button>
            <Upload accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" showUploadList={false} beforeUpload={(f) => (check(f), false)}>
              <Button type="dashed" data-action="choose-unit-file">{t('imports.units.choose')}</Button>
            </Upload>
          </Space>
          {file && <p><code>{file.name}</code></p>}
          {draft.dirty && <Alert type="warning" title={t('imports.units.saveFirst')} />}
          {busy && !preview && <p className="muted">{t('imports.units.checking')}</p>}
          {problem && <Alert type="error" title={problem} data-testid="unit-import-problem" />}
          {done && <Alert type="success" title={t('imports.units.done', { added: done.added, updated: done.updated })} data-testid="unit-import-done" />}
          {preview && (
            <div data-testid="unit-import-preview">
              <p>{t('imports.units.summary', { rows: preview.rows, added: preview.added, updated: preview.updated })}</p>
              {preview.errors.length === 0 ? (
                <Alert type="success" title={t('imports.units.ok')} />
              ) : (
                <>
                  <Alert type="error" title={t('imports.units.errors', { count: preview.errors.length })} />
                  <div data-testid="unit-import-errors">
                    <ImportErrorsTable errors={preview.errors} />
                  </div>
                </>
              )}
            </div>
          )}
        </div>
      </Modal>
    </>
  );
}
