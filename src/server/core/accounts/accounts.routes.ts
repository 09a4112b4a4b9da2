import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AccountItem,
  AccountPage,
  AccountQuery,
  CreateAccountBody,
  ResetPasswordBody,
  ResourceOptions,
  RoleList,
  SecuritySettings,
  SessionList,
  UpdateAccountBody,
} from '../../../contracts/accounts';
import { IdParams, Ok } from '../../../contracts/common';
import { allRoles } from '../access/roles';
import type { Core } from '../context';
import type { AccountsService } from './accounts.service';

const ok = { ok: true as const };

export const accountRoutes: FastifyPluginAsyncZod<{ accounts: AccountsService; core: Core }> = async (app, { accounts, core }) => {
  app.get('/api/roles', { config: { access: 'signed-in' }, schema: { tags: ['accounts'], response: { 200: RoleList } } }, async () => ({
    roles: allRoles().map((r) => ({
      code: r.code,
      admin: r.admin,
      assignable: r.assignable,
      scopeKinds: r.scopeKinds,
      permissions: r.permissions,
    })),
  }));

  app.get(
    '/api/accounts/resource-options',
    {
      config: { access: 'account:read' },
      schema: { tags: ['accounts'], querystring: z.object({ kind: z.string().max(40) }), response: { 200: ResourceOptions } },
    },
    async (req) => accounts.resourceOptions(req.ctx, req.query.kind),
  );

  app.get(
    '/api/accounts',
    { config: { access: 'account:read' }, schema: { tags: ['accounts'], querystring: AccountQuery, response: { 200: AccountPage } } },
    async (req) => accounts.list(req.ctx, req.query),
  );

  app.post(
    '/api/accounts',
    { config: { access: 'account:manage' }, schema: { tags: ['accounts'], body: CreateAccountBody, response: { 200: AccountItem } } },
    async (req) => accounts.create(req.ctx, req.body),
  );

  app.get(
    '/api/accounts/:id',
    { config: { access: 'account:read' }, schema: { tags: ['accounts'], params: IdParams, response: { 200: AccountItem } } },
    async (req) => accounts.get(req.ctx, req.params.id),
  );

  app.patch(
    '/api/accounts/:id',
    {
      config: { access: 'account:manage' },
      schema: { tags: ['accounts'], params: IdParams, body: UpdateAccountBody, response: { 200: AccountItem } },
    },
    async (req) => accounts.update(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/api/accounts/:id/reset-password',
    {
      config: { access: 'account:manage' },
      schema: { tags: ['accounts'], params: IdParams, body: ResetPasswordBody, response: { 200: Ok } },
    },
    async (req) => {
      await accounts.resetPassword(req.ctx, req.params.id, req.body.newPassword);
      return ok;
    },
  );

  for (const action of ['unlock', 'reset_totp'] as const) {
    app.post(
      `/api/accounts/:id/${action.replace('_', '-')}`,
      { config: { access: 'security:manage' }, schema: { tags: ['security'], params: IdParams, response: { 200: Ok } } },
      async (req) => {
        await accounts.securityAction(req.ctx, req.params.id, action);
        return ok;
      },
    );
  }

  app.get(
    '/api/sessions',
    {
      config: { access: 'security:manage' },
      schema: { tags: ['security'], querystring: z.object({ accountId: z.string().max(64).optional() }), response: { 200: SessionList } },
    },
    async (req) => ({ sessions: await accounts.sessions(req.ctx, req.query.accountId) }),
  );

  app.delete(
    '/api/sessions/:id',
    { config: { access: 'security:manage' }, schema: { tags: ['security'], params: IdParams, response: { 200: Ok } } },
    async (req) => {
      await accounts.endSession(req.ctx, req.params.id);
      return ok;
    },
  );

  app.get(
    '/api/security/settings',
    { config: { access: 'security:manage' }, schema: { tags: ['security'], response: { 200: SecuritySettings } } },
    async () => core.settings.security(),
  );

  app.put(
    '/api/security/settings',
    { config: { access: 'security:manage' }, schema: { tags: ['security'], body: SecuritySettings, response: { 200: SecuritySettings } } },
    async (req) => {
      await accounts.saveSecuritySettings(req.ctx, req.body);
      return core.settings.security();
    },
  );
};
