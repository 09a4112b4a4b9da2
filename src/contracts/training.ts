import { z } from 'zod';
import { Id } from './common';
import { LIVE_STATES, MEMBER_ROLES, QUESTION_KINDS, QUIZ_MODES } from './training.vocab';

/**
 * The training module's API (业委会培训, issue 12): committee registry, checklists and scores,
 * sessions and check-ins, question bank, quizzes (live and self-paced), results with item analysis,
 * needs surveys and proposed sessions. Phones appear masked; participants of a quiz are identified
 * by a participant token (header `x-participant-token` or the `linli_quiz` cookie).
 */

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const Phone = z
  .string()
  .trim()
  .regex(/^1\d{10}$/, '请填写 11 位手机号码');
const Name = z.string().trim().min(1, '请填写姓名').max(20, '姓名不能超过 20 个字');

// ---- committees
/** a member is a person of the core registry, found or added by ID number */
export const MemberInput = z.object({
  name: Name,
  idNumber: z.string().trim().min(15, '请填写身份证号').max(18, '身份证号为 18 位'),
  phone: Phone.nullable().optional(),
  role: z.enum(MEMBER_ROLES),
});
export const CommitteeWrite = z.object({
  estateId: Id,
  name: z.string().trim().min(1, '请填写业委会名称').max(60),
  assemblyFormedOn: Day.nullable().optional(),
  termStart: Day,
  termEnd: Day,
  officePhone: z.string().trim().max(30).nullable().optional(),
  members: z.array(MemberInput).max(30).default([]),
});
export type CommitteeWrite = z.input<typeof CommitteeWrite>;
/** a member already on the committee, kept by its person id (its ID number is never sent back to the page) */
export const MemberKeep = z.object({ personId: Id, role: z.enum(MEMBER_ROLES) });
/** an edit: the members sent replace the old list; kept ones by person id, new ones by ID number */
export const CommitteeEdit = CommitteeWrite.extend({
  members: z
    .array(z.union([MemberKeep, MemberInput]))
    .max(30)
    .default([]),
});
export type CommitteeEdit = z.input<typeof CommitteeEdit>;

export const TermStatus = z.object({ onReElectionList: z.boolean(), expired: z.boolean(), daysLeft: z.number() });
export const CommitteeMember = z.object({
  personId: Id,
  name: z.string(),
  role: z.enum(MEMBER_ROLES),
  phoneMasked: z.string().nullable(),
});
export const CommitteeItem = z.object({
  id: Id,
  name: z.string(),
  estateId: Id,
  estateName: z.string(),
  neighborhoodId: Id,
  neighborhoodName: z.string(),
  termStart: z.string(),
  termEnd: z.string(),
  term: TermStatus,
  director: CommitteeMember.nullable(),
  memberCount: z.number().int(),
  score: z.number().nullable(),
  missing: z.array(z.string()),
  reElectionDone: z.number().int(),
  reElectionSteps: z.number().int(),
});
export type CommitteeItem = z.infer<typeof CommitteeItem>;
export const CommitteeList = z.object({ committees: z.array(CommitteeItem) });
export const TickItem = z.object({ key: z.string(), label: z.string(), done: z.boolean(), tickedAt: z.string().nullable() });
export const CommitteeDetail = CommitteeItem.extend({
  assemblyFormedOn: z.string().nullable(),
  officePhone: z.string().nullable(),
  members: z.array(CommitteeMember),
  checklist: z.array(TickItem),
  reElection: z.array(TickItem),
});
export type CommitteeDetail = z.infer<typeof CommitteeDetail>;
export const TickBody = z.object({ itemKey: z.string().min(1).max(80), done: z.boolean() });

export const ChecklistItemOut = z.object({ id: Id, label: z.string(), weight: z.number() });
export const ChecklistItemBody = z.object({
  label: z.string().trim().min(1, '请填写检查项').max(60, '检查项不能超过 60 个字'),
  weight: z.number().int().min(1).max(10).default(1),
});
export const ComplianceReport = z.object({
  items: z.array(ChecklistItemOut),
  neighborhoods: z.array(
    z.object({ neighborhoodId: Id, neighborhoodName: z.string(), committees: z.number().int(), score: z.number().nullable() }),
  ),
});
export type ComplianceReport = z.infer<typeof ComplianceReport>;

// ---- sessions
export const SessionWrite = z.object({
  title: z.string().trim().min(1, '请填写培训主题').max(80),
  lecturer: z.string().trim().min(1, '请填写主讲人').max(40),
  startsAt: z.iso.datetime({ offset: true, error: '请填写开始时间' }),
  endsAt: z.iso.datetime({ offset: true, error: '请填写结束时间' }),
  mode: z.enum(['online', 'onsite']),
  place: z.string().trim().min(1, '请填写会议室号、链接或地点').max(200),
  audience: z.enum(['all', 'neighborhoods', 'requested']),
  audienceDetail: z.array(z.string().max(64)).max(20).default([]),
});
export type SessionWrite = z.input<typeof SessionWrite>;
export const SessionItem = z.object({
  id: Id,
  title: z.string(),
  lecturer: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  mode: z.enum(['online', 'onsite']),
  place: z.string(),
  audience: z.enum(['all', 'neighborhoods', 'requested']),
  audienceDetail: z.array(z.string()),
  checkinCode: z.string(),
  /** the PDF handed out, downloaded at /api/files/:id */
  materialFileId: Id.nullable(),
  checkedIn: z.number().int(),
});
export type SessionItem = z.infer<typeof SessionItem>;
export const SessionList = z.object({ sessions: z.array(SessionItem) });
export const SessionDetail = SessionItem.extend({
  checkins: z.array(
    z.object({
      name: z.string(),
      phoneMasked: z.string(),
      checkedInAt: z.string().nullable(),
      /** when they registered; a walk-in's is its check-in time */
      registeredAt: z.string(),
      /** registered before and checked in, registered and not yet come, registered and the session is over, or walked in */
      status: z.enum(['checked_in', 'registered', 'not_come', 'walk_in']),
      rating: z.number().int().nullable(),
      feedback: z.string().nullable(),
    }),
  ),
});
export const FeedbackBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, '签到码是 6 位数字'),
  phone: Phone,
  rating: z.number().int().min(1, '请选择满意程度').max(5, '请选择满意程度'),
  text: z.string().trim().max(500, '意见不能超过 500 个字').nullable().optional(),
});
export const InviteResult = z.object({ invited: z.number().int(), alreadyInvited: z.number().int() });
export const CheckinBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, '签到码是 6 位数字'),
  name: Name,
  phone: Phone,
});
/** a director registers before the session (from the invitation's link): the code, name and the phone the invitation went to */
export const RegisterBody = CheckinBody;
export const RegisterResult = z.object({ title: z.string(), registeredAt: z.string(), already: z.boolean() });
export type RegisterResult = z.infer<typeof RegisterResult>;
/** staff register an invited director on their behalf */
export const RegisterForBody = z.object({ personId: Id });
export const CheckinResult = z.object({ title: z.string(), checkedInAt: z.string(), already: z.boolean() });
export type CheckinResult = z.infer<typeof CheckinResult>;

// ---- question bank
export const OptionText = z.object({ key: z.string().regex(/^[A-HTF]$/), text: z.string().trim().min(1, '选项内容不能为空').max(200) });
export const QuestionWrite = z.object({
  kind: z.enum(QUESTION_KINDS),
  stem: z.string().trim().min(1, '请填写题干').max(500, '题干不能超过 500 个字'),
  options: z.array(OptionText).min(2, '至少要有两个选项').max(8),
  answer: z.array(z.string()).min(1, '请选择正确答案'),
  explanation: z.string().trim().max(1000).default(''),
  tags: z.array(z.string().trim().min(1).max(20)).max(10).default([]),
  difficulty: z.number().int().min(1, '难度为 1–5').max(5, '难度为 1–5'),
});
export type QuestionWrite = z.input<typeof QuestionWrite>;
export const QuestionItem = z.object({
  id: Id,
  kind: z.enum(QUESTION_KINDS),
  stem: z.string(),
  options: z.array(z.object({ key: z.string(), text: z.string() })),
  answer: z.array(z.string()),
  explanation: z.string(),
  tags: z.array(z.string()),
  difficulty: z.number().int(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type QuestionItem = z.infer<typeof QuestionItem>;
export const QuestionQuery = z.object({
  tag: z.string().max(20).optional(),
  difficulty: z.coerce.number().int().min(1).max(5).optional(),
  q: z.string().trim().max(40).optional(),
});
export const QuestionList = z.object({ questions: z.array(QuestionItem) });
export const QuestionHistory = z.object({
  versions: z.array(
    z.object({ version: z.number().int(), changedAt: z.string(), changedBy: z.string().nullable(), question: QuestionWrite }),
  ),
});

// ---- quizzes
export const SelectionRuleBody = z.object({
  tag: z.string().max(20).optional(),
  difficultyMin: z.number().int().min(1).max(5).optional(),
  difficultyMax: z.number().int().min(1).max(5).optional(),
  count: z.number().int().min(1).max(100),
  points: z.number().positive().max(100),
});
export const QuizWrite = z.object({
  title: z.string().trim().min(1, '请填写测验名称').max(80),
  mode: z.enum(QUIZ_MODES),
  sessionId: Id.nullable().optional(),
  selection: z.enum(['fixed', 'random']),
  questions: z
    .array(z.object({ questionId: Id, points: z.number().positive().max(100) }))
    .max(100)
    .default([]),
  rules: z.array(SelectionRuleBody).max(20).default([]),
  multipleRule: z.enum(['partial', 'all_or_nothing']).default('partial'),
  timeLimitMinutes: z.number().int().min(1).max(600).nullable().optional(),
  maxAttempts: z.number().int().min(1).max(20).nullable().optional(),
  opensAt: z.iso.datetime({ offset: true }).nullable().optional(),
  closesAt: z.iso.datetime({ offset: true }).nullable().optional(),
  showRanking: z.boolean().default(false),
});
export type QuizWrite = z.input<typeof QuizWrite>;
export const QuizItem = z.object({
  id: Id,
  title: z.string(),
  mode: z.enum(QUIZ_MODES),
  sessionId: Id.nullable(),
  joinCode: z.string(),
  liveState: z.enum(LIVE_STATES),
  questionCount: z.number().int(),
  maxScore: z.number(),
  participants: z.number().int(),
  opensAt: z.string().nullable(),
  closesAt: z.string().nullable(),
  createdAt: z.string(),
});
export type QuizItem = z.infer<typeof QuizItem>;
export const QuizList = z.object({ quizzes: z.array(QuizItem) });
export const QuizDetail = QuizItem.extend({
  multipleRule: z.enum(['partial', 'all_or_nothing']),
  timeLimitMinutes: z.number().nullable(),
  maxAttempts: z.number().nullable(),
  showRanking: z.boolean(),
  questions: z.array(QuestionItem.extend({ points: z.number(), position: z.number().int() })),
});
export type QuizDetail = z.infer<typeof QuizDetail>;

export const LiveAction = z.object({
  action: z.enum(['open', 'close', 'finish']),
  /** the version the lecturer's screen showed: a second click of the same button is refused */
  version: z.number().int().min(0),
});

/** What a live quiz looks like to a lecturer (all of it) or a participant (answer and counts after closing). */
export const LiveQuestion = z.object({
  id: Id,
  kind: z.enum(QUESTION_KINDS),
  stem: z.string(),
  options: z.array(z.object({ key: z.string(), text: z.string() })),
  points: z.number(),
  answer: z.array(z.string()).nullable(),
  explanation: z.string().nullable(),
});
export const LiveView = z.object({
  quizId: Id,
  title: z.string(),
  joinCode: z.string(),
  state: z.enum(LIVE_STATES),
  version: z.number().int(),
  index: z.number().int(),
  total: z.number().int(),
  participants: z.number().int(),
  question: LiveQuestion.nullable(),
  /** per option key: how many chose it (lecturer always; participants once the question closed) */
  counts: z.record(z.string(), z.number().int()).nullable(),
  answered: z.number().int(),
  ranking: z.array(z.object({ rank: z.number().int(), name: z.string(), score: z.number() })).nullable(),
});
export type LiveView = z.infer<typeof LiveView>;
export const LivePoll = z.object({ lastEventId: z.string(), view: LiveView });
export type LivePoll = z.infer<typeof LivePoll>;

// ---- participants (public, with a participant token)
export const JoinBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, '参与码是 6 位数字'),
  name: Name,
  phone: Phone,
});
export const JoinResult = z.object({
  token: z.string(),
  participantId: Id,
  quiz: z.object({ id: Id, title: z.string(), mode: z.enum(QUIZ_MODES) }),
});
export type JoinResult = z.infer<typeof JoinResult>;
export const AnswerBody = z.object({ questionId: Id, choice: z.array(z.string().max(2)).min(1, '请选择答案').max(8) });
export const AnswerResult = z.object({ counted: z.boolean(), message: z.string() });
export type AnswerResult = z.infer<typeof AnswerResult>;
export const PlayState = z.object({
  participantId: Id,
  name: z.string(),
  view: LiveView,
  /** my answers so far, by question id, with the score once the question closed */
  mine: z.record(z.string(), z.object({ choice: z.array(z.string()), score: z.number().nullable() })),
  myScore: z.number().nullable(),
  myRank: z.number().int().nullable(),
});
export type PlayState = z.infer<typeof PlayState>;
export const PaperQuestion = LiveQuestion.omit({ answer: true, explanation: true });
export const Paper = z.object({
  attemptId: Id,
  attemptNo: z.number().int(),
  title: z.string(),
  deadline: z.string().nullable(),
  questions: z.array(PaperQuestion),
});
export type Paper = z.infer<typeof Paper>;
export const SubmitBody = z.object({ attemptId: Id, answers: z.record(z.string(), z.array(z.string().max(2)).max(8)) });
export const Graded = z.object({
  score: z.number(),
  max: z.number(),
  percent: z.number().nullable(),
  questions: z.array(LiveQuestion.extend({ chosen: z.array(z.string()), score: z.number(), correct: z.boolean() })),
});
export type Graded = z.infer<typeof Graded>;

// ---- results and item analysis
const Stat = z.number().nullable();
export const QuizResults = z.object({
  quizId: Id,
  title: z.string(),
  test: z.object({ n: z.number().int(), mean: Stat, median: Stat, sd: Stat, alpha: Stat, errorRatio: Stat, standardError: Stat }),
  questions: z.array(
    z.object({
      id: Id,
      position: z.number().int(),
      stem: z.string(),
      max: z.number(),
      answer: z.array(z.string()),
      facility: Stat,
      sd: Stat,
      discrimination: Stat,
      options: z.record(z.string(), z.object({ all: Stat, top: Stat, bottom: Stat })).nullable(),
      flags: z.array(z.object({ code: z.string(), label: z.string() })),
    }),
  ),
  participants: z.array(z.object({ id: Id, name: z.string(), phoneMasked: z.string(), score: z.number(), max: z.number(), percent: Stat })),
  byTag: z.array(z.object({ tag: z.string(), percent: Stat, participants: z.number().int() })),
});
export type QuizResults = z.infer<typeof QuizResults>;

// ---- needs surveys and proposals
export const SurveyBody = z.object({
  name: Name,
  phone: Phone,
  topics: z.array(z.string().trim().min(1).max(20)).max(10).default([]),
  difficulties: z.string().trim().max(500).nullable().optional(),
});
export const SurveyForm = z.object({ committeeName: z.string(), topics: z.array(z.string()) });
export type SurveyForm = z.infer<typeof SurveyForm>;
export const SurveyItem = z.object({
  id: Id,
  committeeName: z.string(),
  neighborhoodName: z.string(),
  name: z.string(),
  topics: z.array(z.string()),
  difficulties: z.string().nullable(),
  createdAt: z.string(),
});
export const SurveyList = z.object({ surveys: z.array(SurveyItem) });
export const ProposalList = z.object({
  proposals: z.array(
    z.object({
      tag: z.string(),
      priority: z.number().int(),
      meanPercent: z.number().nullable(),
      reason: z.string(),
      requested: z.number().int(),
      weak: z.number().int(),
      invite: z.array(z.object({ name: z.string(), why: z.string() })),
    }),
  ),
});
export type ProposalList = z.infer<typeof ProposalList>;
