import { createHash, randomBytes } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type {
  AnswerBody,
  Graded,
  JoinBody,
  JoinResult,
  LiveAction,
  LiveView,
  Paper,
  PlayState,
  ProposalList,
  QuizDetail,
  QuizResults,
  SubmitBody,
} from '../../../contracts/training';
import { QuizWrite } from '../../../contracts/training';
import type { LiveState, QuizMode } from '../../../contracts/training.vocab';
import { type Actor, scopeFor } from '../../core/access/actor';
import { auditActor, type Core, nowIso, type RequestContext, requireActor } from '../../core/context';
import { decryptField, encryptField, lookupHash, maskPhone } from '../../core/crypto/fields';
import { AppError, conflict, invalid, invalidField, notFound } from '../../core/errors';
import { freeCode } from './codes';
import {
  attemptDeadline,
  canStartAttempt,
  checkAnswer,
  checkSubmission,
  type GradableQuestion,
  gradeAnswer,
  type MultipleRule,
  type QuestionKind,
  type QuizWindow,
  selectQuestions,
} from './domain/grading';
import { analyseItems, checkItemInput, ITEM_FLAG_LABEL, type ItemResponse } from './domain/item-analysis';
import { acceptsAnswer, countChoices, liveStep, rank } from './domain/live';
import { type NeedsSurvey, proposeSessions, type TagResult, WEAK_BELOW_PERCENT } from './domain/targeting';
import { parseJson, presentQuestion, tagsOf } from './training.presenter';
import * as repo from './training.repository';
import type { TrainingParticipantsTable, TrainingQuizzesTable } from './training.tables';

/** bus topic of a quiz's changes; its live view (quizzes.live.ts) reloads on each */
export const quizTopic = (id: string) => `training.quiz.${id}`;

/** how long a quiz's questions are kept in memory */
const QUESTIONS_TTL_MS = 3000;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const unauthorizedParticipant = () => new AppError(401, 'UNAUTHORIZED', '请先输入参与码加入测验');

interface LiveQuestionData {
  id: string;
  kind: QuestionKind;
  stem: string;
  options: { key: string; text: string }[];
  answer: string[];
  explanation: string;
  points: number;
  tags: string[];
}

/** the shared state of a live quiz, read once per event */
export interface LiveQuizState {
  quiz: TrainingQuizzesTable;
  questions: LiveQuestionData[];
  participants: number;
  counts: Record<string, number> | null;
  answered: number;
  ranking: { rank: number; name: string; score: number }[] | null;
}

export type LiveViewer = { role: 'lecturer' } | { role: 'participant' };

/** Quizzes built from the bank; the live classroom quiz (随堂测试); self-paced attempts; results and item analysis; proposals. */
export class QuizzesService {
  constructor(private readonly core: Core) {}

  private decrypt = (v: string) => decryptField(this.core.keys.field, v);

  // ---- quizzes (staff)
  async list(ctx: RequestContext) {
    const rows = await repo.quizzes(this.core.db, scopeFor(requireActor(ctx), 'training:read'));
    return rows.map(presentQuiz);
  }

  async get(ctx: RequestContext, id: string): Promise<QuizDetail> {
    const [row] = await repo.quizzes(this.core.db, scopeFor(requireActor(ctx), 'training:read'), id);
    if (!row) throw notFound('测验');
    const qs = await repo.quizQuestions(this.core.db, row.id);
    return {
      ...presentQuiz(row),
      multipleRule: row.multiple_rule as MultipleRule,
      timeLimitMinutes: row.time_limit_seconds === null ? null : row.time_limit_seconds / 60,
      maxAttempts: row.max_attempts,
      showRanking: row.show_ranking === 1,
      questions: qs.map((q) => ({ ...presentQuestion(q), points: Number(q.points), position: q.position })),
    };
  }

  async create(ctx: RequestContext, raw: z.input<typeof QuizWrite>) {
    const input = QuizWrite.parse(raw);
    const actor = requireActor(ctx);
    const scope = scopeFor(actor, 'training:manage');
    const id = uuidv7();
    let picked: { id: string; points: number }[];
    if (input.selection === 'fixed') {
      if (input.questions.length === 0) throw invalidField('questions', '请至少选择一道题目');
      const ids = input.questions.map((q) => q.questionId);
      if (new Set(ids).size !== ids.length) throw invalidField('questions', '同一道题不能选两次');
      const found = await repo.questions(this.core.db, scope, { ids });
      const missing = input.questions.findIndex((q) => !found.some((f) => f.id === q.questionId));
      if (missing >= 0) throw invalidField(`questions.${missing}`, `第 ${missing + 1} 道题不存在或不在您的题库中`);
      picked = input.questions.map((q) => ({ id: q.questionId, points: q.points }));
    } else {
      if (input.rules.length === 0) throw invalidField('rules', '请至少填写一条抽题规则');
      const bank = (await repo.questions(this.core.db, scope)).map((q) => ({ id: q.id, tags: tagsOf(q.tags), difficulty: q.difficulty }));
      const sel = selectQuestions(
        bank,
        input.rules.map((r) => ({
          tag: r.tag || undefined,
          difficulty: r.difficultyMin || r.difficultyMax ? { min: r.difficultyMin ?? 1, max: r.difficultyMax ?? 5 } : undefined,
          count: r.count,
          points: r.points,
        })),
        id,
      );
      if (!sel.ok)
        throw invalid(
          sel.problems.join('；'),
          sel.problems.map((message) => ({ path: 'rules', message })),
        );
      picked = sel.picked;
    }
    if (input.opensAt && input.closesAt && new Date(input.closesAt) <= new Date(input.opensAt))
      throw invalidField('closesAt', '结束时间应晚于开放时间');
    if (input.sessionId) {
      const [s] = await repo.sessions(this.core.db, scope, input.sessionId);
      if (!s) throw invalidField('sessionId', '培训场次不存在');
    }
    const code = await freeCode(this.core.db, 'training_quizzes');
    await this.core.db.transaction().execute(async (trx) => {
      await repo.insertQuiz(trx, {
        id,
        subdistrict_id: actor.subdistrictId,
        session_id: input.sessionId ?? null,
        title: input.title,
        mode: input.mode,
        selection: input.selection,
        rules: JSON.stringify(input.rules),
        multiple_rule: input.multipleRule,
        time_limit_seconds: input.timeLimitMinutes ? input.timeLimitMinutes * 60 : null,
        max_attempts: input.mode === 'live' ? 1 : (input.maxAttempts ?? null),
        opens_at: input.opensAt ? new Date(input.opensAt).toISOString() : null,
        closes_at: input.closesAt ? new Date(input.closesAt).toISOString() : null,
        show_ranking: input.showRanking ? 1 : 0,
        join_code: code,
        live_state: 'waiting',
        live_index: -1,
        live_version: 0,
        created_by: actor.accountId,
        created_at: nowIso(),
      });
      await trx
        .insertInto('training_quiz_questions')
        .values(
          picked.map((p, i) => ({
            id: uuidv7(),
            subdistrict_id: actor.subdistrictId,
            quiz_id: id,
            question_id: p.id,
            position: i,
            points: p.points,
          })),
        )
        .execute();
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'training.quiz_create',
        targetType: 'training_quiz',
        targetId: id,
        detail: { after: { title: input.title, mode: input.mode, questions: picked.length } },
      });
    });
    return this.get(ctx, id);
  }

  // ---- the live quiz: lecturer side
  async control(ctx: RequestContext, id: string, body: z.output<typeof LiveAction>) {
    const actor = requireActor(ctx);
    const [row] = await repo.quizzes(this.core.db, scopeFor(actor, 'training:manage'), id);
    if (!row) throw notFound('测验');
    if (row.mode !== 'live') throw conflict('这是自主测验，没有讲师控制');
    const step = liveStep(
      { state: row.live_state as LiveState, index: row.live_index, version: row.live_version },
      body.action,
      Number(row.question_count),
      body.version,
    );
    if (!step.ok) throw conflict(step.message);
    await this.core.db.transaction().execute(async (trx) => {
      if (!(await repo.moveLive(trx, row.id, row.live_version, step.next)))
        throw conflict('测验状态已变化（可能已在其他屏幕操作），请刷新后再试');
      if (step.next.state === 'finished') {
        const now = nowIso();
        const max = Number(row.max_score);
        for (const t of await repo.firstAttemptTotals(trx, row.id)) {
          await trx
            .updateTable('training_attempts')
            .set({ submitted_at: now, score: Number(t.score), max_score: max })
            .where('participant_id', '=', t.id)
            .where('attempt_no', '=', 1)
            .where('submitted_at', 'is', null)
            .execute();
        }
      }
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'training.live_step',
        targetType: 'training_quiz',
        targetId: row.id,
        detail: { action: body.action, index: step.next.index, version: step.next.version },
      });
    });
    await this.core.events.publish(quizTopic(row.id), { step: body.action });
    return this.liveNow(actor, row.id);
  }

  async liveNow(actor: Actor, id: string): Promise<LiveView> {
    const viewer = await this.liveViewer(actor, id);
    return this.liveView(await this.liveState(id), viewer);
  }

  /** who may watch quiz `id` live: its office's staff, or one of its participants */
  async liveViewer(actor: Actor, id: string): Promise<LiveViewer> {
    if (actor.permissions.has('training:read')) {
      const [row] = await repo.quizzes(this.core.db, scopeFor(actor, 'training:read'), id);
      if (row) return { role: 'lecturer' };
    }
    const p = await this.core.db
      .selectFrom('training_participants')
      .select('id')
      .where('id', '=', actor.accountId)
      .where('quiz_id', '=', id)
      .executeTakeFirst();
    if (p) return { role: 'participant' };
    throw notFound('测验');
  }

  async liveState(id: string): Promise<LiveQuizState> {
    const quiz = await repo.quiz(this.core.db, id);
    if (!quiz) throw notFound('测验');
    const questions = await this.questionsOf(id);
    const { n } = await repo.countParticipants(this.core.db, id);
    const current = questions[quiz.live_index];
    let counts: Record<string, number> | null = null;
    let answered = 0;
    if (current) {
      const rows = await repo.choiceCounts(this.core.db, id, current.id);
      counts = countChoices(
        current.options.map((o) => o.key),
        rows.map((r) => ({ choice: r.choice, n: Number(r.n) })),
      );
      answered = rows.reduce((s, r) => s + Number(r.n), 0);
    }
    let ranking: LiveQuizState['ranking'] = null;
    if (quiz.live_state === 'finished') {
      const totals = await repo.firstAttemptTotals(this.core.db, id);
      ranking = rank(totals.map((t) => ({ name: t.name, score: Number(t.score) }))).map(({ rank: r, name, score }) => ({
        rank: r,
        name,
        score,
      }));
    }
    return { quiz, questions, participants: Number(n), counts, answered, ranking };
  }

  /** one viewer's part: the lecturer sees everything; a phone sees the answer and the counts only after the question closed */
  liveView(s: LiveQuizState, viewer: LiveViewer): LiveView {
    const lecturer = viewer.role === 'lecturer';
    const state = s.quiz.live_state as LiveState;
    const q = s.questions[s.quiz.live_index];
    const reveal = lecturer || state === 'closed' || state === 'finished';
    return {
      quizId: s.quiz.id,
      title: s.quiz.title,
      joinCode: lecturer ? s.quiz.join_code : '',
      state,
      version: s.quiz.live_version,
      index: s.quiz.live_index,
      total: s.questions.length,
      participants: s.participants,
      question: q
        ? {
            id: q.id,
            kind: q.kind,
            stem: q.stem,
            options: q.options,
            points: q.points,
            answer: reveal ? q.answer : null,
            explanation: reveal ? q.explanation : null,
          }
        : null,
      counts: reveal ? s.counts : null,
      answered: s.answered,
      ranking: lecturer || s.quiz.show_ranking === 1 ? (s.ranking?.slice(0, 10) ?? null) : null,
    };
  }

  // ---- participants (phones)
  /**
   * Joining: the 6-digit code the lecturer shows, a name and a phone number — no SMS to wait for,
   * nothing to install. The same phone joining again (a new phone, a cleared browser) takes over
   * its place, answers and all; the previous token stops working.
   */
  async join(ctx: RequestContext, input: z.output<typeof JoinBody>): Promise<JoinResult> {
    const quiz = await repo.quizByCode(this.core.db, input.code);
    if (!quiz) throw invalidField('code', '参与码不正确，请核对讲师屏幕上的 6 位数字');
    const token = randomBytes(24).toString('base64url');
    const phoneHash = lookupHash(this.core.keys.lookup, input.phone);
    const now = nowIso();
    const participantId = await this.core.db.transaction().execute(async (trx) => {
      const before = await repo.participantByPhone(trx, quiz.id, phoneHash);
      let id = before?.id;
      if (before) await repo.renewParticipant(trx, before.id, input.name, hashToken(token));
      else {
        id = uuidv7();
        const person = await repo.personByPhone(trx, quiz.subdistrict_id, phoneHash);
        await repo.insertParticipant(trx, {
          id,
          subdistrict_id: quiz.subdistrict_id,
          quiz_id: quiz.id,
          name: input.name,
          phone_hash: phoneHash,
          phone_enc: encryptField(this.core.keys.field, input.phone),
          person_id: person?.id ?? null,
          token_hash: hashToken(token),
          joined_at: now,
        });
        if (quiz.mode === 'live')
          await repo.insertAttempt(trx, {
            id: uuidv7(),
            subdistrict_id: quiz.subdistrict_id,
            quiz_id: quiz.id,
            participant_id: id,
            attempt_no: 1,
            started_at: now,
          });
      }
      await this.core.audit.record(
        trx,
        { ...auditActor(ctx), actorName: maskPhone(input.phone), subdistrictId: quiz.subdistrict_id },
        { action: 'training.join', targetType: 'training_quiz', targetId: quiz.id, detail: { again: !!before } },
      );
      return id as string;
    });
    if (quiz.mode === 'live') await this.core.events.publish(quizTopic(quiz.id), { joined: 1 });
    return { token, participantId, quiz: { id: quiz.id, title: quiz.title, mode: quiz.mode as QuizMode } };
  }

  async participant(token: string | undefined): Promise<TrainingParticipantsTable> {
    if (!token) throw unauthorizedParticipant();
    const p = await repo.participantByToken(this.core.db, hashToken(token));
    if (!p) throw unauthorizedParticipant();
    return p;
  }

  /** the actor a participant's live stream runs as: no account, no grants, only its quiz */
  participantActor(p: TrainingParticipantsTable): Actor {
    return {
      accountId: p.id,
      username: 'quiz-participant',
      displayName: p.name,
      kind: 'resident',
      subdistrictId: p.subdistrict_id,
      sessionId: `quiz:${p.id}`,
      personId: p.person_id,
      grants: [],
      permissions: new Set(),
    };
  }

  async playState(token: string | undefined): Promise<PlayState> {
    const p = await this.participant(token);
    const state = await this.liveState(p.quiz_id);
    const view = this.liveView(state, { role: 'participant' });
    const [attempt] = await repo.attempts(this.core.db, p.id);
    const rows = attempt ? await repo.responsesOf(this.core.db, attempt.id) : [];
    const closedUpTo = state.quiz.live_state === 'open' ? state.quiz.live_index - 1 : state.quiz.live_index;
    const mine: PlayState['mine'] = {};
    for (const r of rows) {
      const idx = state.questions.findIndex((q) => q.id === r.question_id);
      mine[r.question_id] = { choice: parseJson<string[]>(r.choice, []), score: idx <= closedUpTo ? Number(r.score) : null };
    }
    let myScore: number | null = null;
    let myRank: number | null = null;
    if (state.quiz.live_state === 'finished') {
      myScore = rows.reduce((s, r) => s + Number(r.score), 0);
      const totals = await repo.firstAttemptTotals(this.core.db, p.quiz_id);
      myRank =
        state.quiz.show_ranking === 1
          ? (rank(totals.map((t) => ({ id: t.id, name: t.name, score: Number(t.score) }))).find((t) => t.id === p.id)?.rank ?? null)
          : null;
    }
    return { participantId: p.id, name: p.name, view, mine, myScore, myRank };
  }

  /** one answer to the open question; sent twice (a double tap, a retry) it counts once */
  async answer(token: string | undefined, body: z.output<typeof AnswerBody>) {
    if (!token) throw unauthorizedParticipant();
    // one read for the participant, the quiz's position and the attempt; the questions from a short cache
    const p = await repo.answerContext(this.core.db, hashToken(token));
    if (!p) throw unauthorizedParticipant();
    if (p.mode !== 'live') throw conflict('自主测验请在作答页提交整份试卷');
    const qs = await this.questionsOf(p.quiz_id);
    const index = qs.findIndex((q) => q.id === body.questionId);
    if (index < 0) throw invalidField('questionId', '这道题不属于本测验');
    const refusal = acceptsAnswer({ state: p.live_state as LiveState, index: p.live_index }, index);
    if (refusal) throw conflict(refusal);
    const q = qs[index]!;
    const g: GradableQuestion = { id: q.id, kind: q.kind, options: q.options.map((o) => o.key), answer: q.answer };
    const wrong = checkAnswer(g, body.choice);
    if (wrong) throw invalidField('choice', wrong.replace(`第「${q.id}」题`, '本题'));
    if (!p.attempt_id) throw conflict('请重新输入参与码加入测验');
    const grade = gradeAnswer(g, q.points, body.choice, p.multiple_rule as MultipleRule);
    const counted = await repo.insertResponse(this.core.db, {
      id: uuidv7(),
      subdistrict_id: p.subdistrict_id,
      quiz_id: p.quiz_id,
      attempt_id: p.attempt_id,
      question_id: q.id,
      choice: JSON.stringify([...new Set(body.choice)].sort()),
      score: grade.score,
      answered_at: nowIso(),
    });
    if (counted) await this.core.events.publish(quizTopic(p.quiz_id), { answered: 1 });
    return { counted, message: counted ? '已提交，请等待讲师公布答案' : '您已提交过本题，以第一次提交为准' };
  }

  /**
   * A quiz's questions as graded and shown, kept a few seconds: a class of 500 answering at once
   * reads them once, not 500 times. A quiz's question list never changes after creation; an edit in
   * the bank reaches a running class within QUESTIONS_TTL_MS.
   */
  private readonly questionCache = new Map<string, { at: number; rows: Promise<LiveQuestionData[]> }>();
  private questionsOf(quizId: string): Promise<LiveQuestionData[]> {
    const now = Date.now();
    const hit = this.questionCache.get(quizId);
    if (hit && now - hit.at < QUESTIONS_TTL_MS) return hit.rows;
    const rows = repo.quizQuestions(this.core.db, quizId).then((list) =>
      list.map((row) => {
        const v = presentQuestion(row);
        return {
          id: v.id,
          kind: v.kind,
          stem: v.stem,
          options: v.options,
          answer: v.answer,
          explanation: v.explanation,
          points: Number(row.points),
          tags: v.tags,
        };
      }),
    );
    rows.catch(() => this.questionCache.delete(quizId));
    if (this.questionCache.size > 200) this.questionCache.clear();
    this.questionCache.set(quizId, { at: now, rows });
    return rows;
  }

  // ---- self-paced
  private windowOf(quiz: TrainingQuizzesTable): QuizWindow {
    return {
      opensAt: quiz.opens_at ? new Date(quiz.opens_at) : null,
      closesAt: quiz.closes_at ? new Date(quiz.closes_at) : null,
      timeLimitSeconds: quiz.time_limit_seconds,
      maxAttempts: quiz.max_attempts,
    };
  }

  /** starts an attempt, or gives back the one still open (a reload, a dropped connection) */
  async start(token: string | undefined): Promise<Paper> {
    const p = await this.participant(token);
    const quiz = await repo.quiz(this.core.db, p.quiz_id);
    if (!quiz) throw notFound('测验');
    if (quiz.mode !== 'self_paced') throw conflict('随堂测试请跟随讲师作答');
    const w = this.windowOf(quiz);
    const now = new Date();
    const all = await repo.attempts(this.core.db, p.id);
    let attempt = all.find((a) => a.submitted_at === null && checkSubmission(w, new Date(a.started_at), now).ok);
    if (!attempt) {
      const check = canStartAttempt(w, all.length, false, now);
      if (!check.ok) throw conflict(check.message);
      const row = {
        id: uuidv7(),
        subdistrict_id: p.subdistrict_id,
        quiz_id: quiz.id,
        participant_id: p.id,
        attempt_no: all.length + 1,
        started_at: now.toISOString(),
      };
      if (!(await repo.insertAttempt(this.core.db, row))) throw conflict('已开始作答，请刷新页面');
      attempt = { ...row, submitted_at: null, score: null, max_score: null };
    }
    const qs = await repo.quizQuestions(this.core.db, quiz.id);
    const deadline = attemptDeadline(w, new Date(attempt.started_at));
    return {
      attemptId: attempt.id,
      attemptNo: attempt.attempt_no,
      title: quiz.title,
      deadline: deadline ? deadline.toISOString() : null,
      questions: qs.map((q) => {
        const v = presentQuestion(q);
        return { id: v.id, kind: v.kind, stem: v.stem, options: v.options, points: Number(q.points) };
      }),
    };
  }

  /** grades a whole attempt at once, with the explanations; a second submit gives the first result */
  async submit(token: string | undefined, body: z.output<typeof SubmitBody>): Promise<Graded> {
    const p = await this.participant(token);
    const quiz = await repo.quiz(this.core.db, p.quiz_id);
    if (!quiz) throw notFound('测验');
    const attempt = (await repo.attempts(this.core.db, p.id)).find((a) => a.id === body.attemptId);
    if (!attempt) throw notFound('作答记录');
    const qs = (await repo.quizQuestions(this.core.db, quiz.id)).map((q) => ({ ...presentQuestion(q), points: Number(q.points) }));
    if (attempt.submitted_at === null) {
      const late = checkSubmission(this.windowOf(quiz), new Date(attempt.started_at), new Date());
      const answers = late.ok ? body.answers : {};
      for (const [qid, choice] of Object.entries(answers)) {
        const q = qs.find((x) => x.id === qid);
        if (!q) throw invalidField(`answers.${qid}`, '这道题不属于本测验');
        const wrong = checkAnswer({ id: q.id, kind: q.kind, options: q.options.map((o) => o.key), answer: q.answer }, choice);
        if (wrong) throw invalidField(`answers.${qid}`, wrong.replace(`「${q.id}」`, ` ${qs.indexOf(q) + 1} `));
      }
      await this.core.db.transaction().execute(async (trx) => {
        let total = 0;
        for (const q of qs) {
          const choice = answers[q.id];
          if (!choice || choice.length === 0) continue;
          const g = gradeAnswer(
            { id: q.id, kind: q.kind, options: q.options.map((o) => o.key), answer: q.answer },
            q.points,
            choice,
            quiz.multiple_rule as MultipleRule,
          );
          total += g.score;
          await repo.insertResponse(trx, {
            id: uuidv7(),
            subdistrict_id: p.subdistrict_id,
            quiz_id: quiz.id,
            attempt_id: attempt.id,
            question_id: q.id,
            choice: JSON.stringify([...new Set(choice)].sort()),
            score: g.score,
            answered_at: nowIso(),
          });
        }
        await repo.finishAttempt(
          trx,
          attempt.id,
          Math.round(total * 100) / 100,
          qs.reduce((s, q) => s + q.points, 0),
          nowIso(),
        );
      });
      if (!late.ok) throw conflict(late.message);
    }
    const stored = await repo.responsesOf(this.core.db, attempt.id);
    const questions = qs.map((q) => {
      const r = stored.find((s) => s.question_id === q.id);
      const chosen = r ? parseJson<string[]>(r.choice, []) : [];
      const score = r ? Number(r.score) : 0;
      return {
        id: q.id,
        kind: q.kind,
        stem: q.stem,
        options: q.options,
        points: q.points,
        answer: q.answer,
        explanation: q.explanation,
        chosen,
        score,
        correct: score === q.points,
      };
    });
    const score = Math.round(questions.reduce((s, q) => s + q.score, 0) * 100) / 100;
    const max = qs.reduce((s, q) => s + q.points, 0);
    return { score, max, percent: max > 0 ? Math.round((10000 * score) / max) / 100 : null, questions };
  }

  // ---- results and item analysis (first attempts)
  async results(ctx: RequestContext, id: string): Promise<QuizResults> {
    const [row] = await repo.quizzes(this.core.db, scopeFor(requireActor(ctx), 'training:read'), id);
    if (!row) throw notFound('测验');
    const qs = (await repo.quizQuestions(this.core.db, row.id)).map((q) => ({
      ...presentQuestion(q),
      points: Number(q.points),
      position: q.position,
    }));
    const people = await repo.participants(this.core.db, row.id);
    const responses = await repo.firstAttemptResponses(this.core.db, row.id);
    const itemResponses: ItemResponse[] = responses.map((r) => {
      const q = qs.find((x) => x.id === r.question_id);
      const choice = parseJson<string[]>(r.choice, []);
      return {
        participant: r.participant_id,
        question: r.question_id,
        score: Number(r.score),
        choice: q?.kind === 'multiple' ? choice : choice[0],
      };
    });
    const input = {
      questions: qs.map((q) => ({ id: q.id, max: q.points, options: q.options.map((o) => o.key) })),
      responses: itemResponses,
    };
    const problems = checkItemInput(input);
    if (problems.length) throw conflict(`作答数据有误：${problems[0]!.message}`);
    const analysis = analyseItems(input);
    const counted = new Set(responses.map((r) => r.participant_id));
    const max = qs.reduce((s, q) => s + q.points, 0);
    const totals = new Map<string, number>();
    for (const r of responses) totals.set(r.participant_id, (totals.get(r.participant_id) ?? 0) + Number(r.score));
    const tags = [...new Set(qs.flatMap((q) => q.tags))];
    const n = counted.size;
    return {
      quizId: row.id,
      title: row.title,
      test: analysis.test,
      questions: qs.map((q) => {
        const s = analysis.questions.find((x) => x.id === q.id);
        return {
          id: q.id,
          position: q.position,
          stem: q.stem,
          max: q.points,
          answer: q.answer,
          facility: s?.facility ?? null,
          sd: s?.sd ?? null,
          discrimination: s?.discrimination ?? null,
          options: s?.options ?? null,
          flags: (s?.flags ?? []).map((code) => ({ code, label: ITEM_FLAG_LABEL[code] })),
        };
      }),
      participants: people
        .filter((p) => counted.has(p.id))
        .map((p) => {
          const score = Math.round((totals.get(p.id) ?? 0) * 100) / 100;
          return {
            id: p.id,
            name: p.name,
            phoneMasked: maskPhone(this.decrypt(p.phone_enc)),
            score,
            max,
            percent: max > 0 ? Math.round((10000 * score) / max) / 100 : null,
          };
        })
        .sort((a, b) => b.score - a.score),
      byTag: tags.map((tag) => {
        const tagged = qs.filter((q) => q.tags.includes(tag));
        const tagMax = tagged.reduce((s, q) => s + q.points, 0) * n;
        const got = responses.filter((r) => tagged.some((q) => q.id === r.question_id)).reduce((s, r) => s + Number(r.score), 0);
        return { tag, percent: tagMax > 0 ? Math.round((10000 * got) / tagMax) / 100 : null, participants: n };
      }),
    };
  }

  // ---- targeted training
  async proposals(ctx: RequestContext): Promise<ProposalList> {
    const scope = scopeFor(requireActor(ctx), 'training:read');
    const surveys = await repo.surveys(this.core.db, scope);
    const responses = await repo.scopedFirstResponses(this.core.db, scope);
    const names = new Map<string, string>();
    const needs: NeedsSurvey[] = surveys.map((s) => {
      names.set(s.phone_hash, `${s.name}（${s.committee_name}）`);
      return { directorId: s.phone_hash, topics: parseJson<string[]>(s.topics, []), difficulties: s.difficulties };
    });
    const results: TagResult[] = [];
    for (const r of responses) {
      if (!names.has(r.phone_hash)) names.set(r.phone_hash, r.name);
      for (const tag of tagsOf(r.tags)) results.push({ directorId: r.phone_hash, tag, score: Number(r.score), max: Number(r.points) });
    }
    const proposals = proposeSessions(needs, results, { maxSessions: 10 });
    return {
      proposals: proposals.map((p) => ({
        tag: p.tag,
        priority: p.priority,
        meanPercent: p.meanPercent,
        reason: p.reason,
        requested: p.requested.length,
        weak: p.weak.length,
        invite: p.invite.map((d) => ({
          name: names.get(d) ?? '（未留姓名）',
          why:
            p.requested.includes(d) && p.weak.includes(d)
              ? `提出需要，且测验得分低于 ${WEAK_BELOW_PERCENT}%`
              : p.requested.includes(d)
                ? '提出需要'
                : `测验得分低于 ${WEAK_BELOW_PERCENT}%`,
        })),
      })),
    };
  }
}

function presentQuiz(r: repo.QuizRow) {
  return {
    id: r.id,
    title: r.title,
    mode: r.mode as QuizMode,
    sessionId: r.session_id,
    joinCode: r.join_code,
    liveState: r.live_state as LiveState,
    questionCount: Number(r.question_count),
    maxScore: Number(r.max_score),
    participants: Number(r.participants),
    opensAt: r.opens_at,
    closesAt: r.closes_at,
    createdAt: r.created_at,
  };
}
