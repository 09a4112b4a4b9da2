import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../contracts/common';
import {
  Application,
  ApplicationList,
  ApplicationQuery,
  ApplyBody,
  ConsentBody,
  Employer,
  EmployerList,
  EmployerPatch,
  EmployerWrite,
  Fair,
  FairCoverage,
  FairList,
  FairPatch,
  FairWrite,
  JobsStats,
  MatchQuery,
  MoveApplicationBody,
  MySeeker,
  Position,
  PositionMatches,
  PositionPage,
  PositionPatch,
  PositionQuery,
  PositionWrite,
  PublicFair,
  PublicFairList,
  PublishBody,
  PublishResult,
  Seeker,
  SeekerMatches,
  SeekerPage,
  SeekerProfile,
  SeekerQuery,
  SeekerRegister,
} from '../../../contracts/jobs';
import type { Core } from '../../core/context';
import { invalid } from '../../core/errors';
import type { FairsService } from './fairs.service';
import type { PositionsService } from './positions.service';
import type { SeekersService } from './seekers.service';

export interface JobsRouteDeps {
  core: Core;
  fairs: FairsService;
  positions: PositionsService;
  seekers: SeekersService;
}

const tags = ['jobs'];
const MyProfile = z.intersection(
  SeekerProfile,
  z.object({
    phone: z
      .string()
      .trim()
      .regex(/^1[3-9]\d{9}$/, '手机号码须为 11 位手机号码'),
  }),
);

/** the address of a fair's public page (the QR code and the announcement point here) */
export const fairPageUrl = (base: string, id: string) => `${base.replace(/\/$/, '')}/m/jobs/fairs/${id}`;

export const jobsRoutes: FastifyPluginAsyncZod<JobsRouteDeps> = async (app, { core, fairs, positions, seekers }) => {
  // ---- fairs
  app.get('/api/jobs/fairs', { config: { access: 'jobs:read' }, schema: { tags, response: { 200: FairList } } }, async (req) => ({
    fairs: await fairs.list(req.ctx),
  }));
  app.post(
    '/api/jobs/fairs',
    { config: { access: 'jobs:manage' }, schema: { tags, body: FairWrite, response: { 200: Fair } } },
    async (req) => fairs.create(req.ctx, req.body),
  );
  app.get(
    '/api/jobs/fairs/:id',
    { config: { access: 'jobs:read' }, schema: { tags, params: IdParams, response: { 200: Fair } } },
    async (req) => fairs.get(req.ctx, req.params.id),
  );
  app.patch(
    '/api/jobs/fairs/:id',
    { config: { access: 'jobs:manage' }, schema: { tags, params: IdParams, body: FairPatch, response: { 200: Fair } } },
    async (req) => fairs.update(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/jobs/fairs/:id/publish',
    { config: { access: 'jobs:manage' }, schema: { tags, params: IdParams, body: PublishBody, response: { 200: PublishResult } } },
    async (req) => {
      const base = core.config.publicUrl ?? `${req.protocol}://${req.host}`;
      return fairs.publish(req.ctx, req.params.id, req.body, (id) => fairPageUrl(base, id));
    },
  );
  app.get(
    '/api/jobs/fairs/:id/coverage',
    { config: { access: 'jobs:read' }, schema: { tags, params: IdParams, response: { 200: FairCoverage } } },
    async (req) => fairs.coverage(req.ctx, req.params.id),
  );
  app.post(
    '/api/jobs/fairs/:id/close',
    { config: { access: 'jobs:manage' }, schema: { tags, params: IdParams, response: { 200: Fair } } },
    async (req) => fairs.close(req.ctx, req.params.id),
  );

  // ---- employers
  app.get('/api/jobs/employers', { config: { access: 'jobs:read' }, schema: { tags, response: { 200: EmployerList } } }, async (req) => ({
    employers: await positions.employers(req.ctx),
  }));
  app.post(
    '/api/jobs/employers',
    { config: { access: 'jobs:manage' }, schema: { tags, body: EmployerWrite, response: { 200: Employer } } },
    async (req) => positions.createEmployer(req.ctx, req.body),
  );
  app.get(
    '/api/jobs/employers/:id',
    { config: { access: 'jobs:read' }, schema: { tags, params: IdParams, response: { 200: Employer } } },
    async (req) => positions.employer(req.ctx, req.params.id),
  );
  app.patch(
    '/api/jobs/employers/:id',
    { config: { access: 'jobs:manage' }, schema: { tags, params: IdParams, body: EmployerPatch, response: { 200: Employer } } },
    async (req) => positions.updateEmployer(req.ctx, req.params.id, req.body),
  );

  // ---- positions
  app.get(
    '/api/jobs/positions',
    { config: { access: 'jobs:read' }, schema: { tags, querystring: PositionQuery, response: { 200: PositionPage } } },
    async (req) => positions.positions(req.ctx, req.query),
  );
  app.post(
    '/api/jobs/positions',
    { config: { access: 'jobs:manage' }, schema: { tags, body: PositionWrite, response: { 200: Position } } },
    async (req) => positions.createPosition(req.ctx, req.body),
  );
  app.get(
    '/api/jobs/positions/:id',
    { config: { access: 'jobs:read' }, schema: { tags, params: IdParams, response: { 200: Position } } },
    async (req) => positions.position(req.ctx, req.params.id),
  );
  app.patch(
    '/api/jobs/positions/:id',
    { config: { access: 'jobs:manage' }, schema: { tags, params: IdParams, body: PositionPatch, response: { 200: Position } } },
    async (req) => positions.updatePosition(req.ctx, req.params.id, req.body),
  );
  app.get(
    '/api/jobs/positions/:id/seekers',
    { config: { access: 'jobs:read' }, schema: { tags, params: IdParams, querystring: MatchQuery, response: { 200: SeekerMatches } } },
    async (req) => ({ matches: await seekers.seekersForPosition(req.ctx, req.params.id, req.query.top) }),
  );

  // ---- seekers (staff)
  app.get(
    '/api/jobs/seekers',
    { config: { access: 'jobs:read' }, schema: { tags, querystring: SeekerQuery, response: { 200: SeekerPage } } },
    async (req) => seekers.list(req.ctx, req.query),
  );
  app.post(
    '/api/jobs/seekers',
    { config: { access: 'jobs:manage' }, schema: { tags, body: SeekerRegister, response: { 200: Seeker } } },
    async (req) => seekers.register(req.ctx, req.body),
  );
  app.get(
    '/api/jobs/seekers/:id',
    { config: { access: 'jobs:read' }, schema: { tags, params: IdParams, response: { 200: Seeker } } },
    async (req) => seekers.get(req.ctx, req.params.id),
  );
  app.get(
    '/api/jobs/seekers/:id/recommendations',
    { config: { access: 'jobs:read' }, schema: { tags, params: IdParams, querystring: MatchQuery, response: { 200: PositionMatches } } },
    async (req) => ({ matches: await seekers.recommendationsFor(req.ctx, req.params.id, req.query.top) }),
  );
  app.post(
    '/api/jobs/seekers/:id/applications',
    { config: { access: 'jobs:manage' }, schema: { tags, params: IdParams, body: ApplyBody, response: { 200: Application } } },
    async (req) => seekers.applyFor(req.ctx, req.params.id, req.body),
  );

  // ---- applications (staff and partners: ranked with reasons)
  app.get(
    '/api/jobs/applications',
    { config: { access: 'jobs:read' }, schema: { tags, querystring: ApplicationQuery, response: { 200: ApplicationList } } },
    async (req) => ({ applications: await seekers.applications(req.ctx, req.query) }),
  );
  app.post(
    '/api/jobs/applications/:id/status',
    { config: { access: 'jobs:manage' }, schema: { tags, params: IdParams, body: MoveApplicationBody, response: { 200: Application } } },
    async (req) => seekers.moveApplication(req.ctx, req.params.id, req.body.status),
  );

  app.get('/api/jobs/stats', { config: { access: 'jobs:read' }, schema: { tags, response: { 200: JobsStats } } }, async (req) =>
    seekers.stats(req.ctx),
  );

  // ---- the seeker's own pages (resident signed in by SMS code)
  app.get('/api/jobs/me', { config: { access: 'resident:self' }, schema: { tags, response: { 200: MySeeker } } }, async (req) =>
    seekers.me(req.ctx),
  );
  app.put(
    '/api/jobs/me',
    { config: { access: 'resident:self' }, schema: { tags, body: MyProfile, response: { 200: MySeeker } } },
    async (req) => seekers.saveMe(req.ctx, req.body),
  );
  app.post(
    '/api/jobs/me/consent',
    { config: { access: 'resident:self' }, schema: { tags, body: ConsentBody, response: { 200: MySeeker } } },
    async (req) => seekers.consentMe(req.ctx, req.body.wording, req.body.fairId ?? null),
  );
  app.post(
    '/api/jobs/me/consent/withdraw',
    { config: { access: 'resident:self' }, schema: { tags, response: { 200: MySeeker } } },
    async (req) => seekers.withdrawMe(req.ctx),
  );
  app.post('/api/jobs/me/resume', { config: { access: 'resident:self' }, schema: { tags, response: { 200: MySeeker } } }, async (req) => {
    const missing = invalid('请选择简历文件（PDF）', [{ path: 'file', message: '请选择简历文件（PDF）' }]);
    if (!req.isMultipart()) throw missing;
    const file = await req.file().catch(() => {
      throw invalid('上传中断，请重新选择文件上传', [{ path: 'file', message: '上传中断' }]);
    });
    if (!file) throw missing;
    return seekers.uploadResume(req.ctx, { filename: file.filename, file: file.file });
  });
  app.get(
    '/api/jobs/me/recommendations',
    { config: { access: 'resident:self' }, schema: { tags, querystring: MatchQuery, response: { 200: PositionMatches } } },
    async (req) => ({ matches: await seekers.myRecommendations(req.ctx, req.query.top) }),
  );
  app.get(
    '/api/jobs/me/applications',
    { config: { access: 'resident:self' }, schema: { tags, response: { 200: ApplicationList } } },
    async (req) => ({ applications: await seekers.myApplications(req.ctx) }),
  );
  app.post(
    '/api/jobs/me/applications',
    { config: { access: 'resident:self' }, schema: { tags, body: ApplyBody, response: { 200: ApplicationList } } },
    async (req) => ({ applications: await seekers.applyMe(req.ctx, req.body) }),
  );
  app.post(
    '/api/jobs/me/applications/:id/withdraw',
    { config: { access: 'resident:self' }, schema: { tags, params: IdParams, response: { 200: ApplicationList } } },
    async (req) => ({ applications: await seekers.withdrawMine(req.ctx, req.params.id) }),
  );

  // ---- public fair page (no sign-in)
  app.get('/api/jobs/public/fairs', { config: { access: 'public' }, schema: { tags, response: { 200: PublicFairList } } }, async () => ({
    fairs: await fairs.publicList(),
  }));
  app.get(
    '/api/jobs/public/fairs/:id',
    { config: { access: 'public' }, schema: { tags, params: IdParams, response: { 200: PublicFair } } },
    async (req) => fairs.publicPage(req.params.id),
  );
};
