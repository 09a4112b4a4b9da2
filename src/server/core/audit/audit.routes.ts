import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditPage, AuditQuery, AuditVerify } from '../../../contracts/audit';
import { scopeFor } from '../access/actor';
import { type Core, requireActor } from '../context';
import { presentAuditEntry } from './audit.presenter';
import { listAudit } from './audit.repository';
import { nameTargets } from './audit.targets';

export const auditRoutes: FastifyPluginAsyncZod<{ core: Core }> = async (app, { core }) => {
  app.get(
    '/api/audit',
    { config: { access: 'audit:read' }, schema: { tags: ['audit'], querystring: AuditQuery, response: { 200: AuditPage } } },
    async (req) => {
      const scope = scopeFor(requireActor(req.ctx), 'audit:read');
      const { rows, total } = await listAudit(core.db, scope, req.query, core.dialect.ilike);
      const names = await nameTargets(core.db, rows);
      const items = rows.map((r) => presentAuditEntry(r, names));
      return { items, total };
    },
  );

  app.get(
    '/api/audit/verify',
    { config: { access: 'audit:read' }, schema: { tags: ['audit'], response: { 200: AuditVerify } } },
    async () => core.audit.verify(),
  );
};
