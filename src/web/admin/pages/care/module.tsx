import {
  CarOutlined,
  CheckSquareOutlined,
  DashboardOutlined,
  FileTextOutlined,
  HeartOutlined,
  HomeOutlined,
  PhoneOutlined,
  ShoppingCartOutlined,
  TeamOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { lazy } from 'react';
import { careSharedEn, careSharedZh } from '../../../locales/care';
import { defineModule } from '../../module';
import { deliveriesEn, deliveriesZh } from './deliveries.messages';
import { careEn, careZh } from './messages';
import { visitsEn, visitsZh } from './visits-messages';

/** 优抚关爱: the registry of beneficiaries, phone check-in campaigns, the needs list and follow-ups. */
export default defineModule({
  key: 'care',
  order: 100,
  routes: [
    {
      path: '/care',
      name: 'menu.care',
      icon: <HeartOutlined />,
      children: [
        {
          path: '/care/beneficiaries',
          name: 'menu.care.beneficiaries',
          icon: <TeamOutlined />,
          access: 'care:read',
          component: lazy(() => import('./BeneficiariesPage')),
        },
        {
          path: '/care/beneficiaries/:id',
          name: 'menu.care.beneficiary',
          access: 'care:read',
          hideInMenu: true,
          component: lazy(() => import('./BeneficiaryPage')),
        },
        {
          path: '/care/import',
          name: 'menu.care.import',
          icon: <UploadOutlined />,
          access: 'care:manage',
          component: lazy(() => import('./ImportPage')),
        },
        {
          path: '/care/campaigns',
          name: 'menu.care.campaigns',
          icon: <PhoneOutlined />,
          access: 'care:call',
          component: lazy(() => import('./CampaignsPage')),
        },
        {
          path: '/care/campaigns/new',
          name: 'menu.care.campaignNew',
          access: 'care:manage',
          hideInMenu: true,
          component: lazy(() => import('./CampaignCreatePage')),
        },
        {
          path: '/care/campaigns/:id',
          name: 'menu.care.campaign',
          access: 'care:call',
          hideInMenu: true,
          component: lazy(() => import('./CampaignPage')),
        },
        {
          path: '/care/campaigns/:id/print',
          name: 'menu.care.campaignPrint',
          access: 'care:read',
          hideInMenu: true,
          component: lazy(() => import('./CampaignPrintPage')),
        },
        {
          path: '/care/templates',
          name: 'menu.care.templates',
          icon: <FileTextOutlined />,
          access: 'care:manage',
          component: lazy(() => import('./TemplatesPage')),
        },
        {
          path: '/care/needs',
          name: 'menu.care.needs',
          icon: <ShoppingCartOutlined />,
          access: 'care:read',
          component: lazy(() => import('./NeedsPage')),
        },
        {
          path: '/care/deliveries',
          name: 'menu.care.deliveries',
          icon: <CarOutlined />,
          access: 'care:read',
          component: lazy(() => import('./DeliveriesPage')),
        },
        {
          path: '/care/todos',
          name: 'menu.care.todos',
          icon: <CheckSquareOutlined />,
          access: 'care:read',
          component: lazy(() => import('./TodosPage')),
        },
        {
          path: '/care/visits',
          name: 'menu.care.visits',
          icon: <HomeOutlined />,
          access: 'care:read',
          component: lazy(() => import('./VisitsPage')),
        },
        {
          path: '/care/dashboard',
          name: 'menu.care.dashboard',
          icon: <DashboardOutlined />,
          access: 'care:read',
          component: lazy(() => import('./DashboardPage')),
        },
      ],
    },
  ],
  messages: {
    'zh-CN': { ...careSharedZh, ...careZh, ...deliveriesZh, ...visitsZh },
    en: { ...careSharedEn, ...careEn, ...deliveriesEn, ...visitsEn },
  },
});
