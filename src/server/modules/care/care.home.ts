import type { HomeCard, PhoneEntry } from '../../../contracts/home';
import type { RequestContext } from '../../core/context';
import type { CareServices } from './care.module';

/** Care's cards on the home page: open urgent needs, people not contacted in 30 days, campaigns in progress. */
export async function careHomeCards(s: CareServices, ctx: RequestContext): Promise<HomeCard[]> {
  const can = ctx.actor?.permissions;
  if (!can?.has('care:read')) return [];
  const [summary, quiet, campaigns] = await Promise.all([
    s.needs.summary(ctx),
    s.beneficiaries.list(ctx, { page: 1, pageSize: 1, notContactedDays: 30 }),
    s.campaigns.list(ctx),
  ]);
  const urgentBy = new Map<string, number>();
  for (const r of summary) urgentBy.set(r.neighborhoodName, (urgentBy.get(r.neighborhoodName) ?? 0) + r.urgent);
  const urgent = [...urgentBy.values()].reduce((a, b) => a + b, 0);
  const open = summary.reduce((a, r) => a + r.people, 0);
  const active = campaigns.filter((c) => c.status === 'active');
  return [
    {
      key: 'care.urgent-needs',
      module: 'care',
      title: '紧急需求',
      tone: urgent > 0 ? 'danger' : 'normal',
      figure: { value: urgent, unit: '项', label: '待处理的紧急、特急需求' },
      items: [{ label: '未完成需求（人次）', value: open, link: '/care/needs' }],
      chart: urgent > 0 ? { labels: [...urgentBy.keys()], values: [...urgentBy.values()] } : undefined,
      link: '/care/needs?open=true',
    },
    {
      key: 'care.not-contacted',
      module: 'care',
      title: '30 天未联系',
      tone: quiet.total > 0 ? 'warning' : 'normal',
      figure: { value: quiet.total, unit: '人', label: '优抚对象 30 天内未联系' },
      items: [],
      link: '/care/beneficiaries?notContactedDays=30',
    },
    {
      key: 'care.campaigns',
      module: 'care',
      title: '进行中的电话慰问',
      tone: 'normal',
      figure: { value: active.length, unit: '个', label: '活动进行中' },
      items: active
        .slice(0, 4)
        .map((c) => ({ label: `${c.title}（已接通 ${c.reached}／${c.total}）待拨打`, value: c.pending, link: `/care/campaigns/${c.id}` })),
      link: '/care/campaigns',
    },
  ];
}

export async function carePhoneHome(s: CareServices, ctx: RequestContext): Promise<PhoneEntry[]> {
  const deliveries = ctx.actor?.permissions.has('volunteer:tasks') ? await deliveriesPhoneHome(s, ctx) : [];
  if (!ctx.actor?.permissions.has('care:call')) return deliveries;
  const campaigns = (await s.campaigns.list(ctx)).filter((c) => c.status === 'active');
  // my own calls still to make, not the campaign's
  const queues = await Promise.all(campaigns.map((c) => s.campaigns.queue(ctx, c.id)));
  const mine = queues.reduce((a, q) => a + q.items.filter((i) => i.status === 'pending').length, 0);
  return [
    ...deliveries,
    {
      key: 'care.calls',
      module: 'care',
      title: '电话慰问',
      description: campaigns.length > 0 ? `${campaigns.length} 个慰问活动进行中，点此开始拨打` : '暂无进行中的慰问活动',
      link: '/m/care',
      badge: mine,
    },
  ];
}

/** a volunteer's deliveries still to make (care part 2 §3) */
async function deliveriesPhoneHome(s: CareServices, ctx: RequestContext): Promise<PhoneEntry[]> {
  const open = (await s.deliveries.mine(ctx)).filter((x) => x.status === 'open' || x.status === 'taken' || x.status === 'on_way');
  return [
    {
      key: 'care.deliveries',
      module: 'care',
      title: '配送任务',
      description: open.length > 0 ? `${open.length} 户待配送，点此查看路线` : '暂无待配送的任务',
      link: '/m/care/deliveries',
      badge: open.length,
    },
  ];
}
