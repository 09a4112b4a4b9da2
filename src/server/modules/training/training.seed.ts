import { uuidv7 } from 'uuidv7';
import type { QuestionWrite } from '../../../contracts/training';
import { systemActor } from '../../core/access/actor';
import { allPermissions } from '../../core/modules/install';
import { checkDigit } from '../../core/people/id-number';
import type { SeededOrg } from '../../seed/org';
import type { TrainingServices } from './training.module';

// Clearly fictional directors and members: names from a fixed list, ID numbers of the right form
// with made-up dates, phones in the 139-0002 block.
const PEOPLE = ['顾明德', '姚秀兰', '邵国平', '钱美玲', '金永福', '蒋慧芳', '汪建民', '倪桂英', '施志刚', '邹玉梅', '俞海生', '夏丽君'];

function idNumberOf(i: number): string {
  const first17 = `310101195${i % 10}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + ((i * 5) % 28)).padStart(2, '0')}${String(600 + i * 2 + (i % 2)).padStart(3, '0')}`;
  return first17 + checkDigit(first17);
}
export const seedPhone = (i: number) => `1390002${String(1000 + i * 53).padStart(4, '0')}`;

const CHECKLIST = [
  '业委会会议按规定召开并有会议记录',
  '财务收支每季度公开',
  '公共收益单独列账',
  '档案、印章规范保管',
  '每年向业主大会报告工作',
];

const tf = (stem: string, right: boolean, explanation: string, tags: string[], difficulty: number): QuestionWrite => ({
  kind: 'true_false',
  stem,
  options: [
    { key: 'T', text: '对' },
    { key: 'F', text: '错' },
  ],
  answer: [right ? 'T' : 'F'],
  explanation,
  tags,
  difficulty,
});
const choice = (
  kind: 'single' | 'multiple',
  stem: string,
  opts: string[],
  answer: string[],
  explanation: string,
  tags: string[],
  difficulty: number,
): QuestionWrite => ({
  kind,
  stem,
  options: opts.map((text, i) => ({ key: 'ABCDEF'[i] as string, text })),
  answer,
  explanation,
  tags,
  difficulty,
});

/** ~15 questions on the new model texts (示范文本) for assemblies and committees */
export const DEMO_QUESTIONS: QuestionWrite[] = [
  choice(
    'single',
    '业主委员会每届任期最长不超过几年？',
    ['3 年', '5 年', '2 年', '10 年'],
    ['B'],
    '依照示范文本，业委会每届任期不超过五年，可连选连任。',
    ['业委会组建', '换届改选'],
    1,
  ),
  choice(
    'single',
    '业委会任期届满前多久应书面报告街道办事处和居委会？',
    ['1 个月', '3 个月', '6 个月', '1 年'],
    ['C'],
    '任期届满前 6 个月书面报告，启动换届改选。',
    ['换届改选'],
    2,
  ),
  choice(
    'multiple',
    '业主大会会议可以采用哪些形式召开？',
    ['集体讨论', '书面征求意见', '电话通知即可', '网络投票（经约定）'],
    ['A', 'B', 'D'],
    '业主大会会议可以采用集体讨论或书面征求意见的形式，经议事规则约定可采用电子投票。',
    ['业主大会'],
    2,
  ),
  tf(
    '业委会委员可以兼任本小区物业服务企业的工作人员。',
    false,
    '业委会委员不得在本物业管理区域内的物业服务企业任职。',
    ['业委会组建', '物业管理'],
    1,
  ),
  choice(
    'single',
    '使用专项维修资金，需要经过哪些业主同意？',
    [
      '过半数业主',
      '专有部分面积占比三分之二以上且人数三分之二以上的业主参与表决，并经参与表决的双过半同意',
      '业委会主任签字即可',
      '物业公司决定',
    ],
    ['B'],
    '民法典第二百七十八条：筹集和使用维修资金，由参与表决专有部分面积和人数均过半数的业主同意。',
    ['维修资金', '业主大会'],
    4,
  ),
  choice(
    'multiple',
    '业委会应当定期公开哪些信息？',
    ['业委会会议决定', '公共收益收支情况', '委员的家庭住址', '维修资金使用情况'],
    ['A', 'B', 'D'],
    '委员个人信息不属于公开范围。',
    ['财务公开'],
    2,
  ),
  tf('公共收益可以直接冲抵物业服务费，无需业主大会决定。', false, '公共收益的使用应由业主大会决定。', ['财务公开', '业主大会'], 3),
  choice(
    'single',
    '选聘物业服务企业由谁决定？',
    ['业委会', '业主大会', '居委会', '街道办事处'],
    ['B'],
    '选聘和解聘物业服务企业属于业主共同决定事项。',
    ['物业管理', '业主大会'],
    2,
  ),
  choice(
    'multiple',
    '换届改选小组一般由哪些人组成？',
    ['业主代表', '居委会代表', '街道办事处代表', '物业公司经理'],
    ['A', 'B', 'C'],
    '换届改选小组由业主代表和居委会、街道代表组成，物业公司人员不宜参加。',
    ['换届改选'],
    3,
  ),
  tf('新一届业委会选出后，应在 30 日内依法备案。', true, '选举产生之日起 30 日内向街道办事处备案。', ['换届改选', '业委会组建'], 2),
  choice(
    'single',
    '首次业主大会会议由谁负责筹备？',
    ['开发建设单位', '筹备组', '物业公司', '业委会'],
    ['B'],
    '首次业主大会会议由筹备组筹备，筹备组在街道办事处指导下成立。',
    ['业委会组建', '业主大会'],
    3,
  ),
  tf('业委会印章可以由物业公司代为保管。', false, '印章由业委会按规定保管和使用。', ['业委会组建'], 1),
  choice(
    'multiple',
    '电梯大修申请维修资金，需要准备哪些材料？',
    ['维修方案和预算', '业主表决结果', '施工单位资质', '业委会主任身份证复印件'],
    ['A', 'B', 'C'],
    '申请时提交方案、预算、表决结果和施工资质等。',
    ['维修资金'],
    4,
  ),
  choice(
    'single',
    '业主大会议事规则由谁制定？',
    ['业委会', '业主大会', '街道办事处', '房管局'],
    ['B'],
    '议事规则和管理规约由业主大会制定。',
    ['业主大会'],
    2,
  ),
  tf('业委会应当每年至少一次向业主大会报告工作。', true, '示范文本要求每年至少报告一次工作和财务情况。', ['财务公开', '业主大会'], 1),
];

/** Demo: six committees (two due for re-election), a checklist, a session, the bank, a live quiz and a self-paced quiz with answers, surveys. */
export async function seedTrainingDemo({ registry, bank, quizzes }: TrainingServices, org: SeededOrg): Promise<void> {
  const ctx = { actor: systemActor(org.subdistrictId, allPermissions()), requestId: uuidv7(), ip: 'seed', userAgent: null };
  const items = [];
  for (const label of CHECKLIST) items.push(await registry.addChecklistItem(ctx, { label, weight: 1 }));

  const estates = Object.entries(org.estates).slice(0, 6);
  const terms = [
    ['2021-06-01', '2026-05-31'],
    ['2022-03-15', '2027-03-14'],
    ['2023-09-01', '2028-08-31'],
    ['2021-12-20', '2026-12-19'],
    ['2024-01-10', '2029-01-09'],
    ['2022-07-01', '2027-06-30'],
  ] as const;
  const committees = [];
  for (const [i, [estate, estateId]] of estates.entries()) {
    const c = await registry.createCommittee(ctx, {
      estateId,
      name: `${estate}业主委员会`,
      termStart: terms[i]![0],
      termEnd: terms[i]![1],
      assemblyFormedOn: terms[i]![0],
      officePhone: `021-6320${String(1000 + i * 11)}`,
      members: [0, 1].map((k) => {
        const p = i * 2 + k;
        return {
          name: PEOPLE[p] as string,
          idNumber: idNumberOf(p),
          phone: seedPhone(p),
          role: k === 0 ? ('director' as const) : ('member' as const),
        };
      }),
    });
    committees.push(c);
    for (const [k, item] of items.entries()) if ((i + k) % 3 !== 0) await registry.tick(ctx, c.id, item.id, true);
    if (i === 0) for (const k of [0, 1, 2]) await registry.tick(ctx, c.id, `re:${k}`, true);
  }

  const session = await registry.createSession(ctx, {
    title: '业主大会和业委会示范文本解读',
    lecturer: '陈律师',
    startsAt: '2026-12-10T06:00:00.000Z',
    endsAt: '2026-12-10T07:30:00.000Z',
    mode: 'online',
    place: '腾讯会议 836 115 620',
    audience: 'all',
    audienceDetail: [],
  });

  const ids = [];
  for (const q of DEMO_QUESTIONS) ids.push((await bank.create(ctx, q)).id);

  await quizzes.create(ctx, {
    title: '示范文本随堂测试',
    mode: 'live',
    sessionId: session.id,
    selection: 'fixed',
    questions: ids.slice(0, 5).map((questionId) => ({ questionId, points: 2 })),
    showRanking: true,
  });
  const selfPaced = await quizzes.create(ctx, {
    title: '换届改选知识自测',
    mode: 'self_paced',
    selection: 'fixed',
    questions: ids.slice(0, 10).map((questionId) => ({ questionId, points: 10 })),
    maxAttempts: 2,
    timeLimitMinutes: 30,
  });

  // ten directors and members took the self-paced quiz: stronger ones get more right
  const detail = await quizzes.get(ctx, selfPaced.id);
  for (let p = 0; p < 10; p++) {
    const joined = await quizzes.join(ctx, { code: selfPaced.joinCode, name: PEOPLE[p] as string, phone: seedPhone(p) });
    const paper = await quizzes.start(joined.token);
    const answers: Record<string, string[]> = {};
    for (const [k, q] of detail.questions.entries()) {
      const right = (p * 7 + k * 3) % 10 < 10 - p / 2 - k / 2;
      const wrong = q.options.map((o) => o.key).find((o) => !q.answer.includes(o)) as string;
      answers[q.id] = right ? q.answer : [wrong];
    }
    await quizzes.submit(joined.token, { attemptId: paper.attemptId, answers });
  }

  const surveys = [
    { c: 0, topics: ['换届改选'], difficulties: '任期快到了，不清楚换届改选小组怎么成立' },
    { c: 1, topics: ['维修资金'], difficulties: '电梯坏了，不知道怎么申请维修资金' },
    { c: 3, topics: ['换届改选', '财务公开'], difficulties: '' },
    { c: 4, topics: ['物业管理'], difficulties: '物业费收缴率低，想换物业公司' },
  ];
  for (const s of surveys) {
    const c = committees[s.c]!;
    await registry.submitSurvey(ctx, c.id, {
      name: PEOPLE[s.c * 2] as string,
      phone: seedPhone(s.c * 2),
      topics: s.topics,
      difficulties: s.difficulties || null,
    });
  }
}
