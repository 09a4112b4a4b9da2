import { scopeWhere } from '../../core/access/actor';
import type { FigureDef } from '../../core/modules/manifest';
import type { TrainingServices } from './training.module';

const l = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const oneDecimal = (x: number) => Math.round(x * 10) / 10;

/** Training's records belong to the subdistrict: asked for one neighborhood, the figures are null. */
export const trainingFigures: FigureDef<TrainingServices>[] = [
  {
    key: 'training.sessions_held',
    label: l('举办培训', 'Sessions held'),
    unit: l('场', 'sessions'),
    how: l('开始时间在当月的培训场次', 'training sessions starting in the month'),
    permission: 'training:read',
    async compute(s, q) {
      if (q.neighborhoodId) return null;
      const r = await s.registry.core.db
        .selectFrom('training_sessions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(scopeWhere(q.scope, 'subdistrict_id', null))
        .where('starts_at', '>=', q.from)
        .where('starts_at', '<', q.to)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    link: (q) => `/training/sessions?month=${q.month}`,
  },
  {
    key: 'training.attendance',
    label: l('培训签到', 'Attendance'),
    unit: l('人次', 'check-ins'),
    how: l('当月开始的培训中已签到的人次', 'check-ins at sessions starting in the month'),
    permission: 'training:read',
    async compute(s, q) {
      if (q.neighborhoodId) return null;
      const r = await s.registry.core.db
        .selectFrom('training_checkins as c')
        .innerJoin('training_sessions as t', 't.id', 'c.session_id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(scopeWhere(q.scope, 't.subdistrict_id', null))
        .where('c.checked_in_at', 'is not', null)
        .where('t.starts_at', '>=', q.from)
        .where('t.starts_at', '<', q.to)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    link: (q) => `/training/sessions?month=${q.month}`,
  },
  {
    key: 'training.quiz_mean',
    label: l('测验平均得分率', 'Quiz mean score'),
    unit: l('%', '%'),
    how: l(
      '当月交卷的测验答卷得分除以满分的平均值（百分比，保留一位小数）',
      'mean of score / max score over attempts submitted in the month',
    ),
    permission: 'training:read',
    async compute(s, q) {
      if (q.neighborhoodId) return null;
      const rows = await s.registry.core.db
        .selectFrom('training_attempts')
        .select(['score', 'max_score'])
        .where(scopeWhere(q.scope, 'subdistrict_id', null))
        .where('submitted_at', '>=', q.from)
        .where('submitted_at', '<', q.to)
        .where('max_score', '>', 0)
        .execute();
      if (rows.length === 0) return null;
      const sum = rows.reduce((a, r) => a + Number(r.score ?? 0) / Number(r.max_score), 0);
      return oneDecimal((sum / rows.length) * 100);
    },
    link: (q) => `/training/quizzes?month=${q.month}`,
  },
  {
    key: 'training.weakest_tag_rate',
    label: l('最薄弱知识点答对率', 'Weakest topic correct rate'),
    unit: l('%', '%'),
    how: l(
      '当月作答的题目按知识点标签分组，得分大于零记为答对，取答对率最低的知识点的答对率（百分比，保留一位小数），并写出该知识点名称',
      'per tag, share of answers scoring above zero in the month; the lowest, with the tag named',
    ),
    permission: 'training:read',
    async compute(s, q) {
      if (q.neighborhoodId) return null;
      const rows = await s.registry.core.db
        .selectFrom('training_responses as r')
        .innerJoin('training_questions as qu', 'qu.id', 'r.question_id')
        .select(['r.score', 'qu.tags'])
        .where(scopeWhere(q.scope, 'r.subdistrict_id', null))
        .where('r.answered_at', '>=', q.from)
        .where('r.answered_at', '<', q.to)
        .execute();
      const byTag = new Map<string, { right: number; all: number }>();
      for (const r of rows) {
        for (const tag of r.tags.split('|').filter(Boolean)) {
          const t = byTag.get(tag) ?? { right: 0, all: 0 };
          t.all += 1;
          if (Number(r.score) > 0) t.right += 1;
          byTag.set(tag, t);
        }
      }
      if (byTag.size === 0) return null;
      // the lowest rate; of equal ones the tag first in name order, so the name is the same every time
      const [tag, t] = [...byTag.entries()].sort(
        (a, b) => a[1].right / a[1].all - b[1].right / b[1].all || a[0].localeCompare(b[0], 'zh-CN'),
      )[0] as [string, { right: number; all: number }];
      return { value: oneDecimal((t.right / t.all) * 100), detail: tag };
    },
    link: () => '/training/questions',
  },
  {
    key: 'training.terms_expired',
    label: l('任期已届满的业委会', 'Committees past their term'),
    unit: l('个', 'committees'),
    how: l(
      '任期结束日期早于当月月底、尚未录入新一届任期的业主委员会个数（应开展换届改选）',
      'committees whose term ends before the month is out',
    ),
    permission: 'training:read',
    async compute(s, q) {
      const [y, m] = q.month.split('-').map(Number) as [number, number];
      const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
      const r = await s.registry.core.db
        .selectFrom('training_committees')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(scopeWhere(q.scope, 'subdistrict_id', 'neighborhood_id'))
        .where('term_end', '<', next)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    link: () => '/training/re-elections',
  },
];
