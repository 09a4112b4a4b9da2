import { lazy } from 'react';
import type { PhoneRoute } from '../../router';

/** 组织生活 on a member's phone: notices and check-in, thoughts, materials, study check-in, reports, donations. */
export const routes: PhoneRoute[] = [
  { path: '/m/party', component: lazy(() => import('./HomePage')) },
  { path: '/m/party/activities/:id', component: lazy(() => import('./ActivityPage')) },
  { path: '/m/party/materials', component: lazy(() => import('./MaterialsPage')) },
  { path: '/m/party/materials/:id', component: lazy(() => import('./MaterialPage')) },
  { path: '/m/party/study', component: lazy(() => import('./StudyPage')) },
  { path: '/m/party/reports', component: lazy(() => import('./ReportsPage')) },
  { path: '/m/party/donations', component: lazy(() => import('./DonationsPage')) },
];
