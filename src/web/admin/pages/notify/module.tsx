import { MailOutlined, SendOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { defineModule } from '../../module';
import { notifyEn, notifyZh } from './messages';

/** Notifications (core): the outbox as staff see it, and everyone's in-app inbox (also behind the header bell). */
export default defineModule({
  key: 'notify',
  order: 800,
  routes: [
    {
      path: '/notify/outbox',
      name: 'menu.outbox',
      icon: <SendOutlined />,
      access: 'notify:read',
      component: lazy(() => import('./OutboxPage')),
    },
    { path: '/inbox', name: 'menu.inbox', icon: <MailOutlined />, component: lazy(() => import('./InboxPage')) },
  ],
  messages: { 'zh-CN': notifyZh, en: notifyEn },
});
