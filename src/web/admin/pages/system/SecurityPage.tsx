import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Form, InputNumber, Popconfirm, Row, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect } from 'react';
import type { z } from 'zod';
import type { SecuritySettings, SessionItem, SessionList } from '../../../../contracts/accounts';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { PageLoading } from '../../components/Results';
import { useShowError } from '../../feedback';
import { browserOf, formatTime } from '../../format';
import { useMe } from '../../session';

type Session = z.infer<typeof SessionItem>;

// the bounds of contracts/accounts.ts SecuritySettings, so the form refuses what the server would
const NUMBER_FIELDS: { name: keyof SecuritySettings; label: string; min: number; max: number; help?: string }[] = [
  { name: 'passwordMinLength', label: 'security.passwordMinLength', min: 8, max: 64 },
  { name: 'passwordMinClasses', label: 'security.passwordMinClasses', min: 2, max: 4, help: 'security.passwordMinClassesHelp' },
  { name: 'lockoutThreshold', label: 'security.lockoutThreshold', min: 3, max: 20 },
  { name: 'lockoutMinutes', label: 'security.lockoutMinutes', min: 1, max: 1440 },
  { name: 'idleMinutes', label: 'security.idleMinutes', min: 5, max: 1440 },
  { name: 'absoluteHours', label: 'security.absoluteHours', min: 1, max: 72 },
];

export default function SecurityPage() {
  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} xl={8}>
        <SettingsCard />
      </Col>
      <Col xs={24} xl={16}>
        <SessionsCard />
      </Col>
    </Row>
  );
}

function SettingsCard() {
  const { t } = useI18n();
  const [form] = Form.useForm<SecuritySettings>();
  const client = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const settings = useQuery({ queryKey: ['security', 'settings'], queryFn: () => api.get<SecuritySettings>('/api/security/settings') });
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);
  const save = useMutation({
    mutationFn: (v: SecuritySettings) => api.put<SecuritySettings>('/api/security/settings', v),
    onSuccess: async (saved) => {
      client.setQueryData(['security', 'settings'], saved);
      // the password policy shown in forms comes with the user
      await client.invalidateQueries({ queryKey: ['me'] });
      message.success(t('common.saved'));
    },
    onError: (err) => showError(err, form),
  });
  if (settings.isPending) return <PageLoading />;
  return (
    <Card title={t('security.settings')}>
      <Form form={form} layout="vertical" initialValues={settings.data} onFinish={(v) => save.mutate(v)} data-testid="security-settings">
        {NUMBER_FIELDS.map((f) => (
          <Form.Item
            key={f.name}
            name={f.name}
            label={t(f.label)}
            extra={f.help ? t(f.help) : undefined}
            rules={[{ required: true }, { type: 'number', min: f.min, max: f.max }]}
          >
            <InputNumber min={f.min} max={f.max} precision={0} style={{ width: 160 }} />
          </Form.Item>
        ))}
        <Form.Item name="staffTotpRequired" label={t('security.staffTotpRequired')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}

function SessionsCard() {
  const { t } = useI18n();
  const { me } = useMe();
  const client = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const sessions = useQuery({
    queryKey: ['security', 'sessions'],
    queryFn: async () => (await api.get<z.infer<typeof SessionList>>('/api/sessions')).sessions,
  });
  const end = useMutation({
    mutationFn: (id: string) => api.del(`/api/sessions/${id}`),
    onSuccess: async () => {
      message.success(t('security.session.ended'));
      await client.invalidateQueries({ queryKey: ['security', 'sessions'] });
    },
    onError: (err) => showError(err),
  });
  const columns: ColumnsType<Session> = [
    {
      title: t('security.session.user'),
      dataIndex: 'username',
      width: 170,
      render: (v: string, s) => (
        <Space size={4} wrap>
          {v}
          {s.accountId === me?.account.id && <Tag color="blue">{t('security.session.mine')}</Tag>}
        </Space>
      ),
    },
    { title: t('security.session.ip'), dataIndex: 'ip', width: 120, render: (v: string | null) => v ?? '—' },
    {
      title: t('security.session.agent'),
      dataIndex: 'userAgent',
      // the only column without a fixed width: it took what the others left, down to one character
      // per line on a narrow window; now it keeps a width, stays on one line and the table scrolls
      width: 220,
      ellipsis: { showTitle: false },
      render: (v: string | null) => (
        <Tooltip title={v}>
          <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
            {browserOf(v)}
          </Typography.Text>
        </Tooltip>
      ),
    },
    { title: t('security.session.created'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatTime(v) },
    { title: t('security.session.lastSeen'), dataIndex: 'lastSeenAt', width: 150, render: (v: string) => formatTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_, s) => (
        <Popconfirm
          title={t('security.session.endConfirm', { name: s.username })}
          onConfirm={() => end.mutate(s.id)}
          okButtonProps={{ danger: true }}
        >
          <Button type="link" danger size="small">
            {t('security.session.end')}
          </Button>
        </Popconfirm>
      ),
    },
  ];
  return (
    <Card
      title={t('security.sessions')}
      extra={
        <Button onClick={() => sessions.refetch()} loading={sessions.isFetching}>
          {t('common.refresh')}
        </Button>
      }
    >
      <Table<Session>
        rowKey="id"
        size="middle"
        data-testid="sessions-table"
        columns={columns}
        dataSource={sessions.data}
        loading={sessions.isPending}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
}
