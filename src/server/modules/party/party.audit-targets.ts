import type { AuditTargetNamer } from '../../core/audit/audit.targets';
import { maskName } from '../../core/audit/audit.targets';

/** Names of the party module's records on the audit page; a member by their masked name. */
export const partyAuditTargets: Record<string, AuditTargetNamer> = {
  party_member: async (db, ids) => {
    const rows = await db
      .selectFrom('party_members')
      .innerJoin('persons', 'persons.id', 'party_members.person_id')
      .select(['party_members.id', 'persons.name'])
      .where('party_members.id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.id, `党员 ${maskName(r.name)}`]));
  },
  party_org: async (db, ids) => {
    const rows = await db.selectFrom('party_orgs').select(['id', 'name']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, `党组织「${r.name}」`]));
  },
  party_activity: async (db, ids) => {
    const rows = await db.selectFrom('party_activities').select(['id', 'title']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, `活动「${r.title}」`]));
  },
  party_package: async (db, ids) => {
    const rows = await db.selectFrom('party_packages').select(['id', 'title']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, `学习包「${r.title}」`]));
  },
  party_campaign: async (db, ids) => {
    const rows = await db.selectFrom('party_campaigns').select(['id', 'name']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, `捐款活动「${r.name}」`]));
  },
  party_donation: async (db, ids) => {
    const rows = await db
      .selectFrom('party_donations')
      .innerJoin('persons', 'persons.id', 'party_donations.person_id')
      .innerJoin('party_campaigns', 'party_campaigns.id', 'party_donations.campaign_id')
      .select(['party_donations.id', 'persons.name', 'party_campaigns.name as campaign'])
      .where('party_donations.id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.id, `${maskName(r.name)} 的捐款（${r.campaign}）`]));
  },
  party_report: async (db, ids) => {
    const rows = await db
      .selectFrom('party_reports')
      .innerJoin('persons', 'persons.id', 'party_reports.person_id')
      .select(['party_reports.id', 'persons.name'])
      .where('party_reports.id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.id, `${maskName(r.name)} 的汇报`]));
  },
};
