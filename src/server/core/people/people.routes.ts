import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common';
import {
  CreatePersonBody,
  CreatePersonResult,
  PersonDetail,
  PersonExportQuery,
  PersonPage,
  PersonQuery,
  RevealBody,
  RevealResult,
  UpdatePersonBody,
} from '../../../contracts/people';
import { attachment } from '../excel/imports.routes';
import type { PeopleService } from './people.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const peopleRoutes: FastifyPluginAsyncZod<{ people: PeopleService }> = async (app, { people }) => {
  const tags = ['people'];

  app.get(
    '/api/people',
    { config: { access: 'people:read' }, schema: { tags, querystring: PersonQuery, response: { 200: PersonPage } } },
    async (req) => people.search(req.ctx, req.query),
  );

  app.post(
    '/api/people',
    { config: { access: 'people:manage' }, schema: { tags, body: CreatePersonBody, response: { 200: CreatePersonResult } } },
    async (req) => people.create(req.ctx, req.body),
  );

  app.get(
    '/api/people/export',
    { config: { access: 'people:read' }, schema: { tags, querystring: PersonExportQuery } },
    async (req, reply) => {
      const file = await people.exportList(req.ctx, req.query);
      return reply.type(XLSX).header('content-disposition', attachment(file.fileName)).send(file.body);
    },
  );

  app.get(
    '/api/people/:id',
    { config: { access: 'people:read' }, schema: { tags, params: IdParams, response: { 200: PersonDetail } } },
    async (req) => people.get(req.ctx, req.params.id),
  );

  app.patch(
    '/api/people/:id',
    { config: { access: 'people:manage' }, schema: { tags, params: IdParams, body: UpdatePersonBody, response: { 200: PersonDetail } } },
    async (req) => people.update(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/api/people/:id/reveal',
    { config: { access: 'people:reveal' }, schema: { tags, params: IdParams, body: RevealBody, response: { 200: RevealResult } } },
    async (req) => people.reveal(req.ctx, req.params.id, req.body.field),
  );
};
