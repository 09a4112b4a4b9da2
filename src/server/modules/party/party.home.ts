import type { HomeCard } from '../../../contracts/home';
import type { RequestContext } from '../../core/context';
import type { PartyServices } from './party.module';

/**
 * The office's and a secretary's card: reports waiting for review, who is overdue, and the latest
 * activity's attendance — from the same services as the pages.
 */
export async function partyHomeCards(s: PartyServices, ctx: RequestContext): Promise<HomeCard[]> {
  if (!ctx.actor?.permissions.has('party:read')) return [];
  const [reports, activities] = await Promise.all([s.study.reports(ctx), s.activities.list(ctx)]);
  const waiting = reports.reports.filter((r) => r.status === 'submitted').length;
  const latest = activities[0];
  return [
    {
      key: 'party.life',
      module: 'party',
      title: '组织生活',
      tone: reports.overdue.length > 0 ? 'warning' : 'normal',
      figure: { value: waiting, unit: '份', label: '待审阅的思想汇报' },
      items: [
        { label: '逾期未交思想汇报', value: reports.overdue.length, link: '/party/reports' },
        ...(latest ? [{ label: `「${latest.title}」已签到`, value: latest.attended, link: `/party/activities/${latest.id}` }] : []),
      ],
      link: '/party/reports',
    },
  ];
}
