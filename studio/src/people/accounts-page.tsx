/**
 * People and machines of the county, for its administrator: accounts (create, edit, disable,
 * reset a password: the temporary password shown once) and API tokens (issue: shown once,
 * last use, revoke). Tables scroll sideways on a phone.
 */
import { Alert, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { accountsApi, type Account, type AccountInput, type ApiToken } from '../api/accounts-client';
import type { ApiError } from '../api/api-error';
import { useLanguage } from '../i18n/use-label';
import { useCountyConfig } from '../ops/use-county-config';
import { useSession } from '../session/session-context';
import { formatDateTime } from '../util/zoned';
import { AccountForm, ACCOUNT_ROLES } from './account-form';
import { PeopleImportButton } from './people-import-dialog';
import '../session/people.css';

type Secret = { title: string; value: string } | null;

export function AccountsPage() {
  const { t } = useTranslation();
  const { token, me } = useSession();
  const api = useMemo(() => accountsApi(token, me.county), [token, me.county]);
  const { compiled } = useCountyConfig();
  const language = useLanguage();
  const zone = compiled?.timeZone ?? 'Asia/Shanghai';
  const when = (iso: string | null, never: string) => (iso ? formatDateTime(iso, zone, language) : never);
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [tokens, setTokens] = useState<ApiToken[] | null>(null);
  const [editing, setEditing] = useState<Account | 'new' | null>(null);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<{ field?: string; message: string } | null>(null);
  const [secret, setSecret] = useState<Secret>(null);
  const [error, setError] = useState<string | null>(null);
  const [issuing, setIssuing] = useState(false);

  const reload = useCallback(() => {
    api.list().then((r) => setAccounts(r.accounts), (e: Error) => setError(e.message));
    api.tokens().then((r) => setTokens(r.tokens), (e: Error) => setError(e.message));
  }, [api]);
  useEffect(reload, [reload]);

  const save = async (input: AccountInput) => {
    setBusy(true);
    setFormError(null);
    try {
      if (editing === 'new') {
        const created = await api.create(input);
        setSecret({ title: `${t('accounts.account.created', { name: created.account.name })}. ${t('accounts.account.tempPassword')}`, value: created.temporaryPassword });
      } else if (editing) {
        await api.update(editing.id, input);
      }
      setEditing(null);
      reload();
    } catch (e) {
      const err = e as ApiError;
      setFormError({ field: err.details?.field, message: err.message });
    } finally {
      setBusy(false);
    }
  };
  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const unitName = (id: string | null) => (id ? (compiled?.unit(id)?.name?.[language] ?? id) : '—');
  const accountColumns = [
    { title: t('accounts.account.name'), dataIndex: 'name', key: 'name', fixed: 'left' as const },
    { title: t('accounts.account.phone'), key: 'login', render: (_: unknown, a: Account) => [a.phone, a.username].filter(Boolean).join(' / ') },
    { title: t('accounts.account.role'), dataIndex: 'role', key: 'role', render: (r: string) => t(`role.${r}`) },
    { title: t('accounts.account.unit'), dataIndex: 'unit', key: 'unit', render: unitName },
    {
      title: t('accounts.account.status'),
      key: 'status',
      render: (_: unknown, a: Account) => (
        <Space size={4} wrap>
          {a.disabled ? <Tag color="default">{t('accounts.account.disabled')}</Tag> : <Tag color="green">{t('accounts.account.active')}</Tag>}
          {a.passwordChangeRequired && <Tag color="gold">{t('accounts.account.mustChange')}</Tag>}
          {a.lockedUntil && Date.parse(a.lockedUntil) > Date.now() && <Tag color="red">{t('accounts.account.locked', { until: when(a.lockedUntil, '') })}</Tag>}
        </Space>
      ),
    },
    { title: t('accounts.account.lastSignIn'), dataIndex: 'lastSignInAt', key: 'lastSignInAt', render: (v: string | null) => when(v, t('accounts.account.never')) },
    {
      title: '',
      key: 'actions',
      render: (_: unknown, a: Account) => (
        <Space size={4} wrap>
          <Button size="small" onClick={() => (setFormError(null), setEditing(a))}>
            {t('accounts.account.edit')}
          </Button>
          {a.disabled ? (
            <Button size="small" onClick={() => act(() => api.update(a.id, { disabled: false }))}>
              {t('accounts.account.enable')}
            </Button>
          ) : (
            <Popconfirm title={t('accounts.account.disableConfirm', { name: a.name })} okText={t('common.ok')} cancelText={t('common.cancel')} onConfirm={() => act(() => api.update(a.id, { disabled: true }))}>
              <Button size="small" danger>
                {t('accounts.account.disable')}
              </Button>
            </Popconfirm>
          )}
          <Popconfirm
            title={t('accounts.account.resetConfirm', { name: a.name })}
            okText={t('common.ok')}
            cancelText={t('common.cancel')}
            onConfirm={() => act(async () => setSecret({ title: t('accounts.account.tempPassword'), value: (await api.resetPassword(a.id)).temporaryPassword }))}
          >
            <Button size="small">{t('accounts.account.resetPassword')}</Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];
  const tokenColumns = [
    { title: t('accounts.token.label'), dataIndex: 'label', key: 'label', render: (v: string | null) => v ?? '—' },
    { title: t('accounts.token.role'), dataIndex: 'role', key: 'role', render: (r: string) => t(`role.${r}`, { defaultValue: r }) },
    { title: t('accounts.token.unit'), dataIndex: 'unit', key: 'unit', render: unitName },
    { title: t('accounts.token.createdAt'), dataIndex: 'createdAt', key: 'createdAt', render: (v: string) => when(v, '') },
    { title: t('accounts.token.lastUsed'), dataIndex: 'lastUsedAt', key: 'lastUsedAt', render: (v: string | null) => when(v, t('accounts.token.never')) },
    {
      title: '',
      key: 'actions',
      render: (_: unknown, k: ApiToken) =>
        k.revoked ? (
          <Tag>{t('accounts.token.revoked')}</Tag>
        ) : (
          <Popconfirm title={t('accounts.token.revokeConfirm', { label: k.label ?? k.id })} okText={t('common.ok')} cancelText={t('common.cancel')} onConfirm={() => act(() => api.revokeToken(k.id))}>
            <Button size="small" danger>
              {t('accounts.token.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <main className="page people-page">
      <h1>{t('accounts.page.title')}</h1>
      {error && <Alert type="error" showIcon message={error} closable onClose={() => setError(null)} style={{ marginBottom: 12 }} />}
      {secret && (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setSecret(null)}
          style={{ marginBottom: 12 }}
          message={secret.title}
          description={
            <Typography.Paragraph copyable={{ text: secret.value }} className="people-secret" data-testid="secret">
              {secret.value}
            </Typography.Paragraph>
          }
        />
      )}
      <Tabs
        items={[
          {
            key: 'people',
            label: t('accounts.page.people'),
            children: (
              <>
                <Button type="primary" onClick={() => (setFormError(null), setEditing('new'))} style={{ marginBottom: 12 }}>
                  {t('accounts.account.add')}
                </Button>
                <PeopleImportButton onImported={reload} />
                <Table rowKey="id" size="small" loading={accounts === null} dataSource={accounts ?? []} columns={accountColumns} pagination={{ pageSize: 50, hideOnSinglePage: true }} scroll={{ x: 'max-content' }} locale={{ emptyText: t('accounts.account.empty') }} />
              </>
            ),
          },
          {
            key: 'tokens',
            label: t('accounts.page.tokens'),
            children: (
              <>
                <Button type="primary" onClick={() => setIssuing(true)} style={{ marginBottom: 12 }}>
                  {t('accounts.token.add')}
                </Button>
                <Table rowKey="id" size="small" loading={tokens === null} dataSource={tokens ?? []} columns={tokenColumns} pagination={{ pageSize: 50, hideOnSinglePage: true }} scroll={{ x: 'max-content' }} locale={{ emptyText: t('accounts.token.empty') }} />
              </>
            ),
          },
        ]}
      />
      <AccountForm open={editing !== null} account={editing === 'new' ? null : editing} compiled={compiled} busy={busy} error={formError} onSubmit={save} onCancel={() => setEditing(null)} />
      <IssueTokenDialog
        open={issuing}
        onCancel={() => setIssuing(false)}
        onIssue={async (input) => {
          const issued = await api.issueToken(input);
          setIssuing(false);
          setSecret({ title: t('accounts.token.issued'), value: issued.token });
          reload();
        }}
        units={(compiled?.config.units ?? []).map((u) => ({ value: u.id, label: `${u.name?.[language] ?? u.id} (${u.id})` }))}
      />
    </main>
  );
}

function IssueTokenDialog({ open, units, onIssue, onCancel }: { open: boolean; units: Array<{ value: string; label: string }>; onIssue: (input: { label: string; role: string; unit?: string | null }) => Promise<void>; onCancel: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ label: string; role: string; unit?: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Modal open={open} title={t('accounts.token.add')} okText={t('accounts.token.add')} cancelText={t('common.cancel')} confirmLoading={busy} onCancel={onCancel} onOk={() => form.submit()} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        name="token"
        initialValues={{ role: 'dispatcher' }}
        onFinish={async (v) => {
          setBusy(true);
          setError(null);
          try {
            await onIssue({ label: v.label.trim(), role: v.role, unit: v.unit ?? null });
            form.resetFields();
          } catch (e) {
            setError((e as Error).message);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item name="label" label={t('accounts.token.label')} rules={[{ required: true, whitespace: true, message: t('accounts.token.labelRequired') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="role" label={t('accounts.token.role')}>
          <Select options={ACCOUNT_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        </Form.Item>
        <Form.Item name="unit" label={t('accounts.token.unit')}>
          <Select allowClear showSearch optionFilterProp="label" options={units} />
        </Form.Item>
        {error && <p className="error-text" role="alert">{error}</p>}
      </Form>
    </Modal>
  );
}
