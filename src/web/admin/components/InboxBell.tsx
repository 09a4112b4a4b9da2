import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, List, Popover, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { InboxItem } from '../../../contracts/notify';
import { useI18n } from '../../i18n';
import { useShowError } from '../feedback';
import { formatTime } from '../format';
import { useInbox, useMarkRead, useUnreadCount } from '../inbox';

/** The header bell: unread count (polled, and fetched again on return to the tab) and the latest messages. */
export function InboxBell() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const showError = useShowError();
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount().data ?? 0;
  const latest = useInbox({ page: 1, pageSize: 6 }, open);
  const mark = useMarkRead();

  const openItem = (m: InboxItem) => {
    if (!m.readAt) mark.mutate(m.id, { onError: (err) => showError(err) });
    if (m.link?.startsWith('/')) {
      setOpen(false);
      navigate(m.link);
    }
  };

  const content = (
    <div style={{ width: 360 }} data-testid="inbox-dropdown">
      <List<InboxItem>
        size="small"
        loading={latest.isFetching && !latest.data}
        dataSource={latest.data?.items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notify.inbox.empty')} /> }}
        renderItem={(m) => (
          <List.Item
            key={m.id}
            style={{ cursor: 'pointer', paddingInline: 4 }}
            onClick={() => openItem(m)}
            extra={
              !m.readAt && (
                <Button
                  size="small"
                  type="link"
                  onClick={(e) => {
                    e.stopPropagation();
                    mark.mutate(m.id, { onError: (err) => showError(err) });
                  }}
                >
                  {t('notify.inbox.markRead')}
                </Button>
              )
            }
          >
            <List.Item.Meta
              avatar={<Badge status={m.readAt ? 'default' : 'processing'} />}
              title={<Typography.Text strong={!m.readAt}>{m.title}</Typography.Text>}
              description={
                <Space orientation="vertical" size={0}>
                  <Typography.Text type="secondary" ellipsis style={{ maxWidth: 240 }}>
                    {m.body}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatTime(m.createdAt)}
                  </Typography.Text>
                </Space>
              }
            />
          </List.Item>
        )}
      />
      <Space style={{ width: '100%', justifyContent: 'space-between', borderTop: '1px solid #f0f0f0', paddingTop: 8 }}>
        <Button
          size="small"
          disabled={unread === 0}
          loading={mark.isPending && mark.variables === 'all'}
          onClick={() => mark.mutate('all', { onError: (err) => showError(err) })}
        >
          {t('notify.inbox.markAllRead')}
        </Button>
        <Button
          size="small"
          type="link"
          onClick={() => {
            setOpen(false);
            navigate('/inbox');
          }}
        >
          {t('notify.inbox.viewAll')}
        </Button>
      </Space>
    </div>
  );

  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title={unread > 0 ? t('notify.inbox.unreadCount', { count: unread }) : t('notify.inbox.latest')}
      content={content}
    >
      <Button type="text" aria-label={t('notify.inbox.bell', { count: unread })} data-testid="inbox-bell" data-unread={unread}>
        <Badge count={unread} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
