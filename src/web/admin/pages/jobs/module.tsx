import {
  ApartmentOutlined,
  BarChartOutlined,
  CalendarOutlined,
  ClockCircleOutlined,
  DashboardOutlined,
  FileDoneOutlined,
  FileTextOutlined,
  ShopOutlined,
  SolutionOutlined,
  TeamOutlined,
  UploadOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { lazy } from 'react';
import { defineModule } from '../../module';
import { interviewsEn, interviewsZh } from './interview-messages';
import { jobsEn, jobsZh } from './messages';

/** 云招聘: fairs and their public page, employers, positions (with import), seekers, applications, statistics. */
export default defineModule({
  key: 'jobs',
  order: 200,
  routes: [
    {
      path: '/jobs',
      name: 'menu.jobs',
      icon: <SolutionOutlined />,
      children: [
        {
          path: '/jobs/fairs',
          name: 'menu.jobs.fairs',
          icon: <CalendarOutlined />,
          access: 'jobs:read',
          component: lazy(() => import('./FairsPage')),
        },
        {
          path: '/jobs/employers',
          name: 'menu.jobs.employers',
          icon: <ShopOutlined />,
          access: 'jobs:read',
          component: lazy(() => import('./EmployersPage')),
        },
        {
          path: '/jobs/positions',
          name: 'menu.jobs.positions',
          icon: <ApartmentOutlined />,
          access: 'jobs:read',
          component: lazy(() => import('./PositionsPage')),
        },
        {
          path: '/jobs/import',
          name: 'menu.jobs.import',
          icon: <UploadOutlined />,
          access: 'jobs:manage',
          component: lazy(() => import('./ImportPage')),
        },
        {
          path: '/jobs/seekers',
          name: 'menu.jobs.seekers',
          icon: <TeamOutlined />,
          access: 'jobs:read',
          component: lazy(() => import('./SeekersPage')),
        },
        {
          path: '/jobs/seekers/:id',
          name: 'menu.jobs.seeker',
          access: 'jobs:read',
          hideInMenu: true,
          component: lazy(() => import('./SeekerPage')),
        },
        {
          path: '/jobs/applications',
          name: 'menu.jobs.applications',
          icon: <FileDoneOutlined />,
          access: 'jobs:read',
          component: lazy(() => import('./ApplicationsPage')),
        },
        {
          path: '/jobs/stats',
          name: 'menu.jobs.stats',
          icon: <BarChartOutlined />,
          access: 'jobs:read',
          component: lazy(() => import('./StatsPage')),
        },
        {
          path: '/jobs/interviews',
          name: 'menu.jobs.interviews',
          icon: <ClockCircleOutlined />,
          access: 'jobs:read',
          component: lazy(() => import('./InterviewsPage')),
        },
        {
          path: '/jobs/console',
          name: 'menu.jobs.console',
          icon: <DashboardOutlined />,
          access: 'jobs:read',
          component: lazy(() => import('./ConsolePage')),
        },
        {
          path: '/jobs/interviewer',
          name: 'menu.jobs.interviewer',
          icon: <UserSwitchOutlined />,
          access: 'jobs:read',
          component: lazy(() => import('./InterviewerPage')),
        },
        {
          path: '/jobs/report',
          name: 'menu.jobs.report',
          icon: <FileTextOutlined />,
          access: 'jobs:read',
          component: lazy(() => import('./ReportPage')),
        },
      ],
    },
  ],
  messages: { 'zh-CN': { ...jobsZh, ...interviewsZh }, en: { ...jobsEn, ...interviewsEn } },
});
