/** Import a year's national calendar: pick a JSON or CSV file, see its errors or what it would change, then apply. */
import { Alert, Button, Modal, Upload, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Calendar } from '../../../../engine/index';
import { useLabel } from '../../i18n/use-label';
import { applyImport, formatOfFile, importNationalCalendar, planImport, type ImportedCalendar, type ImportError } from './calendar-import';

export function CalendarImportButton({ calendar, onApply, disabled }: { calendar: Calendar; onApply: (next: Calendar) => void; disabled: boolean }) {
  const { t } = useTranslation();
  const label = useLabel();
  const [file, setFile] = useState<{ name: string; imported: ImportedCalendar | null } | null>(null);
  const plan = file?.imported && file.imported.errors.length === 0 ? planImport(calendar, file.imported) : null;
  const errorText = (e: ImportError) =>
    [e.line !== undefined && t('timeEditors.calendar.line', { line: e.line }), e.field && t('timeEditors.calendar.field', { field: e.field }), t(`timeEditors.calendar.error.${e.code}`), e.value && `「${e.value}」`].filter(Boolean).join('，');
  const nothing = plan && plan.added.length + plan.changed.length === 0;
  return (
    <>
      <Upload
        accept=".json,.csv,application/json,text/csv"
        showUploadList={false}
        disabled={disabled}
        beforeUpload={(f) => {
          f.text().then(
            (text) => setFile({ name: f.name, imported: importNationalCalendar(text, formatOfFile(f.name), f.name) }),
            () => setFile({ name: f.name, imported: null }),
          );
          return false;
        }}
      >
        <Button disabled={disabled} data-action="import-calendar" title={t('timeEditors.calendar.importHint')}>
          {t('timeEditors.calendar.import')}
        </Button>
      </Upload>
      <Modal
        open={file !== null}
        title={file ? t('timeEditors.calendar.importTitle', { file: file.name }) : ''}
        onCancel={() => setFile(null)}
        okText={t('timeEditors.calendar.importApply')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: !plan || !!nothing, 'data-action': 'apply-import' } as ButtonProps}
        onOk={() => {
          if (file?.imported && plan) onApply(applyImport(calendar, file.imported));
          setFile(null);
        }}
      >
        <div data-testid="te-import-preview">
          {file && !file.imported && <Alert type="error" title={t('timeEditors.calendar.error.unreadable')} />}
          {file?.imported && file.imported.errors.length > 0 && (
            <Alert
              type="error"
              data-testid="te-import-errors"
              title={t('timeEditors.calendar.importErrors', { count: file.imported.errors.length })}
              description={<ul>{file.imported.errors.slice(0, 20).map((e, i) => <li key={i}>{errorText(e)}</li>)}</ul>}
            />
          )}
          {plan && nothing && <Alert type="info" title={t('timeEditors.calendar.importNothing')} />}
          {plan && !nothing && (
            <>
              <p data-testid="te-import-plan">{t('timeEditors.calendar.importPlan', { added: plan.added.length, changed: plan.changed.length, unchanged: plan.unchanged })}</p>
              {plan.newYears.length > 0 && <p>{t('timeEditors.calendar.importNewYears', { years: plan.newYears.join(t('common.listSeparator')) })}</p>}
              <ul className="te-import-days">
                {plan.added.map((d) => (
                  <li key={d.date} className={`te-import-${d.kind}`}>+ {d.date} {t(`timeEditors.calendar.kind.${d.kind}`)} {d.kind === 'holiday' ? label(d.name) : d.name.zh}</li>
                ))}
                {plan.changed.map(({ day, before }) => (
                  <li key={day.date} className="te-import-changed">~ {day.date} {t(`timeEditors.calendar.kind.${before.kind}`)} → {t(`timeEditors.calendar.kind.${day.kind}`)} {label(day.name)}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      </Modal>
    </>
  );
}
