import { IdcardOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { defineModule } from '../../module';
import { peopleEn, peopleZh } from './messages';

/** The people registry (core): search, a person's page with audited reveal, edit, export. */
export default defineModule({
  key: 'people',
  order: 700,
  routes: [
    {
      path: '/people',
      name: 'menu.people',
      icon: <IdcardOutlined />,
      access: 'people:read',
      component: lazy(() => import('./PeoplePage')),
    },
    {
      path: '/people/import',
      name: 'people.import',
      access: 'people:manage',
      hideInMenu: true,
      component: lazy(() => import('./ImportPage')),
    },
    {
      path: '/people/:id',
      name: 'people.detail',
      access: 'people:read',
      hideInMenu: true,
      component: lazy(() => import('./PersonPage')),
    },
  ],
  messages: { 'zh-CN': peopleZh, en: peopleEn },
});
