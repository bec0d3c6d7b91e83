/** The form of a person's account: name, phone, username, role and unit (a grid for grid workers), in a dialog. */
import { Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompiledConfig } from '../../../engine/index';
import type { Account, AccountInput } from '../api/accounts-client';
import { useLabel } from '../i18n/use-label';

export const ACCOUNT_ROLES = ['county_admin', 'dispatcher', 'handler', 'grid_worker', 'policy_designer'] as const;
const UNIT_ROLES = ['dispatcher', 'handler', 'grid_worker'];

interface Values {
  name: string;
  phone?: string;
  username?: string;
  role: string;
  unit?: string;
}

export function AccountForm({ open, account, compiled, busy, error, onSubmit, onCancel }: { open: boolean; account: Account | null; compiled: CompiledConfig | null; busy: boolean; error: { field?: string; message: string } | null; onSubmit: (input: AccountInput) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const [form] = Form.useForm<Values>();
  const role = Form.useWatch('role', form);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(account ? { name: account.name, phone: account.phone ?? undefined, username: account.username ?? undefined, role: account.role, unit: account.unit ?? undefined } : { role: 'grid_worker' });
  }, [open, account, form]);
  useEffect(() => {
    if (error?.field && ['name', 'phone', 'username', 'role', 'unit'].includes(error.field)) form.setFields([{ name: error.field as keyof Values, errors: [error.message] }]);
  }, [error, form]);

  const units = (compiled?.config.units ?? []).filter((u) => (role === 'grid_worker' ? u.kind === 'grid' : u.kind !== 'grid'));
  const needsUnit = UNIT_ROLES.includes(role ?? '');
  return (
    <Modal
      open={open}
      title={account ? `${t('accounts.account.edit')} · ${account.name}` : t('accounts.account.add')}
      okText={t('accounts.account.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onCancel={onCancel}
      onOk={() => form.submit()}
      destroyOnHidden
      width={520}
    >
      <Form
        form={form}
        layout="vertical"
        name="account"
        onFinish={(v) =>
          onSubmit({
            name: v.name.trim(),
            phone: v.phone?.trim() ? v.phone.trim() : null,
            username: v.username?.trim() ? v.username.trim() : null,
            role: v.role,
            unit: UNIT_ROLES.includes(v.role) ? (v.unit ?? null) : null,
          })
        }
      >
        <Form.Item name="name" label={t('accounts.account.name')} rules={[{ required: true, whitespace: true, message: t('accounts.account.nameRequired') }]}>
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('accounts.account.phone')}
          dependencies={['username']}
          rules={[({ getFieldValue }) => ({ validator: (_r, v) => (v?.trim() || getFieldValue('username')?.trim() ? Promise.resolve() : Promise.reject(new Error(t('accounts.account.loginRequired')))) })]}
        >
          <Input inputMode="tel" autoComplete="off" />
        </Form.Item>
        <Form.Item name="username" label={t('accounts.account.username')}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="role" label={t('accounts.account.role')} rules={[{ required: true }]}>
          <Select options={ACCOUNT_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        </Form.Item>
        {needsUnit && (
          <Form.Item name="unit" label={t('accounts.account.unit')} extra={role === 'grid_worker' ? t('accounts.account.unitHelpGrid') : undefined} rules={[{ required: true, message: t('accounts.account.unit') }]}>
            <Select showSearch optionFilterProp="label" options={units.map((u) => ({ value: u.id, label: `${label(u.name, u.id)} (${u.id})` }))} />
          </Form.Item>
        )}
        {error && !['name', 'phone', 'username', 'role', 'unit'].includes(error.field ?? '') && <p className="error-text" role="alert">{error.message}</p>}
      </Form>
    </Modal>
  );
}
