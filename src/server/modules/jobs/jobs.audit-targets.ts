import type { AuditTargetNamer } from '../../core/audit/audit.targets';
import { maskName } from '../../core/audit/audit.targets';

/** Names of the job fair's records on the audit page; a seeker by their masked name. */
export const jobsAuditTargets: Record<string, AuditTargetNamer> = {
  jobs_fair: async (db, ids) => {
    const rows = await db.selectFrom('jobs_fairs').select(['id', 'title']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, `招聘会「${r.title}」`]));
  },
  jobs_employer: async (db, ids) => {
    const rows = await db.selectFrom('jobs_employers').select(['id', 'name']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, `用人单位「${r.name}」`]));
  },
  jobs_position: async (db, ids) => {
    const rows = await db
      .selectFrom('jobs_positions as p')
      .innerJoin('jobs_employers as e', 'e.id', 'p.employer_id')
      .select(['p.id', 'p.title', 'e.name'])
      .where('p.id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.id, `岗位「${r.title}」（${r.name}）`]));
  },
  jobs_seeker: async (db, ids) => {
    const rows = await db.selectFrom('jobs_seekers').select(['id', 'name']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, `求职者 ${maskName(r.name)}`]));
  },
  jobs_application: async (db, ids) => {
    const rows = await db
      .selectFrom('jobs_applications as a')
      .innerJoin('jobs_seekers as s', 's.id', 'a.seeker_id')
      .innerJoin('jobs_positions as p', 'p.id', 'a.position_id')
      .select(['a.id', 's.name', 'p.title'])
      .where('a.id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.id, `${maskName(r.name)} 投递「${r.title}」`]));
  },
};
