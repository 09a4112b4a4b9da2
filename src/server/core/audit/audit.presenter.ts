import type { AuditEntry } from '../../../contracts/audit';
import type { AuditLogTable } from '../../db/schema';
import { auditLabel } from '../modules/install';

function originOf(r: Pick<AuditLogTable, 'ip' | 'actor_id' | 'actor_name'>): AuditEntry['origin'] {
  if (r.ip === 'seed') return 'seed';
  if (r.actor_id === 'cli' || r.actor_name === 'cli' || r.actor_name?.startsWith('命令行')) return 'cli';
  return 'web';
}

export function presentAuditEntry(r: AuditLogTable, names: Map<string, string>): AuditEntry {
  const origin = originOf(r);
  return {
    id: r.id,
    seq: r.seq,
    at: r.at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    role: r.role,
    ip: origin === 'web' ? r.ip : null,
    requestId: r.request_id,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    targetName: r.target_type && r.target_id ? (names.get(`${r.target_type}:${r.target_id}`) ?? null) : null,
    actionLabel: auditLabel(r.action) ?? null,
    origin,
    result: r.result as AuditEntry['result'],
    detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null,
  };
}
