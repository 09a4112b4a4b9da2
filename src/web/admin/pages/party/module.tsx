import {
  BarChartOutlined,
  BookOutlined,
  CalendarOutlined,
  CheckCircleOutlined,
  EditOutlined,
  FlagOutlined,
  GiftOutlined,
  PartitionOutlined,
} from '@ant-design/icons';
import { lazy } from 'react';
import { defineModule } from '../../module';
import { partyEn, partyZh } from './messages';

/** 组织生活: branches and members, activities, study, written reports, donations, the monthly report. */
export default defineModule({
  key: 'party',
  order: 400,
  routes: [
    {
      path: '/party',
      name: 'menu.party',
      icon: <FlagOutlined />,
      children: [
        {
          path: '/party/orgs',
          name: 'menu.party.orgs',
          icon: <PartitionOutlined />,
          access: 'party:read',
          component: lazy(() => import('./OrgsPage')),
        },
        {
          path: '/party/branches/:id',
          name: 'menu.party.branch',
          access: 'party:read',
          hideInMenu: true,
          component: lazy(() => import('./BranchPage')),
        },
        {
          path: '/party/members/import',
          name: 'menu.party.membersImport',
          access: 'party:manage',
          hideInMenu: true,
          component: lazy(() => import('./MembersImportPage')),
        },
        {
          path: '/party/activities',
          name: 'menu.party.activities',
          icon: <CalendarOutlined />,
          access: 'party:read',
          component: lazy(() => import('./ActivitiesPage')),
        },
        {
          path: '/party/activities/:id',
          name: 'menu.party.activity',
          access: 'party:read',
          hideInMenu: true,
          component: lazy(() => import('./ActivityPage')),
        },
        {
          path: '/party/packages',
          name: 'menu.party.packages',
          icon: <BookOutlined />,
          access: 'party:read',
          component: lazy(() => import('./PackagesPage')),
        },
        {
          path: '/party/study',
          name: 'menu.party.study',
          icon: <CheckCircleOutlined />,
          access: 'party:read',
          component: lazy(() => import('./StudyPage')),
        },
        {
          path: '/party/reports',
          name: 'menu.party.reports',
          icon: <EditOutlined />,
          access: 'party:read',
          component: lazy(() => import('./ReportsPage')),
        },
        {
          path: '/party/campaigns',
          name: 'menu.party.campaigns',
          icon: <GiftOutlined />,
          access: 'party:read',
          component: lazy(() => import('./CampaignsPage')),
        },
        {
          path: '/party/campaigns/:id',
          name: 'menu.party.campaign',
          access: 'party:read',
          hideInMenu: true,
          component: lazy(() => import('./CampaignPage')),
        },
        {
          path: '/party/donations/import',
          name: 'menu.party.donationsImport',
          access: 'party:manage',
          hideInMenu: true,
          component: lazy(() => import('./DonationsImportPage')),
        },
        {
          path: '/party/monthly',
          name: 'menu.party.monthly',
          icon: <BarChartOutlined />,
          access: 'party:read',
          component: lazy(() => import('./MonthlyPage')),
        },
      ],
    },
  ],
  messages: { 'zh-CN': partyZh, en: partyEn },
});
