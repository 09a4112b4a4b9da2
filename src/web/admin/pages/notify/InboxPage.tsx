import { CheckOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Empty, List, Segmented, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { InboxItem } from '../../../../contracts/notify';
import { useI18n } from '../../../i18n';
import { useShowError } from '../../feedback';
import { formatTime } from '../../format';
import { useInbox, useMarkRead } from '../../inbox';

/** 站内信: the user's in-app messages, newest first, each markable as read, or all at once. */
export default function InboxPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const showError = useShowError();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const inbox = useInbox({ ...page, unread: unreadOnly ? 'true' : undefined });
  const mark = useMarkRead();
  const unread = inbox.data?.unread ?? 0;
  const markRead = (id: string | 'all') => mark.mutate(id, { onError: (err) => showError(err) });

  return (
    <Card
      title={
        <Space>
          <span>{t('notify.inbox.title')}</span>
          {unread > 0 && <Badge count={t('notify.inbox.unreadCount', { count: unread })} style={{ backgroundColor: '#1677ff' }} />}
        </Space>
      }
      extra={
        <Space>
          <Segmented
            value={unreadOnly ? 'unread' : 'all'}
            options={[
              { value: 'all', label: t('common.all') },
              { value: 'unread', label: t('notify.inbox.unreadOnly') },
            ]}
            onChange={(v) => {
              setUnreadOnly(v === 'unread');
              setPage((p) => ({ ...p, page: 1 }));
            }}
          />
          <Button
            icon={<CheckOutlined />}
            disabled={unread === 0}
            loading={mark.isPending && mark.variables === 'all'}
            onClick={() => markRead('all')}
          >
            {t('notify.inbox.markAllRead')}
          </Button>
        </Space>
      }
    >
      <List<InboxItem>
        data-testid="inbox-list"
        itemLayout="vertical"
        loading={inbox.isFetching && !inbox.data}
        dataSource={inbox.data?.items ?? []}
        locale={{
          emptyText: <Empty description={unreadOnly ? t('notify.inbox.noUnread') : t('notify.inbox.empty')} />,
        }}
        pagination={
          (inbox.data?.total ?? 0) > page.pageSize && {
            current: page.page,
            pageSize: page.pageSize,
            total: inbox.data?.total,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, s) => setPage({ page: p, pageSize: s }),
          }
        }
        renderItem={(m) => (
          <List.Item
            key={m.id}
            data-unread={!m.readAt}
            actions={[
              <Typography.Text key="at" type="secondary">
                {formatTime(m.createdAt)}
              </Typography.Text>,
              ...(m.link?.startsWith('/')
                ? [
                    <Button
                      key="open"
                      type="link"
                      size="small"
                      onClick={() => {
                        if (!m.readAt) markRead(m.id);
                        navigate(m.link as string);
                      }}
                    >
                      {t('notify.inbox.open')}
                    </Button>,
                  ]
                : []),
              ...(m.readAt
                ? []
                : [
                    <Button
                      key="read"
                      type="link"
                      size="small"
                      onClick={() => markRead(m.id)}
                      loading={mark.isPending && mark.variables === m.id}
                    >
                      {t('notify.inbox.markRead')}
                    </Button>,
                  ]),
            ]}
          >
            <List.Item.Meta
              avatar={<Badge status={m.readAt ? 'default' : 'processing'} aria-hidden />}
              title={
                <Space>
                  <Typography.Text strong={!m.readAt}>{m.title}</Typography.Text>
                  {!m.readAt && <Typography.Text type="secondary">（{t('notify.inbox.unread')}）</Typography.Text>}
                </Space>
              }
              description={<span style={{ whiteSpace: 'pre-wrap', color: 'rgba(0,0,0,0.75)' }}>{m.body}</span>}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
