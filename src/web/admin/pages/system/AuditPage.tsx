import { SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Alert, AutoComplete, Button, Card, DatePicker, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { z } from 'zod';
import type { AuditEntry, AuditPage as AuditPageShape, AuditVerify } from '../../../../contracts/audit';
import { api, errorText } from '../../../api';
import { roleName, useI18n } from '../../../i18n';
import { formatTime } from '../../format';
import { AuditDrawer } from './AuditDrawer';
import { ACTIONS, actionLabel } from './auditActions';

type Filters = {
  range?: [Dayjs | null, Dayjs | null] | null;
  actor?: string;
  action?: string;
  result?: AuditEntry['result'];
  targetType?: string;
  targetId?: string;
};

const RESULT_COLOR: Record<AuditEntry['result'], string> = { ok: 'success', denied: 'warning', failed: 'error' };

export default function AuditPage() {
  const { t } = useI18n();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [open, setOpen] = useState<AuditEntry | null>(null);

  const query = {
    from: filters.range?.[0]?.startOf('minute').toISOString(),
    to: filters.range?.[1]?.endOf('minute').toISOString(),
    actor: filters.actor?.trim(),
    action: filters.action?.trim(),
    result: filters.result,
    targetType: filters.targetType?.trim(),
    targetId: filters.targetId?.trim(),
    ...page,
  };
  const list = useQuery({
    queryKey: ['audit', query],
    queryFn: () => api.get<z.infer<typeof AuditPageShape>>('/api/audit', query),
    placeholderData: keepPreviousData,
  });
  const verify = useMutation({ mutationFn: () => api.get<z.infer<typeof AuditVerify>>('/api/audit/verify') });

  const actionOptions = ACTIONS.map((a) => ({ value: a, label: `${actionLabel(a, t)}（${a}）` }));
  const columns: ColumnsType<AuditEntry> = [
    { title: t('audit.seq'), dataIndex: 'seq', width: 80 },
    { title: t('audit.time'), dataIndex: 'at', width: 170, render: (v: string) => formatTime(v, true) },
    { title: t('audit.actor'), dataIndex: 'actorName', width: 140, render: (v: string | null) => v ?? '—' },
    { title: t('audit.role'), dataIndex: 'role', width: 140, render: (v: string | null) => (v ? roleName(v) : '—') },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      render: (v: string, e) => (
        <Space size={6} wrap>
          <span>{actionLabel(v, t, e.actionLabel)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {v}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('audit.target'),
      key: 'target',
      ellipsis: true,
      render: (_, e) => e.targetName ?? (e.targetType ? `${e.targetType}${e.targetId ? ` · ${e.targetId}` : ''}` : '—'),
    },
    {
      title: t('audit.result'),
      dataIndex: 'result',
      width: 90,
      render: (v: AuditEntry['result']) => <Tag color={RESULT_COLOR[v]}>{t(`audit.result.${v}`)}</Tag>,
    },
    {
      title: t('audit.ip'),
      dataIndex: 'ip',
      width: 130,
      render: (v: string | null, e) => (e.origin === 'web' ? (v ?? '—') : <Tag>{t(`audit.origin.${e.origin}`)}</Tag>),
    },
    {
      title: t('audit.detail'),
      key: 'actions',
      width: 80,
      render: (_, e) => (
        <Button type="link" size="small" onClick={() => setOpen(e)}>
          {t('common.detail')}
        </Button>
      ),
    },
  ];

  return (
    <Card
      title={t('audit.title')}
      extra={
        <Button icon={<SafetyCertificateOutlined />} onClick={() => verify.mutate()} loading={verify.isPending} data-testid="audit-verify">
          {t('audit.verify')}
        </Button>
      }
    >
      {(verify.data || verify.error) && (
        <Alert
          data-testid="audit-verify-result"
          role="status"
          style={{ marginBottom: 16 }}
          showIcon
          type={verify.data?.ok ? 'success' : 'error'}
          title={
            verify.error
              ? errorText(verify.error)
              : verify.data?.ok
                ? t('audit.verify.ok', { checked: verify.data.checked })
                : t('audit.verify.broken', { seq: verify.data?.firstBrokenSeq ?? '?', reason: verify.data?.reason ?? '' })
          }
          closable={{ onClose: () => verify.reset() }}
        />
      )}
      <Form
        form={form}
        layout="inline"
        onFinish={(v) => {
          setFilters(v);
          setPage((p) => ({ ...p, page: 1 }));
        }}
        style={{ marginBottom: 16, rowGap: 12 }}
        data-testid="audit-filters"
      >
        <Form.Item name="range" label={t('audit.range')}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item name="actor" label={t('audit.actor')}>
          <Input allowClear style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="action" label={t('audit.action')}>
          <AutoComplete
            allowClear
            style={{ width: 220 }}
            options={actionOptions}
            showSearch={{
              filterOption: (input, option) =>
                String(option?.label ?? '')
                  .toLowerCase()
                  .includes(input.toLowerCase()),
            }}
          />
        </Form.Item>
        <Form.Item name="result" label={t('audit.result')}>
          <Select
            allowClear
            style={{ width: 110 }}
            options={(['ok', 'denied', 'failed'] as const).map((r) => ({ value: r, label: t(`audit.result.${r}`) }))}
          />
        </Form.Item>
        <Form.Item name="targetType" label={t('audit.targetType')}>
          <Input allowClear style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="targetId" label={t('audit.targetId')}>
          <Input allowClear style={{ width: 200 }} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              {t('common.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setFilters({});
                setPage((p) => ({ ...p, page: 1 }));
              }}
            >
              {t('common.reset')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
      <Table<AuditEntry>
        rowKey="id"
        size="middle"
        data-testid="audit-table"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        onRow={(e) => ({ onDoubleClick: () => setOpen(e) })}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
      />
      <AuditDrawer entry={open} onClose={() => setOpen(null)} />
    </Card>
  );
}
