import { scopeWhere } from '../../core/access/actor';
import type { FigureContext, FigureDef } from '../../core/modules/manifest';
import type { JobsServices } from './jobs.module';

const l = (zh: string, en: string) => ({ 'zh-CN': zh, en });

type Counted = 'jobs_fairs' | 'jobs_seekers' | 'jobs_positions' | 'jobs_applications';

/**
 * Jobs' records belong to the subdistrict, not to a neighborhood: asked for one neighborhood, the
 * figures are undefined (null) rather than the subdistrict's passed off as the neighborhood's.
 */
async function countIn(s: JobsServices, q: FigureContext, table: Counted, column: 'created_at' | 'starts_at', heldOnly = false) {
  if (q.neighborhoodId) return null;
  let query = s.fairs.core.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(scopeWhere(q.scope, 'subdistrict_id', null))
    .where(column, '>=', q.from)
    .where(column, '<', q.to);
  if (heldOnly) query = query.where('status', '!=', 'draft');
  const r = await query.executeTakeFirstOrThrow();
  return Number(r.n);
}

export const jobsFigures: FigureDef<JobsServices>[] = [
  {
    key: 'jobs.fairs_held',
    label: l('举办招聘会', 'Job fairs held'),
    unit: l('场', 'fairs'),
    how: l('开始时间在当月、已发布或已结束的招聘会场数（草稿不计）', 'published or closed fairs starting in the month'),
    permission: 'jobs:read',
    compute: (s, q) => countIn(s, q, 'jobs_fairs', 'starts_at', true),
    link: (q) => `/jobs/fairs?month=${q.month}`,
  },
  {
    key: 'jobs.seekers_registered',
    label: l('新登记求职者', 'Seekers registered'),
    unit: l('人', 'people'),
    how: l('当月新登记的求职者人数', 'job seekers registered in the month'),
    permission: 'jobs:read',
    compute: (s, q) => countIn(s, q, 'jobs_seekers', 'created_at'),
    link: (q) => `/jobs/seekers?month=${q.month}`,
  },
  {
    key: 'jobs.positions',
    label: l('新增岗位', 'Positions posted'),
    unit: l('个', 'positions'),
    how: l('当月新录入的招聘岗位个数', 'positions entered in the month'),
    permission: 'jobs:read',
    compute: (s, q) => countIn(s, q, 'jobs_positions', 'created_at'),
    link: (q) => `/jobs/positions?month=${q.month}`,
  },
  {
    key: 'jobs.applications',
    label: l('投递简历', 'Applications'),
    unit: l('份', 'applications'),
    how: l('当月求职者投递（含代为投递）的岗位申请份数', 'applications made in the month'),
    permission: 'jobs:read',
    compute: (s, q) => countIn(s, q, 'jobs_applications', 'created_at'),
    link: (q) => `/jobs/applications?month=${q.month}`,
  },
];
