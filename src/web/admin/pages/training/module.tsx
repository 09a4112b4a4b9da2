import {
  BarChartOutlined,
  BookOutlined,
  BulbOutlined,
  CalendarOutlined,
  FormOutlined,
  ReadOutlined,
  SolutionOutlined,
  SyncOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { lazy } from 'react';
import { defineModule } from '../../module';
import { trainingEn, trainingZh } from './messages';

/** 业委会培训: committee registry, re-elections, 规范化 scores, sessions, question bank, quizzes, results, needs. */
export default defineModule({
  key: 'training',
  order: 200,
  routes: [
    {
      path: '/training',
      name: 'menu.training',
      icon: <ReadOutlined />,
      children: [
        {
          path: '/training/committees',
          name: 'menu.training.committees',
          icon: <SolutionOutlined />,
          access: 'training:read',
          component: lazy(() => import('./CommitteesPage')),
        },
        {
          path: '/training/committees/:id',
          name: 'menu.training.committee',
          access: 'training:read',
          hideInMenu: true,
          component: lazy(() => import('./CommitteePage')),
        },
        {
          path: '/training/re-elections',
          name: 'menu.training.reElections',
          icon: <SyncOutlined />,
          access: 'training:read',
          component: lazy(() => import('./CommitteesPage')),
        },
        {
          path: '/training/compliance',
          name: 'menu.training.compliance',
          icon: <BarChartOutlined />,
          access: 'training:read',
          component: lazy(() => import('./CompliancePage')),
        },
        {
          path: '/training/sessions',
          name: 'menu.training.sessions',
          icon: <CalendarOutlined />,
          access: 'training:read',
          component: lazy(() => import('./SessionsPage')),
        },
        {
          path: '/training/questions',
          name: 'menu.training.questions',
          icon: <BookOutlined />,
          access: 'training:read',
          component: lazy(() => import('./QuestionsPage')),
        },
        {
          path: '/training/import',
          name: 'menu.training.import',
          icon: <UploadOutlined />,
          access: 'training:manage',
          hideInMenu: true,
          component: lazy(() => import('./ImportPage')),
        },
        {
          path: '/training/quizzes',
          name: 'menu.training.quizzes',
          icon: <FormOutlined />,
          access: 'training:read',
          component: lazy(() => import('./QuizzesPage')),
        },
        {
          path: '/training/quizzes/:id/live',
          name: 'menu.training.live',
          access: 'training:manage',
          hideInMenu: true,
          component: lazy(() => import('./LivePage')),
        },
        {
          path: '/training/quizzes/:id/results',
          name: 'menu.training.results',
          access: 'training:read',
          hideInMenu: true,
          component: lazy(() => import('./ResultsPage')),
        },
        {
          path: '/training/needs',
          name: 'menu.training.needs',
          icon: <BulbOutlined />,
          access: 'training:read',
          component: lazy(() => import('./NeedsPage')),
        },
      ],
    },
  ],
  messages: { 'zh-CN': trainingZh, en: trainingEn },
});
