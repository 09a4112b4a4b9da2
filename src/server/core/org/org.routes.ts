import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, Ok } from '../../../contracts/common';
import { CreateOrgUnitBody, OrgTree, OrgUnit, UpdateOrgUnitBody } from '../../../contracts/org';
import { presentUnit } from './org.presenter';
import type { OrgService } from './org.service';

export const orgRoutes: FastifyPluginAsyncZod<{ org: OrgService }> = async (app, { org }) => {
  app.get('/api/org/tree', { config: { access: 'org:read' }, schema: { tags: ['org'], response: { 200: OrgTree } } }, async (req) => ({
    units: (await org.visible(req.ctx)).map(presentUnit),
  }));

  app.post(
    '/api/org/units',
    { config: { access: 'org:manage' }, schema: { tags: ['org'], body: CreateOrgUnitBody, response: { 200: OrgUnit } } },
    async (req) => presentUnit(await org.create(req.ctx, req.body)),
  );

  app.patch(
    '/api/org/units/:id',
    { config: { access: 'org:manage' }, schema: { tags: ['org'], params: IdParams, body: UpdateOrgUnitBody, response: { 200: OrgUnit } } },
    async (req) => presentUnit(await org.update(req.ctx, req.params.id, req.body)),
  );

  app.delete(
    '/api/org/units/:id',
    { config: { access: 'org:manage' }, schema: { tags: ['org'], params: IdParams, response: { 200: Ok } } },
    async (req) => {
      await org.remove(req.ctx, req.params.id);
      return { ok: true as const };
    },
  );
};
