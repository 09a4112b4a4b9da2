import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AddNoteBody, Timeline } from '../../../contracts/care-timeline';
import { IdParams } from '../../../contracts/common';
import type { TimelineService } from './timeline.service';

const tags = ['care'];

/** 生活动态 of a beneficiary: read it (care:read, scoped), add a note (care:manage). */
export const timelineRoutes: FastifyPluginAsyncZod<{ timeline: TimelineService }> = async (app, { timeline }) => {
  app.get(
    '/api/care/beneficiaries/:id/timeline',
    { config: { access: 'care:read' }, schema: { tags, params: IdParams, response: { 200: Timeline } } },
    async (req) => timeline.of(req.ctx, req.params.id),
  );
  app.post(
    '/api/care/beneficiaries/:id/notes',
    { config: { access: 'care:manage' }, schema: { tags, params: IdParams, body: AddNoteBody, response: { 200: Timeline } } },
    async (req) => timeline.addNote(req.ctx, req.params.id, req.body),
  );
};
