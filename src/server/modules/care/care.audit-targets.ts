import type { AuditTargetNamer } from '../../core/audit/audit.targets';
import { maskName } from '../../core/audit/audit.targets';
import { NEED_ITEMS } from './domain/catalogue';

/** Names of care's records on the audit page; a beneficiary by their masked name. */
export const careAuditTargets: Record<string, AuditTargetNamer> = {
  care_beneficiary: async (db, ids) => {
    const rows = await db
      .selectFrom('care_beneficiaries')
      .innerJoin('persons', 'persons.id', 'care_beneficiaries.person_id')
      .select(['care_beneficiaries.id', 'persons.name'])
      .where('care_beneficiaries.id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.id, `优抚对象 ${maskName(r.name)}`]));
  },
  care_need: async (db, ids) => {
    const rows = await db
      .selectFrom('care_needs')
      .innerJoin('care_beneficiaries', 'care_beneficiaries.id', 'care_needs.beneficiary_id')
      .innerJoin('persons', 'persons.id', 'care_beneficiaries.person_id')
      .select(['care_needs.id', 'care_needs.item', 'persons.name'])
      .where('care_needs.id', 'in', ids)
      .execute();
    const label = (code: string) => NEED_ITEMS.find((i) => i.code === code)?.label ?? code;
    return new Map(rows.map((r) => [r.id, `${maskName(r.name)} 的需求：${label(r.item)}`]));
  },
  care_campaign: async (db, ids) => {
    const rows = await db.selectFrom('care_campaigns').select(['id', 'title']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, `慰问活动「${r.title}」`]));
  },
  care_category: async (db, ids) => {
    const rows = await db.selectFrom('care_categories').select(['id', 'name']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, `优抚类别「${r.name}」`]));
  },
};
