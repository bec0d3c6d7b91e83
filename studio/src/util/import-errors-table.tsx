/** The bad rows of a spreadsheet import: row, column and what is wrong in the page's language, each row highlighted. */
import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportRowError } from '../api/imports-client';
import { registerTexts } from '../i18n/register-texts';
import { importsText } from '../i18n/imports';

registerTexts('imports', importsText);

export function ImportErrorsTable({ errors }: { errors: ImportRowError[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Table<ImportRowError>
      size="small"
      data-testid="import-errors"
      rowKey={(e) => `${e.row}\u0000${e.column}\u0000${e.code}`}
      rowClassName={() => 'import-error-row'}
      onRow={() => ({ style: { background: '#fff1f0' } })}
      pagination={errors.length > 50 ? { pageSize: 50 } : false}
      tableLayout="fixed"
      dataSource={errors}
      columns={[
        { title: t('imports.units.columns.row'), dataIndex: 'row', width: 56 },
        { title: t('imports.units.columns.column'), dataIndex: 'column', width: 112 },
        { title: t('imports.units.columns.message'), key: 'message', render: (_: unknown, e: ImportRowError) => <span className="import-error-message" style={{ overflowWrap: 'anywhere' }}>{i18n.language === 'en' ? e.message : e.messageZh}</span> },
      ]}
    />
  );
}
