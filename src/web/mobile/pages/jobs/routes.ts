import { lazy } from 'react';
import type { PhoneRoute } from '../../router';

/** The job fair on a phone: the public fair page (no sign-in), then the seeker's own pages after an SMS sign-in. */
export const routes: PhoneRoute[] = [
  { path: '/m/jobs/fairs/:id', component: lazy(() => import('./FairPage')) },
  { path: '/m/jobs', component: lazy(() => import('./HomePage')) },
  { path: '/m/jobs/profile', component: lazy(() => import('./ProfilePage')) },
  { path: '/m/jobs/recommendations', component: lazy(() => import('./RecommendationsPage')) },
  { path: '/m/jobs/applications', component: lazy(() => import('./ApplicationsPage')) },
  { path: '/m/jobs/q/:token', component: lazy(() => import('./QueuePage')) },
];
