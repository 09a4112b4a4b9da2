import { z } from 'zod';
import { Id, PageQuery, pageOf } from './common';

export const AuditEntry = z.object({
  id: Id,
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  role: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  /** the record's name as the auditor may read it (a resident's masked), null when unknown or deleted */
  targetName: z.string().nullable(),
  /** a module's name for its action; core's actions are named by the web's locale */
  actionLabel: z.object({ 'zh-CN': z.string(), en: z.string() }).nullable(),
  /** where the entry came from: a request, the command line, or the demo data loaded at first start */
  origin: z.enum(['web', 'cli', 'seed']),
  result: z.enum(['ok', 'denied', 'failed']),
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditPage = pageOf(AuditEntry);

export const AuditQuery = PageQuery.extend({
  from: z.string().datetime({ offset: true }).optional(),
  to: z.string().datetime({ offset: true }).optional(),
  actor: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  targetType: z.string().trim().max(40).optional(),
  targetId: z.string().trim().max(64).optional(),
  result: z.enum(['ok', 'denied', 'failed']).optional(),
});

export const AuditVerify = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBrokenSeq: z.number().int().nullable(),
  reason: z.string().nullable(),
});
