import { countOf } from '../../core/figures/count';
import type { FigureContext, FigureDef } from '../../core/modules/manifest';
import * as repo from './figures.repository';
import type { JobsServices } from './jobs.module';

const l = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const db = (s: JobsServices) => s.fairs.core.db;

/**
 * Jobs' records belong to the subdistrict, not to a neighborhood: asked for one neighborhood, the
 * figures are undefined (null, listing nothing) rather than the subdistrict's passed off as the neighborhood's.
 */
const subdistrictOnly = (count: (s: JobsServices, q: FigureContext) => Promise<number>) => async (s: JobsServices, q: FigureContext) =>
  q.neighborhoodId ? null : count(s, q);

export const jobsFigures: FigureDef<JobsServices>[] = [
  {
    key: 'jobs.fairs_held',
    label: l('举办招聘会', 'Job fairs held'),
    unit: l('场', 'fairs'),
    how: l('开始时间在当月、已发布或已结束的招聘会场数（草稿不计）', 'published or closed fairs starting in the month'),
    permission: 'jobs:read',
    compute: subdistrictOnly((s, q) => countOf(repo.fairsHeld(db(s), q))),
    async records(s, q, limit) {
      const rows = await repo
        .fairsHeld(db(s), q)
        .select(['f.id', 'f.title', 'f.starts_at', 'f.organiser'])
        .orderBy('f.starts_at')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ id: r.id, title: r.title, note: r.organiser, at: r.starts_at, place: null, link: '/jobs/fairs' }));
    },
  },
  {
    key: 'jobs.seekers_registered',
    label: l('新登记求职者', 'Seekers registered'),
    unit: l('人', 'people'),
    how: l('当月新登记的求职者人数', 'job seekers registered in the month'),
    permission: 'jobs:read',
    compute: subdistrictOnly((s, q) => countOf(repo.seekersRegistered(db(s), q))),
    async records(s, q, limit) {
      const rows = await repo
        .seekersRegistered(db(s), q)
        .select(['s.id', 's.name', 's.created_at'])
        .orderBy('s.created_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ id: r.id, title: r.name, note: null, at: r.created_at, place: null, link: `/jobs/seekers/${r.id}` }));
    },
  },
  {
    key: 'jobs.positions',
    label: l('新增岗位', 'Positions posted'),
    unit: l('个', 'positions'),
    how: l('当月新录入的招聘岗位个数', 'positions entered in the month'),
    permission: 'jobs:read',
    compute: subdistrictOnly((s, q) => countOf(repo.positionsPosted(db(s), q))),
    async records(s, q, limit) {
      const rows = await repo
        .positionsPosted(db(s), q)
        .select(['p.id', 'p.title', 'p.created_at', 'e.name as employer'])
        .orderBy('p.created_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ id: r.id, title: r.title, note: r.employer, at: r.created_at, place: null, link: '/jobs/positions' }));
    },
  },
  {
    key: 'jobs.applications',
    label: l('投递简历', 'Applications'),
    unit: l('份', 'applications'),
    how: l('当月求职者投递（含代为投递）的岗位申请份数', 'applications made in the month'),
    permission: 'jobs:read',
    compute: subdistrictOnly((s, q) => countOf(repo.applicationsMade(db(s), q))),
    async records(s, q, limit) {
      const rows = await repo
        .applicationsMade(db(s), q)
        .select(['a.id', 'a.seeker_id', 'a.created_at', 's.name', 'p.title', 'e.name as employer'])
        .orderBy('a.created_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        title: r.name,
        note: `${r.employer}·${r.title}`,
        at: r.created_at,
        place: null,
        link: `/jobs/seekers/${r.seeker_id}`,
      }));
    },
  },
];
