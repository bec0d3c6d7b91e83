/**
 * Importing people from a spreadsheet on the people page: download the template, choose a file,
 * see the server's preview (every bad row by row and column, in the page's language), create the
 * accounts only when there is no error; their temporary passwords are shown this once.
 */
import { Alert, Button, Modal, Space, Table, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadPeopleTemplate, importPeople, type ImportedAccount, type PeoplePreview } from '../api/imports-client';
import { useSession } from '../session/session-context';
import { ImportErrorsTable } from '../util/import-errors-table';

export function PeopleImportButton({ onImported }: { onImported: () => void }) {
  const { t } = useTranslation();
  const { token, me } = useSession();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<PeoplePreview | null>(null);
  const [created, setCreated] = useState<ImportedAccount[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const base = { token, county: me.county };

  const check = (chosen: File) => {
    setFile(chosen);
    setPreview(null);
    setCreated(null);
    setProblem(null);
    setBusy(true);
    importPeople({ ...base, file: chosen, dryRun: true }).then(setPreview, (e: Error) => setProblem(e.message)).finally(() => setBusy(false));
  };
  const apply = () => {
    if (!file) return;
    setBusy(true);
    importPeople({ ...base, file, dryRun: false }).then(
      (result) => {
        if (result.errors.length > 0) return setPreview(result);
        setCreated(result.accounts ?? []);
        setPreview(null);
        setFile(null);
        onImported();
      },
      (e: Error) => setProblem(t('imports.units.failed', { message: e.message })),
    ).finally(() => setBusy(false));
  };
  const close = () => {
    setOpen(false);
    setFile(null);
    setPreview(null);
    setCreated(null);
    setProblem(null);
  };
  const template = (format: 'xlsx' | 'csv') => () => void downloadPeopleTemplate({ ...base, format }).catch((e: Error) => setProblem(e.message));

  return (
    <>
      <Button onClick={() => setOpen(true)} style={{ marginBottom: 12, marginLeft: 8 }} data-action="import-people">
        {t('imports.people.open')}
      </Button>
      <Modal
        open={open}
        title={t('imports.people.title')}
        onCancel={close}
        width={760}
        footer={[
          <Button key="cancel" onClick={close}>{t('common.cancel')}</Button>,
          <Button key="import" type="primary" disabled={!preview || preview.errors.length > 0 || busy} onClick={apply} data-action="apply-people-import">
            {t('imports.units.import')}
          </Button>,
        ]}
      >
        <div data-testid="people-import">
          <p className="muted">{t('imports.people.intro')}</p>
          <Space wrap>
            <Button onClick={template('xlsx')}>{t('imports.units.template')} (XLSX)</Button>
            <Button onClick={template('csv')}>{t('imports.units.template')} (CSV)</Button>
            <Upload accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" showUploadList={false} beforeUpload={(f) => (check(f), false)}>
              <Button type="dashed">{t('imports.units.choose')}</Button>
            </Upload>
          </Space>
          {file && <p><code>{file.name}</code></p>}
          {busy && !preview && <p className="muted">{t('imports.units.checking')}</p>}
          {problem && <Alert type="error" title={problem} />}
          {preview && (
            <div data-testid="people-import-preview">
              <p>{t('imports.people.summary', { rows: preview.rows, added: preview.added })}</p>
              {preview.errors.length === 0 ? (
                <Alert type="success" title={t('imports.units.ok')} />
              ) : (
                <>
                  <Alert type="error" title={t('imports.units.errors', { count: preview.errors.length })} />
                  <ImportErrorsTable errors={preview.errors} />
                </>
              )}
            </div>
          )}
          {created && (
            <div data-testid="people-import-done">
              <Alert type="success" title={t('imports.people.done', { count: created.length })} />
              <Table<ImportedAccount>
                size="small"
                rowKey="id"
                pagination={created.length > 50 ? { pageSize: 50 } : false}
                tableLayout="fixed"
                dataSource={created}
                columns={[
                  { title: t('imports.people.name'), dataIndex: 'name' },
                  { title: t('imports.people.phone'), dataIndex: 'phone' },
                  { title: t('imports.people.password'), dataIndex: 'temporaryPassword', render: (p: string) => <code>{p}</code> },
                ]}
              />
            </div>
          )}
        </div>
      </Modal>
    </>
  );
}
