import type { ScopeFixtures } from '../../../../../test/scope-fixtures';
import { INTERVIEW_BODIES, INTERVIEW_FIXTURES } from './interviews-factories';
import { buildApplication, buildEmployer, buildFair, buildPosition, buildSeeker } from './jobs-factories';

/** The job fair's routes with an id: a record of 小东门街道 for each (see test/scope-fixtures.ts). */
export const scopeFixtures: ScopeFixtures = {
  fixtures: {
    'GET /api/jobs/fairs/:id': async (t) => (await buildFair(t)).id,
    'PATCH /api/jobs/fairs/:id': async (t) => (await buildFair(t)).id,
    'POST /api/jobs/fairs/:id/publish': async (t) => (await buildFair(t)).id,
    'POST /api/jobs/fairs/:id/close': async (t) => (await buildFair(t)).id,
    'GET /api/jobs/fairs/:id/coverage': async (t) => (await buildFair(t)).id,
    'GET /api/jobs/employers/:id': async (t) => buildEmployer(t),
    'PATCH /api/jobs/employers/:id': async (t) => buildEmployer(t),
    'GET /api/jobs/positions/:id': async (t) => (await buildPosition(t)).id,
    'PATCH /api/jobs/positions/:id': async (t) => (await buildPosition(t)).id,
    'GET /api/jobs/positions/:id/seekers': async (t) => (await buildPosition(t)).id,
    'GET /api/jobs/seekers/:id': async (t) => (await buildSeeker(t)).id,
    'POST /api/jobs/seekers/:id/reveal-phone': async (t) => (await buildSeeker(t)).id,
    'GET /api/jobs/seekers/:id/recommendations': async (t) => (await buildSeeker(t)).id,
    'POST /api/jobs/seekers/:id/applications': async (t) => (await buildSeeker(t)).id,
    'POST /api/jobs/applications/:id/status': async (t) => buildApplication(t),
    'POST /api/jobs/me/applications/:id/withdraw': async (t) => buildApplication(t),
    ...INTERVIEW_FIXTURES,
  },
  bodies: {
    'PATCH /api/jobs/fairs/:id': { title: '改名' },
    'POST /api/jobs/fairs/:id/publish': {},
    'PATCH /api/jobs/employers/:id': { name: '改名单位' },
    'PATCH /api/jobs/positions/:id': { title: '改名岗位' },
    'POST /api/jobs/seekers/:id/applications': { positionId: '00000000-0000-7000-8000-000000000000', clientKey: 'outsider-apply-1' },
    'POST /api/jobs/applications/:id/status': { status: 'viewed' },
    ...INTERVIEW_BODIES,
  },
  resources: {
    'jobs.employer': (t, subdistrictId) => buildEmployer(t, subdistrictId),
  },
};
