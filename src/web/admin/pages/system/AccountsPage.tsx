import { EditOutlined, KeyOutlined, PlusOutlined, SafetyOutlined, UnlockOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Popconfirm, Select, Space, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import type { z } from 'zod';
import type { AccountItem, AccountPage } from '../../../../contracts/accounts';
import { api } from '../../../api';
import { roleName, useI18n } from '../../../i18n';
import { useShowError } from '../../feedback';
import { formatTime } from '../../format';
import { useRoles } from '../../roles';
import { useMe } from '../../session';
import { AccountDrawer } from './AccountDrawer';
import { ResetPasswordModal } from './ResetPasswordModal';

type Page = z.infer<typeof AccountPage>;
export const ACCOUNTS_KEY = ['accounts'] as const;

export default function AccountsPage() {
  const { t } = useI18n();
  const { access } = useMe();
  const { data: roles } = useRoles();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<string | undefined>();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [drawer, setDrawer] = useState<{ account?: AccountItem } | null>(null);
  const [resetting, setResetting] = useState<AccountItem | null>(null);
  const client = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();

  const list = useQuery({
    queryKey: [...ACCOUNTS_KEY, { q, role, ...page }],
    queryFn: () => api.get<Page>('/api/accounts', { q, role, ...page }),
    placeholderData: keepPreviousData,
  });

  const security = useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'unlock' | 'reset-totp' }) => api.post(`/api/accounts/${id}/${action}`),
    onSuccess: async (_, { action }) => {
      message.success(t(action === 'unlock' ? 'accounts.unlocked' : 'accounts.totpReset'));
      await client.invalidateQueries({ queryKey: ACCOUNTS_KEY });
    },
    onError: (err) => showError(err),
  });

  const adminRoles = new Set((roles ?? []).filter((r) => r.admin).map((r) => r.code));
  const isAdmin = (a: AccountItem) => a.roles.some((g) => adminRoles.has(g.role));

  const columns: ColumnsType<AccountItem> = [
    { title: t('accounts.username'), dataIndex: 'username', width: 140 },
    { title: t('accounts.displayName'), dataIndex: 'displayName', width: 160 },
    {
      title: t('accounts.roles'),
      key: 'roles',
      render: (_, a) => (
        <Space size={[4, 4]} wrap>
          {a.roles.map((g) => (
            <Tag key={`${g.role}:${g.orgId}`} color={adminRoles.has(g.role) ? 'volcano' : 'blue'} variant="filled">
              {roleName(g.role)} · {g.orgName}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('accounts.status'),
      key: 'status',
      width: 200,
      render: (_, a) => (
        <Space size={[4, 4]} wrap>
          {a.disabled ? (
            <Tag color="default">{t('accounts.status.disabled')}</Tag>
          ) : a.locked ? (
            <Tag color="error">{t('accounts.status.locked')}</Tag>
          ) : (
            <Tag color="success">{t('accounts.status.active')}</Tag>
          )}
          {a.mustChangePassword && <Tag color="warning">{t('accounts.status.mustChange')}</Tag>}
          {a.totpEnabled && <Tag color="processing">{t('accounts.status.totp')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('accounts.lastLogin'),
      dataIndex: 'lastLoginAt',
      width: 150,
      render: (v: string | null) => (v ? formatTime(v) : t('accounts.never')),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 300,
      render: (_, a) => (
        <Space size={0} wrap>
          {access['account:manage'] &&
            (isAdmin(a) ? (
              <Tooltip title={t('accounts.adminHint')}>
                <Button type="link" size="small" disabled icon={<EditOutlined />}>
                  {t('common.edit')}
                </Button>
              </Tooltip>
            ) : (
              <>
                <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setDrawer({ account: a })}>
                  {t('common.edit')}
                </Button>
                <Button type="link" size="small" icon={<KeyOutlined />} onClick={() => setResetting(a)}>
                  {t('accounts.resetPassword')}
                </Button>
              </>
            ))}
          {access['security:manage'] && a.locked && (
            <Button type="link" size="small" icon={<UnlockOutlined />} onClick={() => security.mutate({ id: a.id, action: 'unlock' })}>
              {t('accounts.unlock')}
            </Button>
          )}
          {access['security:manage'] && a.totpEnabled && (
            <Popconfirm
              title={t('accounts.resetTotpConfirm', { name: a.displayName })}
              onConfirm={() => security.mutate({ id: a.id, action: 'reset-totp' })}
            >
              <Button type="link" size="small" danger icon={<SafetyOutlined />}>
                {t('accounts.resetTotp')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={t('accounts.title')}
      extra={
        access['account:manage'] && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({})}>
            {t('accounts.create')}
          </Button>
        )
      }
    >
      <Space style={{ marginBottom: 16 }} wrap>
        <Input.Search
          allowClear
          placeholder={t('accounts.search')}
          aria-label={t('accounts.search')}
          onSearch={(v) => {
            setQ(v.trim());
            setPage((p) => ({ ...p, page: 1 }));
          }}
          style={{ width: 240 }}
        />
        <Select
          allowClear
          placeholder={t('accounts.roleFilter')}
          aria-label={t('accounts.roleFilter')}
          style={{ width: 200 }}
          value={role}
          onChange={(v) => {
            setRole(v);
            setPage((p) => ({ ...p, page: 1 }));
          }}
          options={(roles ?? []).filter((r) => r.code !== 'resident').map((r) => ({ value: r.code, label: roleName(r.code) }))}
        />
      </Space>
      <Table<AccountItem>
        rowKey="id"
        data-testid="accounts-table"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
      />
      {drawer && <AccountDrawer account={drawer.account} onClose={() => setDrawer(null)} />}
      {resetting && <ResetPasswordModal account={resetting} onClose={() => setResetting(null)} />}
    </Card>
  );
}
