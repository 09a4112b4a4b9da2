import { countOf } from '../../core/figures/count';
import { monthDays } from '../../core/figures/period';
import type { FigureContext, FigureDef, FigureValue } from '../../core/modules/manifest';
import * as repo from './figures.repository';
import type { TrainingServices } from './training.module';

const l = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const oneDecimal = (x: number) => Math.round(x * 10) / 10;
const db = (s: TrainingServices) => s.registry.core.db;

/** Training's sessions and quizzes belong to the subdistrict: asked for one neighborhood, those figures are null. */
const subdistrictOnly =
  (count: (s: TrainingServices, q: FigureContext) => Promise<number | null | FigureValue>) =>
  async (s: TrainingServices, q: FigureContext) =>
    q.neighborhoodId ? null : count(s, q);

/** the month's answers by tag (an answer scoring above zero is right), weakest first */
async function tagsByRate(s: TrainingServices, q: FigureContext) {
  const byTag = new Map<
    string,
    { tag: string; right: number; all: number; questions: Map<string, { stem: string; right: number; all: number }> }
  >();
  for (const r of await repo.answers(db(s), q)) {
    for (const tag of r.tags.split('|').filter(Boolean)) {
      const t = byTag.get(tag) ?? { tag, right: 0, all: 0, questions: new Map() };
      const qn = t.questions.get(r.id) ?? { stem: r.stem, right: 0, all: 0 };
      const right = Number(r.score) > 0 ? 1 : 0;
      t.all += 1;
      t.right += right;
      qn.all += 1;
      qn.right += right;
      t.questions.set(r.id, qn);
      byTag.set(tag, t);
    }
  }
  return [...byTag.values()]
    .map((t) => ({ ...t, rate: (t.right / t.all) * 100 }))
    .sort((a, b) => a.rate - b.rate || a.tag.localeCompare(b.tag, 'zh-CN'));
}

const pctText = (right: number, all: number) => `答对 ${right}/${all}（${oneDecimal((right / all) * 100)}%）`;

export const trainingFigures: FigureDef<TrainingServices>[] = [
  {
    key: 'training.sessions_held',
    label: l('举办培训', 'Sessions held'),
    unit: l('场', 'sessions'),
    how: l('开始时间在当月的培训场次', 'training sessions starting in the month'),
    permission: 'training:read',
    compute: subdistrictOnly((s, q) => countOf(repo.sessionsHeld(db(s), q))),
    async records(s, q, limit) {
      const rows = await repo
        .sessionsHeld(db(s), q)
        .select(['t.id', 't.title', 't.starts_at'])
        .orderBy('t.starts_at')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ id: r.id, title: r.title, note: null, at: r.starts_at, place: null, link: '/training/sessions' }));
    },
  },
  {
    key: 'training.attendance',
    label: l('培训签到', 'Attendance'),
    unit: l('人次', 'check-ins'),
    how: l('当月开始的培训中已签到的人次', 'check-ins at sessions starting in the month'),
    permission: 'training:read',
    compute: subdistrictOnly((s, q) => countOf(repo.checkins(db(s), q))),
    async records(s, q, limit) {
      const rows = await repo
        .checkins(db(s), q)
        .select(['c.id', 'c.name', 'c.checked_in_at', 't.title'])
        .orderBy('c.checked_in_at')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ id: r.id, title: r.name, note: r.title, at: r.checked_in_at, place: null, link: '/training/sessions' }));
    },
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
    compute: subdistrictOnly(async (s, q) => {
      const rows = await repo.attempts(db(s), q).select(['a.score', 'a.max_score']).execute();
      if (rows.length === 0) return null;
      const sum = rows.reduce((a, r) => a + Number(r.score ?? 0) / Number(r.max_score), 0);
      return oneDecimal((sum / rows.length) * 100);
    }),
    async records(s, q, limit) {
      const rows = await repo
        .attempts(db(s), q)
        .select(['a.id', 'a.quiz_id', 'a.score', 'a.max_score', 'a.submitted_at', 'p.name', 'z.title'])
        .orderBy('a.submitted_at')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        title: r.name,
        note: `${r.title}：${Number(r.score ?? 0)}/${Number(r.max_score)} 分`,
        at: r.submitted_at,
        place: null,
        link: `/training/quizzes/${r.quiz_id}/results`,
      }));
    },
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
    compute: subdistrictOnly(async (s, q) => {
      const weakest = (await tagsByRate(s, q))[0];
      return weakest ? { value: oneDecimal(weakest.rate), detail: weakest.tag } : null;
    }),
    // the weakest topic's questions, each with its own rate
    async records(s, q, limit) {
      const weakest = (await tagsByRate(s, q))[0];
      if (!weakest) return [];
      return [...weakest.questions.entries()].slice(0, limit).map(([id, qn]) => ({
        id,
        title: qn.stem,
        note: `${weakest.tag}：${pctText(qn.right, qn.all)}`,
        at: null,
        place: null,
        link: '/training/questions',
      }));
    },
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
    overdue: true,
    compute: (s, q) => countOf(repo.termsEnded(db(s), q, monthDays(q.month).next)),
    async records(s, q, limit) {
      const rows = await repo
        .termsEnded(db(s), q, monthDays(q.month).next)
        .select(['c.id', 'c.name', 'c.term_end', 'n.name as place'])
        .orderBy('c.term_end')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        title: r.name,
        note: `任期至 ${r.term_end}`,
        at: r.term_end,
        place: r.place,
        link: `/training/committees/${r.id}`,
      }));
    },
  },
];
