import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BeneficiaryDetail,
  BeneficiaryExportQuery,
  BeneficiaryPage,
  BeneficiaryPatch,
  BeneficiaryQuery,
  BeneficiaryWrite,
  CallerList,
  CallPhones,
  CallScreen,
  CampaignDetail,
  CampaignList,
  CampaignLive,
  CareRevealBody,
  Category,
  CategoryList,
  CreateCampaignBody,
  CreateCategoryBody,
  CreateNeedBody,
  MoveNeedBody,
  NeedExportQuery,
  NeedItemRow,
  NeedPage,
  NeedQuery,
  NeedsSummary,
  Queue,
  RecordCallBody,
  RecordCallResult,
  Revealed,
  TodoList,
} from '../../../contracts/care';
import { IdParams, LiveQuery, Ok } from '../../../contracts/common';
import { type Core, requireActor } from '../../core/context';
import { attachment, XLSX } from '../../http/download';
import { openLiveStream } from '../../http/live';
import type { BeneficiariesService } from './beneficiaries.service';
import { CAMPAIGN_LIVE } from './campaigns.live';
import type { CampaignsService } from './campaigns.service';
import type { NeedsService } from './needs.service';

export interface CareRouteDeps {
  core: Core;
  beneficiaries: BeneficiariesService;
  campaigns: CampaignsService;
  needs: NeedsService;
}

const tags = ['care'];

export const careRoutes: FastifyPluginAsyncZod<CareRouteDeps> = async (app, { core, beneficiaries, campaigns, needs }) => {
  // ---- registry
  app.get('/api/care/categories', { config: { access: 'care:read' }, schema: { tags, response: { 200: CategoryList } } }, async (req) => ({
    categories: await beneficiaries.categories(req.ctx),
  }));
  app.post(
    '/api/care/categories',
    { config: { access: 'care:manage' }, schema: { tags, body: CreateCategoryBody, response: { 200: Category } } },
    async (req) => beneficiaries.addCategory(req.ctx, req.body.name),
  );
  app.get('/api/care/callers', { config: { access: 'care:read' }, schema: { tags, response: { 200: CallerList } } }, async (req) => ({
    callers: (await beneficiaries.careAccounts(req.ctx)).map(({ neighborhoodIds: _, ...c }) => c),
  }));
  app.get(
    '/api/care/beneficiaries',
    { config: { access: 'care:read' }, schema: { tags, querystring: BeneficiaryQuery, response: { 200: BeneficiaryPage } } },
    async (req) => beneficiaries.list(req.ctx, req.query),
  );
  app.get(
    '/api/care/beneficiaries/export',
    { config: { access: 'care:read' }, schema: { tags, querystring: BeneficiaryExportQuery } },
    async (req, reply) => {
      const file = await beneficiaries.exportList(req.ctx, req.query);
      return reply.type(XLSX).header('content-disposition', attachment(file.fileName)).send(file.body);
    },
  );
  app.post(
    '/api/care/beneficiaries',
    { config: { access: 'care:manage' }, schema: { tags, body: BeneficiaryWrite, response: { 200: BeneficiaryDetail } } },
    async (req) => beneficiaries.create(req.ctx, req.body),
  );
  app.get(
    '/api/care/beneficiaries/:id',
    { config: { access: 'care:read' }, schema: { tags, params: IdParams, response: { 200: BeneficiaryDetail } } },
    async (req) => beneficiaries.get(req.ctx, req.params.id),
  );
  app.patch(
    '/api/care/beneficiaries/:id',
    { config: { access: 'care:manage' }, schema: { tags, params: IdParams, body: BeneficiaryPatch, response: { 200: BeneficiaryDetail } } },
    async (req) => beneficiaries.update(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/care/beneficiaries/:id/reveal',
    {
      config: { access: ['care:read', 'care:reveal'] },
      schema: { tags, params: IdParams, body: CareRevealBody, response: { 200: Revealed } },
    },
    async (req) => beneficiaries.reveal(req.ctx, req.params.id, req.body.field),
  );

  // ---- phone check-in campaigns
  app.get('/api/care/campaigns', { config: { access: 'care:call' }, schema: { tags, response: { 200: CampaignList } } }, async (req) => ({
    campaigns: await campaigns.list(req.ctx),
  }));
  app.post(
    '/api/care/campaigns',
    { config: { access: 'care:manage' }, schema: { tags, body: CreateCampaignBody, response: { 200: CampaignDetail } } },
    async (req) => campaigns.create(req.ctx, req.body),
  );
  app.get(
    '/api/care/campaigns/:id',
    { config: { access: 'care:call' }, schema: { tags, params: IdParams, response: { 200: CampaignDetail } } },
    async (req) => campaigns.get(req.ctx, req.params.id),
  );
  // live progress through the hub: server-sent events (snapshot, then deltas), resumable with Last-Event-ID
  app.get(
    '/api/care/campaigns/:id/events',
    { config: { access: 'care:call' }, schema: { tags, params: IdParams, querystring: LiveQuery } },
    async (req, reply) => openLiveStream(req, reply, core.live, CAMPAIGN_LIVE, req.params.id),
  );
  // the same for clients without server-sent events: poll the current view and the id it stands at
  app.get(
    '/api/care/campaigns/:id/live',
    { config: { access: 'care:call' }, schema: { tags, params: IdParams, response: { 200: CampaignLive } } },
    async (req) => {
      const { lastEventId, view } = await core.live.current(CAMPAIGN_LIVE, req.params.id, requireActor(req.ctx));
      return { lastEventId, view: view as CampaignDetail };
    },
  );
  app.get(
    '/api/care/campaigns/:id/queue',
    { config: { access: 'care:call' }, schema: { tags, params: IdParams, response: { 200: Queue } } },
    async (req) => campaigns.queue(req.ctx, req.params.id),
  );
  app.get(
    '/api/care/tasks/:id',
    { config: { access: 'care:call' }, schema: { tags, params: IdParams, response: { 200: CallScreen } } },
    async (req) => campaigns.screen(req.ctx, req.params.id),
  );
  app.post(
    '/api/care/tasks/:id/phones',
    { config: { access: 'care:call' }, schema: { tags, params: IdParams, response: { 200: CallPhones } } },
    async (req) => campaigns.phones(req.ctx, req.params.id),
  );
  app.post(
    '/api/care/tasks/:id/calls',
    { config: { access: 'care:call' }, schema: { tags, params: IdParams, body: RecordCallBody, response: { 200: RecordCallResult } } },
    async (req) => campaigns.recordCall(req.ctx, req.params.id, req.body),
  );

  // ---- needs list and follow-ups
  app.get(
    '/api/care/needs',
    { config: { access: 'care:read' }, schema: { tags, querystring: NeedQuery, response: { 200: NeedPage } } },
    async (req) => needs.list(req.ctx, req.query),
  );
  app.get(
    '/api/care/needs/summary',
    { config: { access: 'care:read' }, schema: { tags, response: { 200: NeedsSummary } } },
    async (req) => ({ cells: await needs.summary(req.ctx) }),
  );
  app.get(
    '/api/care/needs/export',
    { config: { access: 'care:read' }, schema: { tags, querystring: NeedExportQuery } },
    async (req, reply) => {
      const file = await needs.exportList(req.ctx, req.query);
      return reply.type(XLSX).header('content-disposition', attachment(file.fileName)).send(file.body);
    },
  );
  app.post(
    '/api/care/needs',
    { config: { access: 'care:manage' }, schema: { tags, body: CreateNeedBody, response: { 200: NeedItemRow } } },
    async (req) => needs.create(req.ctx, req.body),
  );
  app.post(
    '/api/care/needs/:id/status',
    { config: { access: 'care:manage' }, schema: { tags, params: IdParams, body: MoveNeedBody, response: { 200: NeedItemRow } } },
    async (req) => needs.move(req.ctx, req.params.id, req.body.to, req.body.note),
  );
  app.get(
    '/api/care/todos',
    {
      config: { access: 'care:read' },
      schema: { tags, querystring: z.object({ status: z.enum(['open', 'done']).optional() }), response: { 200: TodoList } },
    },
    async (req) => ({ todos: await needs.todos(req.ctx, req.query.status) }),
  );
  app.post(
    '/api/care/todos/:id/done',
    { config: { access: 'care:manage' }, schema: { tags, params: IdParams, response: { 200: Ok } } },
    async (req) => {
      await needs.closeTodo(req.ctx, req.params.id);
      return { ok: true as const };
    },
  );
};
