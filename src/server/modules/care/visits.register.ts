import type { FastifyInstance } from 'fastify';
import type { Core } from '../../core/context';
import { DashboardService, type DeliveryFigures } from './dashboard.service';
import { visitsRoutes } from './visits.routes';
import { VISIT_PHOTO_OWNER, VisitsService } from './visits.service';

/** the job that tells staff of overdue visits: hourly, each overdue visit once a day */
export const VISITS_OVERDUE_JOB = 'care.visits_overdue';

/**
 * Home visits and the dashboard plug into care's register with this one call: services, the
 * photo owner for core files, the overdue job on core.schedule, and the routes.
 */
export interface VisitsServices {
  visits: VisitsService;
  dashboard: DashboardService;
}

export async function registerVisits(app: FastifyInstance, core: Core, deliveries: DeliveryFigures): Promise<VisitsServices> {
  const visits = new VisitsService(core);
  const dashboard = new DashboardService(core, deliveries);
  core.files.registerOwner(VISIT_PHOTO_OWNER, visits.canSeeVisit);
  core.schedule.every(VISITS_OVERDUE_JOB, 3600_000, (now) => visits.notifyOverdue(now));
  await app.register(visitsRoutes, { visits, dashboard });
  return { visits, dashboard };
}
