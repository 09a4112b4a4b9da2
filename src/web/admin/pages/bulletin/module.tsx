import { DashboardOutlined, FileTextOutlined, ReadOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { defineModule } from '../../module';
import { bulletinEn, bulletinZh } from './messages';

/** 工作概览 and 工作简报: the month's figures side by side and the monthly paper written from them. */
export default defineModule({
  key: 'bulletin',
  order: 50,
  routes: [
    {
      path: '/overview',
      name: 'menu.overview',
      icon: <DashboardOutlined />,
      access: 'overview:read',
      component: lazy(() => import('./OverviewPage')),
    },
    {
      path: '/bulletin',
      name: 'menu.bulletin',
      icon: <ReadOutlined />,
      access: 'bulletin:read',
      component: lazy(() => import('./BulletinsPage')),
    },
    {
      path: '/bulletin/:id',
      name: 'menu.bulletin.one',
      icon: <FileTextOutlined />,
      access: 'bulletin:read',
      hideInMenu: true,
      component: lazy(() => import('./BulletinPage')),
    },
  ],
  messages: { 'zh-CN': bulletinZh, en: bulletinEn },
});
