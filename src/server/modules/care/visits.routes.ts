import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Dashboard,
  DashboardExportQuery,
  DashboardQuery,
  PatchVisitBody,
  PhotoConsentBody,
  RecordNewVisitBody,
  RecordVisitBody,
  ScheduleVisitBody,
  VisitDueList,
  VisitDueQuery,
  VisitItem,
  VisitList,
  VisitQuery,
  VisitRobotBody,
  VisitRobotList,
  VisitRuleItem,
  VisitRuleList,
  VisitRuleWrite,
} from '../../../contracts/care-visits';
import { IdParams } from '../../../contracts/common';
import { invalid } from '../../core/errors';
import { attachment, XLSX } from '../../http/download';
import type { DashboardService } from './dashboard.service';
import type { VisitsService } from './visits.service';

const tags = ['care'];

/** 上门走访 and 关爱看板 (care part 2, §2 and §5). */
export const visitsRoutes: FastifyPluginAsyncZod<{ visits: VisitsService; dashboard: DashboardService }> = async (
  app,
  { visits, dashboard },
) => {
  // ---- rules
  app.get(
    '/api/care/visit-rules',
    { config: { access: 'care:read' }, schema: { tags, response: { 200: VisitRuleList } } },
    async (req) => ({
      rules: await visits.rules(req.ctx),
    }),
  );
  app.post(
    '/api/care/visit-rules',
    { config: { access: 'care:manage' }, schema: { tags, body: VisitRuleWrite, response: { 200: VisitRuleItem } } },
    async (req) => visits.createRule(req.ctx, req.body),
  );
  app.put(
    '/api/care/visit-rules/:id',
    { config: { access: 'care:manage' }, schema: { tags, params: IdParams, body: VisitRuleWrite, response: { 200: VisitRuleItem } } },
    async (req) => visits.updateRule(req.ctx, req.params.id, req.body),
  );

  // ---- due list and visits
  app.get(
    '/api/care/visits/due',
    { config: { access: 'care:read' }, schema: { tags, querystring: VisitDueQuery, response: { 200: VisitDueList } } },
    async (req) => visits.due(req.ctx, req.query),
  );
  app.get(
    '/api/care/visits',
    { config: { access: 'care:read' }, schema: { tags, querystring: VisitQuery, response: { 200: VisitList } } },
    async (req) => ({ visits: await visits.list(req.ctx, req.query) }),
  );
  app.post(
    '/api/care/visits',
    { config: { access: 'care:manage' }, schema: { tags, body: ScheduleVisitBody, response: { 200: VisitItem } } },
    async (req) => visits.schedule(req.ctx, req.body),
  );
  app.post(
    '/api/care/visits/record',
    { config: { access: 'care:manage' }, schema: { tags, body: RecordNewVisitBody, response: { 200: VisitItem } } },
    async (req) => visits.recordNew(req.ctx, req.body),
  );
  app.get(
    '/api/care/visits/:id',
    { config: { access: 'care:read' }, schema: { tags, params: IdParams, response: { 200: VisitItem } } },
    async (req) => visits.get(req.ctx, req.params.id),
  );
  app.patch(
    '/api/care/visits/:id',
    { config: { access: 'care:manage' }, schema: { tags, params: IdParams, body: PatchVisitBody, response: { 200: VisitItem } } },
    async (req) => visits.patch(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/care/visits/:id/record',
    { config: { access: 'care:manage' }, schema: { tags, params: IdParams, body: RecordVisitBody, response: { 200: VisitItem } } },
    async (req) => visits.record(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/care/visits/:id/photos',
    { config: { access: 'care:manage' }, schema: { tags, params: IdParams, response: { 200: VisitItem } } },
    async (req) => {
      const missing = () => invalid('请选择要上传的照片（JPG、PNG）', [{ path: 'file', message: '请选择照片' }]);
      await visits.assertManageable(req.ctx, req.params.id);
      if (!req.isMultipart()) throw missing();
      const file = await req.file().catch(() => {
        throw missing();
      });
      if (!file) throw missing();
      return visits.addPhoto(req.ctx, req.params.id, { name: file.filename, stream: file.file });
    },
  );

  app.put(
    '/api/care/visits/:id/photos/:fileId/publishable',
    {
      config: { access: 'care:manage' },
      schema: { tags, params: z.object({ id: z.string(), fileId: z.string() }), body: PhotoConsentBody, response: { 200: VisitItem } },
    },
    async (req) => visits.setPhotoConsent(req.ctx, req.params.id, req.params.fileId, req.body),
  );

  // ---- the WeCom robot told of overdue visits
  app.get(
    '/api/care/visit-robots',
    { config: { access: 'care:manage' }, schema: { tags, response: { 200: VisitRobotList } } },
    async (req) => ({
      robots: await visits.robots(req.ctx),
    }),
  );
  app.put(
    '/api/care/visit-robots',
    { config: { access: 'care:manage' }, schema: { tags, body: VisitRobotBody, response: { 200: VisitRobotList } } },
    async (req) => visits.saveRobot(req.ctx, req.body),
  );

  // ---- 关爱看板
  app.get(
    '/api/care/dashboard',
    { config: { access: 'care:read' }, schema: { tags, querystring: DashboardQuery, response: { 200: Dashboard } } },
    async (req) => dashboard.figures(req.ctx, req.query),
  );
  app.get(
    '/api/care/dashboard/export',
    { config: { access: 'care:read' }, schema: { tags, querystring: DashboardExportQuery } },
    async (req, reply) => {
      const file = await dashboard.exportFigure(req.ctx, req.query);
      return reply.type(XLSX).header('content-disposition', attachment(file.fileName)).send(file.body);
    },
  );
};
