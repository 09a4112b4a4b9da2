import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, Ok } from '../../../contracts/common';
import { InboxPage, InboxQuery, OutboxItem, OutboxPage, OutboxQuery, UnreadCount } from '../../../contracts/notify';
import type { NotifyService } from './notify.service';

const ok = { ok: true as const };

export const notifyRoutes: FastifyPluginAsyncZod<{ notify: NotifyService }> = async (app, { notify }) => {
  app.get(
    '/api/notify/outbox',
    { config: { access: 'notify:read' }, schema: { tags: ['notify'], querystring: OutboxQuery, response: { 200: OutboxPage } } },
    async (req) => notify.list(req.ctx, req.query),
  );

  app.get(
    '/api/notify/outbox/:id',
    { config: { access: 'notify:read' }, schema: { tags: ['notify'], params: IdParams, response: { 200: OutboxItem } } },
    async (req) => notify.get(req.ctx, req.params.id),
  );

  app.post(
    '/api/notify/outbox/:id/resend',
    { config: { access: 'notify:manage' }, schema: { tags: ['notify'], params: IdParams, response: { 200: OutboxItem } } },
    async (req) => notify.resend(req.ctx, req.params.id),
  );

  app.get(
    '/api/notify/inbox',
    { config: { access: 'signed-in' }, schema: { tags: ['notify'], querystring: InboxQuery, response: { 200: InboxPage } } },
    async (req) => notify.inbox(req.ctx, req.query),
  );

  app.get(
    '/api/notify/inbox/unread-count',
    { config: { access: 'signed-in' }, schema: { tags: ['notify'], response: { 200: UnreadCount } } },
    async (req) => ({ unread: await notify.unread(req.ctx) }),
  );

  app.post(
    '/api/notify/inbox/:id/read',
    { config: { access: 'signed-in' }, schema: { tags: ['notify'], params: IdParams, response: { 200: Ok } } },
    async (req) => {
      await notify.markRead(req.ctx, req.params.id);
      return ok;
    },
  );

  app.post(
    '/api/notify/inbox/read-all',
    { config: { access: 'signed-in' }, schema: { tags: ['notify'], response: { 200: Ok } } },
    async (req) => {
      await notify.markAllRead(req.ctx);
      return ok;
    },
  );
};
