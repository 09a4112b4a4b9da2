import { RedoOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import {
  CHANNEL_LABELS,
  CHANNELS,
  type Channel,
  OUTBOX_STATUS_LABELS,
  OUTBOX_STATUSES,
  type OutboxItem,
  type OutboxPage as OutboxPageData,
  type OutboxStatus,
} from '../../../../contracts/notify';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { useShowError } from '../../feedback';
import { formatTime } from '../../format';
import { useMe } from '../../session';

const OUTBOX_KEY = ['notify', 'outbox'] as const;
const STATUS_COLOR: Record<OutboxStatus, string> = { pending: 'default', sending: 'processing', sent: 'success', failed: 'error' };
// while anything is still on its way, the page follows it
const LIVE_REFRESH_MS = 5_000;

/** 消息发送记录: every message the outbox holds for the user's area, its state, and resend for failed ones. */
export default function OutboxPage() {
  const { t } = useI18n();
  const { access } = useMe();
  const client = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const [status, setStatus] = useState<OutboxStatus | undefined>();
  const [channel, setChannel] = useState<Channel | undefined>();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });

  const query = { status, channel, ...page };
  const list = useQuery({
    queryKey: [...OUTBOX_KEY, query],
    queryFn: () => api.get<OutboxPageData>('/api/notify/outbox', query),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.items.some((m) => m.status === 'pending' || m.status === 'sending') ? LIVE_REFRESH_MS : false),
  });
  const live = list.data?.items.some((m) => m.status === 'pending' || m.status === 'sending');

  const resend = useMutation({
    mutationFn: (id: string) => api.post<OutboxItem>(`/api/notify/outbox/${id}/resend`),
    onSuccess: () => message.success(t('notify.resent')),
    // a 409 (already sent again by someone else, a sign-in code) says why in the server's words
    onError: (err) => showError(err),
    onSettled: () => client.invalidateQueries({ queryKey: OUTBOX_KEY }),
  });

  const columns: ColumnsType<OutboxItem> = [
    {
      title: `${t('notify.channel')} / ${t('notify.recipient')}`,
      key: 'to',
      width: 180,
      render: (_, m) => (
        <Space orientation="vertical" size={0}>
          <span>{CHANNEL_LABELS[m.channel]}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: m.recipient }}>
            {m.recipient}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('notify.content'),
      key: 'content',
      render: (_, m) => (
        <Space orientation="vertical" size={0} style={{ width: '100%' }}>
          {m.subject && <Typography.Text strong>{m.subject}</Typography.Text>}
          {m.secret ? (
            <Typography.Text type="secondary" italic>
              {t('notify.secret')}
            </Typography.Text>
          ) : (
            <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
              {m.body}
            </Typography.Paragraph>
          )}
        </Space>
      ),
    },
    {
      title: t('notify.status'),
      dataIndex: 'status',
      width: 96,
      render: (v: OutboxStatus) => <Tag color={STATUS_COLOR[v]}>{OUTBOX_STATUS_LABELS[v]}</Tag>,
    },
    { title: t('notify.attempts'), key: 'attempts', width: 84, render: (_, m) => `${m.attempts} / ${m.maxAttempts}` },
    {
      title: t('notify.lastError'),
      dataIndex: 'lastError',
      width: 200,
      ellipsis: { showTitle: false },
      render: (v: string | null) =>
        v ? (
          <Tooltip title={v}>
            <Typography.Text type="danger">{v}</Typography.Text>
          </Tooltip>
        ) : (
          '—'
        ),
    },
    { title: t('notify.sentAt'), dataIndex: 'sentAt', width: 140, render: (v: string | null) => formatTime(v) },
    ...(access['notify:manage']
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 110,
            render: (_: unknown, m: OutboxItem) =>
              m.status !== 'failed' ? null : m.canResend ? (
                <Button
                  size="small"
                  icon={<RedoOutlined />}
                  loading={resend.isPending && resend.variables === m.id}
                  onClick={() => resend.mutate(m.id)}
                >
                  {t('notify.resend')}
                </Button>
              ) : (
                <Tooltip title={t('notify.resendSecret')}>
                  <Button size="small" icon={<RedoOutlined />} disabled>
                    {t('notify.resend')}
                  </Button>
                </Tooltip>
              ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title={t('notify.outbox.title')}
      extra={
        <Space>
          {live && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('notify.autoRefresh')}
            </Typography.Text>
          )}
          <Button icon={<ReloadOutlined />} onClick={() => list.refetch()} loading={list.isFetching}>
            {t('common.refresh')}
          </Button>
        </Space>
      }
    >
      <Space style={{ marginBottom: 16 }} wrap>
        <Select
          allowClear
          placeholder={t('notify.status')}
          aria-label={t('notify.status')}
          data-testid="outbox-status"
          style={{ width: 140 }}
          value={status}
          options={OUTBOX_STATUSES.map((s) => ({ value: s, label: OUTBOX_STATUS_LABELS[s] }))}
          onChange={(v) => {
            setStatus(v);
            setPage((p) => ({ ...p, page: 1 }));
          }}
        />
        <Select
          allowClear
          placeholder={t('notify.channel')}
          aria-label={t('notify.channel')}
          data-testid="outbox-channel"
          style={{ width: 180 }}
          value={channel}
          options={CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }))}
          onChange={(v) => {
            setChannel(v);
            setPage((p) => ({ ...p, page: 1 }));
          }}
        />
      </Space>
      <Table<OutboxItem>
        rowKey="id"
        size="middle"
        data-testid="outbox-table"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching && !list.data}
        expandable={{ expandedRowRender: (m) => <Details m={m} /> }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
      />
    </Card>
  );
}

function Details({ m }: { m: OutboxItem }) {
  const { t } = useI18n();
  const source = [m.source.module, m.source.type, m.source.id].filter(Boolean).join(' · ');
  return (
    <Descriptions size="small" column={2} bordered>
      <Descriptions.Item label={t('notify.content')} span={2}>
        {m.secret ? t('notify.secret') : <span style={{ whiteSpace: 'pre-wrap' }}>{m.body}</span>}
      </Descriptions.Item>
      <Descriptions.Item label={t('notify.createdAt')}>{formatTime(m.createdAt, true)}</Descriptions.Item>
      <Descriptions.Item label={t('notify.nextAttemptAt')}>{formatTime(m.nextAttemptAt, true)}</Descriptions.Item>
      <Descriptions.Item label={t('notify.source')}>{source || '—'}</Descriptions.Item>
      <Descriptions.Item label={t('notify.createdBy')}>{m.createdBy ?? '—'}</Descriptions.Item>
      {m.lastError && (
        <Descriptions.Item label={t('notify.lastError')} span={2}>
          {m.lastError}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}
