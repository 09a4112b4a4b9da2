import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { TalkingTemplate, TalkingTemplateBody, TalkingTemplateList, TalkingTemplatePatch } from '../../../contracts/care-templates';
import { IdParams } from '../../../contracts/common';
import type { TemplatesService } from './templates.service';

const tags = ['care'];

/** talking-point templates: read by who reads care, kept by the subdistrict's care office */
export const templatesRoutes: FastifyPluginAsyncZod<{ templates: TemplatesService }> = async (app, { templates }) => {
  app.get(
    '/api/care/templates',
    { config: { access: 'care:read' }, schema: { tags, response: { 200: TalkingTemplateList } } },
    async (req) => ({
      templates: await templates.list(req.ctx),
    }),
  );
  app.post(
    '/api/care/templates',
    { config: { access: 'care:manage' }, schema: { tags, body: TalkingTemplateBody, response: { 200: TalkingTemplate } } },
    async (req) => templates.create(req.ctx, req.body),
  );
  app.patch(
    '/api/care/templates/:id',
    {
      config: { access: 'care:manage' },
      schema: { tags, params: IdParams, body: TalkingTemplatePatch, response: { 200: TalkingTemplate } },
    },
    async (req) => templates.update(req.ctx, req.params.id, req.body),
  );
};
