import type { AuditTargetNamer } from '../../core/audit/audit.targets';
import { maskName } from '../../core/audit/audit.targets';

/** Delivery runs and tasks on the audit page; a household by its masked name. */
export const deliveryAuditTargets: Record<string, AuditTargetNamer> = {
  care_delivery_task: async (db, ids) => {
    const rows = await db
      .selectFrom('care_delivery_tasks as t')
      .innerJoin('care_beneficiaries as b', 'b.id', 't.beneficiary_id')
      .innerJoin('persons as p', 'p.id', 'b.person_id')
      .select(['t.id', 'p.name'])
      .where('t.id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.id, `配送任务：${maskName(r.name)}`]));
  },
  care_delivery_run: async (db, ids) => {
    const rows = await db.selectFrom('care_delivery_runs').select(['id', 'title']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, `配送路线「${r.title}」`]));
  },
};
