import { lazy } from 'react';
import type { PhoneRoute } from '../../router';

/** The call screen of the care module (集中电话慰问) on a phone: my campaigns → my queue → one call. */
export const routes: PhoneRoute[] = [
  { path: '/m/care', component: lazy(() => import('./CampaignsPage')) },
  { path: '/m/care/campaigns/:id', component: lazy(() => import('./QueuePage')) },
  { path: '/m/care/tasks/:id', component: lazy(() => import('./CallPage')) },
  { path: '/m/care/deliveries', component: lazy(() => import('./DeliveriesPage')) },
  { path: '/m/care/deliveries/:id', component: lazy(() => import('./DeliveryPage')) },
];
