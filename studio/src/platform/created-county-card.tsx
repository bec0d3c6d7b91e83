/** A new county's administrator token and Open311 key, shown once with copy buttons. */
import { Alert, Button, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CreatedCounty } from '../api/platform-client';

export function CreatedCountyCard({ created, onDone }: { created: CreatedCounty; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <Card className="created-county" data-testid="created-county" style={{ marginBottom: 16 }} title={t('counties.created', { name: created.county.name, id: created.county.id })}>
      <Alert type="warning" showIcon title={t('counties.onceWarning')} />
      <dl className="once-secrets">
        <dt>{t('counties.adminToken')}</dt>
        <dd>
          <Typography.Text code copyable data-testid="admin-token" style={{ wordBreak: 'break-all' }}>
            {created.adminToken}
          </Typography.Text>
        </dd>
        <dt>{t('counties.open311Key')}</dt>
        <dd>
          <Typography.Text code copyable data-testid="open311-key" style={{ wordBreak: 'break-all' }}>
            {created.open311Key}
          </Typography.Text>
        </dd>
      </dl>
      <Button type="primary" onClick={onDone}>
        {t('counties.done')}
      </Button>
    </Card>
  );
}
