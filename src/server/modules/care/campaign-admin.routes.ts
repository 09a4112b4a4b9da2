import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CampaignDetail } from '../../../contracts/care';
import {
  CampaignTaskList,
  CloseCampaignBody,
  EditCampaignBody,
  ReassignBody,
  ReassignResult,
} from '../../../contracts/care-campaign-admin';
import { IdParams } from '../../../contracts/common';
import { attachment, XLSX } from '../../http/download';
import type { CampaignAdminService } from './campaign-admin.service';

const tags = ['care'];

/** a campaign's call list, edits, reassigning and closing (issue #11 §6) */
export const campaignAdminRoutes: FastifyPluginAsyncZod<{ admin: CampaignAdminService }> = async (app, { admin }) => {
  app.get(
    '/api/care/campaigns/:id/tasks',
    { config: { access: 'care:read' }, schema: { tags, params: IdParams, response: { 200: CampaignTaskList } } },
    async (req) => admin.tasks(req.ctx, req.params.id),
  );
  app.get('/api/care/campaigns/:id/export', { config: { access: 'care:read' }, schema: { tags, params: IdParams } }, async (req, reply) => {
    const file = await admin.exportCalls(req.ctx, req.params.id);
    return reply.type(XLSX).header('content-disposition', attachment(file.fileName)).send(file.body);
  });
  app.patch(
    '/api/care/campaigns/:id',
    { config: { access: 'care:manage' }, schema: { tags, params: IdParams, body: EditCampaignBody, response: { 200: CampaignDetail } } },
    async (req) => admin.edit(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/care/campaigns/:id/reassign',
    { config: { access: 'care:manage' }, schema: { tags, params: IdParams, body: ReassignBody, response: { 200: ReassignResult } } },
    async (req) => admin.reassign(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/care/campaigns/:id/close',
    { config: { access: 'care:manage' }, schema: { tags, params: IdParams, body: CloseCampaignBody, response: { 200: CampaignDetail } } },
    async (req) => admin.close(req.ctx, req.params.id, req.body.note),
  );
};
