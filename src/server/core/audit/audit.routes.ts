import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type AuditEntry, AuditPage, AuditQuery, AuditVerify } from '../../../contracts/audit';
import { scopeFor } from '../access/actor';
import { type Core, requireActor } from '../context';
import { listAudit } from './audit.repository';

export const auditRoutes: FastifyPluginAsyncZod<{ core: Core }> = async (app, { core }) => {
  app.get(
    '/api/audit',
    { config: { access: 'audit:read' }, schema: { tags: ['audit'], querystring: AuditQuery, response: { 200: AuditPage } } },
    async (req) => {
      const scope = scopeFor(requireActor(req.ctx), 'audit:read');
      const { rows, total } = await listAudit(core.db, scope, req.query, core.dialect.ilike);
      const items: AuditEntry[] = rows.map((r) => ({
        id: r.id,
        seq: r.seq,
        at: r.at,
        actorId: r.actor_id,
        actorName: r.actor_name,
        role: r.role,
        ip: r.ip,
        requestId: r.request_id,
        action: r.action,
        targetType: r.target_type,
        targetId: r.target_id,
        result: r.result as AuditEntry['result'],
        detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null,
      }));
      return { items, total };
    },
  );

  app.get(
    '/api/audit/verify',
    { config: { access: 'audit:read' }, schema: { tags: ['audit'], response: { 200: AuditVerify } } },
    async () => core.audit.verify(),
  );
};
