import type { HomeCard, PhoneEntry } from '../../../contracts/home';
import type { RequestContext } from '../../core/context';
import type { TrainingServices } from './training.module';

/** Training's card on the home page: committees due for re-election, and the quizzes. */
export async function trainingHomeCards(s: TrainingServices, ctx: RequestContext): Promise<HomeCard[]> {
  if (!ctx.actor?.permissions.has('training:read')) return [];
  const [due, quizzes] = await Promise.all([s.registry.listCommittees(ctx, { reElection: true }), s.quizzes.list(ctx)]);
  return [
    {
      key: 'training.re-election',
      module: 'training',
      title: '业委会换届改选',
      tone: due.some((c) => c.term.expired) ? 'danger' : due.length > 0 ? 'warning' : 'normal',
      figure: { value: due.length, unit: '个', label: '半年内任期届满的业委会' },
      items: due
        .slice(0, 4)
        .map((c) => ({ label: `${c.name}（${c.termEnd} 届满）已完成步骤`, value: c.reElectionDone, link: `/training/committees/${c.id}` })),
      link: '/training/re-elections',
    },
    {
      key: 'training.quizzes',
      module: 'training',
      title: '培训测验',
      tone: 'normal',
      figure: { value: quizzes.length, unit: '个', label: '测验' },
      items: quizzes
        .slice(0, 4)
        .map((q) => ({ label: `${q.title} 参与人数`, value: q.participants, link: `/training/quizzes/${q.id}/results` })),
      link: '/training/quizzes',
    },
  ];
}

/** On a resident's phone (a director signed in by SMS) and the office's: join a class quiz with its 6-digit code. */
export async function trainingPhoneHome(_s: TrainingServices, ctx: RequestContext): Promise<PhoneEntry[]> {
  const a = ctx.actor;
  if (!a || !(a.kind === 'resident' || a.permissions.has('training:read'))) return [];
  return [
    {
      key: 'training.join',
      module: 'training',
      title: '随堂测试',
      description: '输入讲师给出的 6 位参与码，加入测验',
      link: '/m/training',
    },
  ];
}
