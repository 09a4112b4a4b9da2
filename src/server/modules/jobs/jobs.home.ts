import type { HomeCard, PhoneEntry } from '../../../contracts/home';
import type { RequestContext } from '../../core/context';
import type { JobsServices } from './jobs.module';

/** The job fair's card: seekers registered, consenting, open positions and applications. */
export async function jobsHomeCards(s: JobsServices, ctx: RequestContext): Promise<HomeCard[]> {
  if (!ctx.actor?.permissions.has('jobs:read')) return [];
  const st = await s.seekers.stats(ctx);
  return [
    {
      key: 'jobs.overview',
      module: 'jobs',
      title: '云招聘',
      tone: 'normal',
      figure: { value: st.applications, unit: '份', label: '收到的投递' },
      items: [
        { label: '登记求职者', value: st.seekers, link: '/jobs/seekers' },
        { label: '同意向用人单位提供信息', value: st.consenting, link: '/jobs/seekers' },
        { label: '在招岗位', value: st.positions, link: '/jobs/positions' },
      ],
      link: '/jobs/applications',
    },
  ];
}

/** Residents: the job fair entry (register, recommendations, applications). */
export async function jobsPhoneHome(_s: JobsServices, ctx: RequestContext): Promise<PhoneEntry[]> {
  if (!ctx.actor?.permissions.has('resident:self')) return [];
  return [{ key: 'jobs.seeker', module: 'jobs', title: '云招聘', description: '登记求职意向，查看推荐岗位并投递', link: '/m/jobs' }];
}
