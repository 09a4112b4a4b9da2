import { sql } from 'kysely';
import type { Executor } from '../../db/index';
import { type Scope, scopeWhere } from '../access/actor';

export interface AuditFilter {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  result?: string;
  page: number;
  pageSize: number;
}

export async function listAudit(db: Executor, scope: Scope, f: AuditFilter, ilike: 'like' | 'ilike') {
  let q = db
    .selectFrom('audit_log')
    // entries with no subdistrict (e.g. a failed sign-in to an unknown account) belong to every auditor
    .where((eb) => eb.or([eb('subdistrict_id', 'is', null), scopeWhere(scope, 'subdistrict_id', null)]));
  if (f.from) q = q.where('at', '>=', new Date(f.from).toISOString());
  if (f.to) q = q.where('at', '<=', new Date(f.to).toISOString());
  if (f.actor) q = q.where('actor_name', ilike, `%${f.actor}%`);
  if (f.action) q = q.where('action', ilike, `${f.action}%`);
  if (f.targetType) q = q.where('target_type', '=', f.targetType);
  if (f.targetId) q = q.where('target_id', '=', f.targetId);
  if (f.result) q = q.where('result', '=', f.result);
  const total = await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { rows, total: Number(total.n) };
}
