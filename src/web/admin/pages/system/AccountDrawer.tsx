import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Form, type FormInstance, Input, Select, Space, Switch } from 'antd';
import type { z } from 'zod';
import type { AccountItem, ResourceOptions } from '../../../../contracts/accounts';
import { api } from '../../../api';
import { roleName, useI18n } from '../../../i18n';
import { useShowError } from '../../feedback';
import { pathLabel, useOrgUnits } from '../../org';
import { useRoles } from '../../roles';
import { useMe } from '../../session';

type Grant = { role?: string; orgId?: string; resourceKind?: string | null; resourceId?: string | null };
type Values = {
  username?: string;
  displayName: string;
  initialPassword?: string;
  disabled?: boolean;
  roles: Grant[];
  signInPhone?: string;
};

/** Create an account, or edit one's name, roles and state. */
export function AccountDrawer({ account, onClose }: { account?: AccountItem; onClose: () => void }) {
  const { t } = useI18n();
  const { me } = useMe();
  const [form] = Form.useForm<Values>();
  const client = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const editing = !!account;

  const save = useMutation({
    mutationFn: (v: Values) =>
      editing
        ? api.patch<AccountItem>(`/api/accounts/${account.id}`, {
            displayName: v.displayName,
            disabled: v.disabled,
            roles: v.roles,
            // left empty: the sign-in phone stays as it is
            ...(v.signInPhone?.trim() && { signInPhone: v.signInPhone.trim() }),
          })
        : api.post<AccountItem>('/api/accounts', v),
    onSuccess: async () => {
      message.success(t(editing ? 'common.saved' : 'accounts.created'));
      await client.invalidateQueries({ queryKey: ['accounts'] });
      onClose();
    },
    onError: (err) => showError(err, form),
  });

  const initial: Values = account
    ? {
        displayName: account.displayName,
        disabled: account.disabled,
        roles: account.roles.map((g) => ({ role: g.role, orgId: g.orgId, resourceKind: g.resource?.kind, resourceId: g.resource?.id })),
      }
    : { displayName: '', roles: [{}] };
  const policy = me?.passwordPolicy;

  return (
    <Drawer
      open
      size={560}
      title={editing ? `${t('accounts.edit')} · ${account.username}` : t('accounts.create')}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Space style={{ float: 'right' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="account-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        {!editing && (
          <Form.Item name="username" label={t('accounts.username')} rules={[{ required: true, whitespace: true }]}>
            <Input autoComplete="off" maxLength={32} />
          </Form.Item>
        )}
        <Form.Item name="displayName" label={t('accounts.displayName')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={40} />
        </Form.Item>
        {!editing && (
          <Form.Item
            name="initialPassword"
            label={t('accounts.initialPassword')}
            rules={[{ required: true }]}
            extra={`${t('accounts.initialPasswordHelp')} ${policy ? t('login.password.policy', policy) : ''}`}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item label={t('accounts.roles')} required>
          <Form.List name="roles">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <GrantRow
                    key={field.key}
                    form={form}
                    index={field.name}
                    onRemove={fields.length > 1 ? () => remove(field.name) : undefined}
                  />
                ))}
                <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({})}>
                  {t('accounts.addRole')}
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>
        {editing && (
          <Form.Item name="signInPhone" label={t('accounts.signInPhone')} extra={t('accounts.signInPhoneHelp')}>
            <Input inputMode="numeric" maxLength={11} autoComplete="off" />
          </Form.Item>
        )}
        {editing && (
          <Form.Item name="disabled" label={t('accounts.disabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Drawer>
  );
}

/**
 * One grant: a role that may be granted, over a unit of a kind that role allows — or, for a role a
 * module grants on its own resources (an employer, a branch …), over one of those, by name.
 */
function GrantRow({ form, index, onRemove }: { form: FormInstance<Values>; index: number; onRemove?: () => void }) {
  const { t } = useI18n();
  const { me } = useMe();
  const { data: roles } = useRoles();
  const { data: units } = useOrgUnits();
  const roleCode = Form.useWatch(['roles', index, 'role'], form);
  const role = roles?.find((r) => r.code === roleCode);
  const resourceKind = role?.scopeKinds.find((k) => k.includes('.'));
  const resources = useQuery({
    queryKey: ['resource-options', resourceKind],
    enabled: !!resourceKind,
    queryFn: () => api.get<z.infer<typeof ResourceOptions>>('/api/accounts/resource-options', { kind: resourceKind }),
  });
  const scopeOptions = (units ?? [])
    .filter((u) => role?.scopeKinds.includes(u.kind as 'subdistrict' | 'neighborhood'))
    .map((u) => ({ value: u.id, label: pathLabel(units ?? [], u.id) }));
  return (
    <Space align="start" style={{ display: 'flex', marginBottom: 8 }} data-testid={`grant-${index}`}>
      <Form.Item name={[index, 'role']} rules={[{ required: true, message: t('accounts.roleRequired') }]} style={{ marginBottom: 0 }}>
        <Select
          style={{ width: 200 }}
          placeholder={t('accounts.role')}
          aria-label={t('accounts.role')}
          data-testid={`grant-${index}-role`}
          options={(roles ?? []).filter((r) => r.assignable).map((r) => ({ value: r.code, label: roleName(r.code) }))}
          onChange={(code: string) => {
            const kind = roles?.find((r) => r.code === code)?.scopeKinds.find((k) => k.includes('.'));
            // a grant on a resource is anchored on the subdistrict
            form.setFieldValue(['roles', index], { role: code, orgId: kind ? me?.subdistrict.id : undefined, resourceKind: kind ?? null });
          }}
        />
      </Form.Item>
      {resourceKind ? (
        <Form.Item
          name={[index, 'resourceId']}
          rules={[{ required: true, message: t('accounts.scopeRequired') }]}
          style={{ marginBottom: 0 }}
        >
          <Select
            style={{ width: 240 }}
            placeholder={resources.data?.label ?? t('accounts.scope')}
            aria-label={resources.data?.label ?? t('accounts.scope')}
            data-testid={`grant-${index}-scope`}
            loading={resources.isPending}
            showSearch={{ optionFilterProp: 'label' }}
            options={(resources.data?.options ?? []).map((o) => ({ value: o.id, label: o.name }))}
          />
        </Form.Item>
      ) : (
        <Form.Item name={[index, 'orgId']} rules={[{ required: true, message: t('accounts.scopeRequired') }]} style={{ marginBottom: 0 }}>
          <Select
            style={{ width: 240 }}
            placeholder={t('accounts.scope')}
            aria-label={t('accounts.scope')}
            data-testid={`grant-${index}-scope`}
            disabled={!role}
            showSearch={{ optionFilterProp: 'label' }}
            options={scopeOptions}
          />
        </Form.Item>
      )}
      {resourceKind && (
        <Form.Item name={[index, 'orgId']} noStyle>
          <Input type="hidden" />
        </Form.Item>
      )}
      <Form.Item name={[index, 'resourceKind']} noStyle>
        <Input type="hidden" />
      </Form.Item>
      {onRemove && (
        <Button
          type="text"
          aria-label={t('accounts.removeRole')}
          icon={<MinusCircleOutlined />}
          onClick={onRemove}
          style={{ marginTop: 0 }}
        />
      )}
    </Space>
  );
}
