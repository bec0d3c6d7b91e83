/**
 * The platform administrator's page: every county (id, name, status, created, active version),
 * a new county from a catalog picked by name, disable and enable with a confirmation, and a new
 * county's administrator token and Open311 key shown once; whether a county's publishing and
 * activating need a second county administrator (docs/approvals.md), switched here at once.
 */
import { Alert, Button, Form, Input, Popconfirm, Select, Switch, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-error';
import { PlatformClient, type CountySummary, type CreatedCounty, type PlatformCatalog } from '../api/platform-client';
import { approvalsText } from '../i18n/approvals';
import { registerTexts } from '../i18n/register-texts';
import { useLabel } from '../i18n/use-label';
import { useSession } from '../session/session-context';
import { CreatedCountyCard } from './created-county-card';

registerTexts('approvals', approvalsText);

const COUNTY_ID = /^[a-z][a-z0-9-]{1,63}$/;

interface NewCounty {
  id: string;
  name: string;
  catalog: string;
}

export function CountiesPage() {
  const { t } = useTranslation();
  const label = useLabel();
  const { token } = useSession();
  const client = useMemo(() => new PlatformClient(token), [token]);
  const [counties, setCounties] = useState<CountySummary[] | null>(null);
  const [catalogs, setCatalogs] = useState<PlatformCatalog[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedCounty | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<NewCounty>();

  const reload = useCallback(async () => {
    try {
      setCounties((await client.counties()).counties);
    } catch (e) {
      setError(t('counties.loadFailed', { message: (e as Error).message }));
    }
  }, [client, t]);

  useEffect(() => {
    void reload();
    client.catalogs().then((c) => setCatalogs(c.catalogs), (e: Error) => setError(t('counties.loadFailed', { message: e.message })));
  }, [client, reload, t]);

  const create = async (values: NewCounty) => {
    setSaving(true);
    setError(null);
    try {
      const answer = await client.createCounty({ id: values.id, name: values.name.trim(), catalog: values.catalog });
      setCreated(answer);
      form.resetFields();
      await reload();
    } catch (e) {
      const field = e instanceof ApiError ? e.details.field : undefined;
      if (field === 'id' || field === 'name' || field === 'catalog') form.setFields([{ name: field, errors: [(e as Error).message] }]);
      else setError((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  const setStatus = async (county: CountySummary, status: CountySummary['status']) => {
    try {
      await client.setStatus(county.id, status);
      await reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const setRequireApproval = async (county: CountySummary, on: boolean) => {
    try {
      await client.setRequireApproval(county.id, on);
      await reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const columns = [
    { title: t('counties.columns.id'), dataIndex: 'id', key: 'id' },
    { title: t('counties.columns.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('counties.columns.status'),
      key: 'status',
      render: (_: unknown, c: CountySummary) => <Tag color={c.status === 'active' ? 'green' : 'default'}>{t(`counties.status.${c.status}`)}</Tag>,
    },
    { title: t('counties.columns.created'), key: 'created', render: (_: unknown, c: CountySummary) => dayjs(c.createdAt).format('YYYY-MM-DD HH:mm') },
    { title: t('counties.columns.version'), key: 'version', render: (_: unknown, c: CountySummary) => (c.activeVersion === null ? '—' : `v${c.activeVersion}`) },
    {
      title: t('approvals.title'),
      key: 'approval',
      render: (_: unknown, c: CountySummary) => (
        <Switch size="small" checked={c.requireApproval} onChange={(on) => void setRequireApproval(c, on)} aria-label={`${t('approvals.title')} ${c.name}`} data-testid={`approval-${c.id}`} />
      ),
    },
    {
      title: t('counties.columns.actions'),
      key: 'actions',
      render: (_: unknown, c: CountySummary) => {
        const disabling = c.status === 'active';
        return (
          <Popconfirm
            title={t(disabling ? 'counties.disableConfirm' : 'counties.enableConfirm', { name: c.name })}
            okText={t('counties.ok')}
            cancelText={t('counties.cancel')}
            okButtonProps={{ danger: disabling }}
            onConfirm={() => setStatus(c, disabling ? 'disabled' : 'active')}
          >
            <Button size="small" danger={disabling} data-testid={`toggle-${c.id}`}>
              {t(disabling ? 'counties.disable' : 'counties.enable')}
            </Button>
          </Popconfirm>
        );
      },
    },
  ];

  return (
    <main className="page counties-page">
      <h1>{t('counties.title')}</h1>
      <p className="muted">{t('counties.intro')}</p>
      {error && <Alert type="error" showIcon title={error} closable onClose={() => setError(null)} />}
      {created && <CreatedCountyCard created={created} onDone={() => setCreated(null)} />}
      <Table<CountySummary>
        rowKey="id"
        size="small"
        loading={counties === null}
        dataSource={counties ?? []}
        columns={columns}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('counties.empty') }}
        data-testid="counties-table"
      />
      <h2>{t('counties.create')}</h2>
      <Form<NewCounty> form={form} layout="vertical" onFinish={create} className="new-county-form" style={{ maxWidth: 480 }}>
        <Form.Item
          name="id"
          label={t('counties.form.id')}
          extra={t('counties.form.idHelp')}
          rules={[{ required: true, message: t('counties.form.idRequired') }, { pattern: COUNTY_ID, message: t('counties.form.idMalformed') }]}
        >
          <Input id="county-id" autoComplete="off" />
        </Form.Item>
        <Form.Item name="name" label={t('counties.form.name')} rules={[{ required: true, whitespace: true, message: t('counties.form.nameRequired') }]}>
          <Input id="county-name" placeholder={t('counties.form.namePlaceholder')} autoComplete="off" />
        </Form.Item>
        <Form.Item name="catalog" label={t('counties.form.catalog')} rules={[{ required: true, message: t('counties.form.catalogRequired') }]}>
          <Select id="county-catalog" options={catalogs.map((c) => ({ value: c.id, label: label(c.name, c.id) }))} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('counties.form.submit')}
        </Button>
      </Form>
    </main>
  );
}
