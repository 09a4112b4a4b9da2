import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, LiveQuery, Ok } from '../../../contracts/common';
import {
  AnswerBody,
  AnswerResult,
  CheckinBody,
  CheckinResult,
  ChecklistItemBody,
  ChecklistItemOut,
  CommitteeDetail,
  CommitteeEdit,
  CommitteeList,
  CommitteeWrite,
  ComplianceReport,
  FeedbackBody,
  Graded,
  InviteResult,
  JoinBody,
  JoinResult,
  LiveAction,
  LivePoll,
  LiveView,
  Paper,
  PlayState,
  ProposalList,
  QuestionHistory,
  QuestionItem,
  QuestionList,
  QuestionQuery,
  QuestionWrite,
  QuizDetail,
  QuizList,
  QuizResults,
  QuizWrite,
  RegisterBody,
  RegisterForBody,
  RegisterResult,
  SessionDetail,
  SessionList,
  SessionWrite,
  SubmitBody,
  SurveyBody,
  SurveyForm,
  SurveyList,
  TickBody,
} from '../../../contracts/training';
import { type Core, requireActor } from '../../core/context';
import { LIVE_HEADERS, openLiveStream } from '../../http/live';
import type { BankService } from './bank.service';
import { QUIZ_LIVE } from './quizzes.live';
import type { QuizzesService } from './quizzes.service';
import type { RegistryService } from './registry.service';

export interface TrainingRouteDeps {
  core: Core;
  registry: RegistryService;
  bank: BankService;
  quizzes: QuizzesService;
}

const tags = ['training'];

/** the participant token: header `x-participant-token` (scripts, tests) or the `linli_quiz` cookie the join sets */
export const PARTICIPANT_COOKIE = 'linli_quiz';
const tokenOf = (req: FastifyRequest) => {
  const h = req.headers['x-participant-token'];
  return typeof h === 'string' && h ? h : req.cookies[PARTICIPANT_COOKIE];
};

export const trainingRoutes: FastifyPluginAsyncZod<TrainingRouteDeps> = async (app, { core, registry, bank, quizzes }) => {
  // ---- committees, checklists, re-elections, scores
  app.get(
    '/api/training/committees',
    {
      config: { access: 'training:read' },
      schema: { tags, querystring: z.object({ reElection: z.enum(['1', '0']).optional() }), response: { 200: CommitteeList } },
    },
    async (req) => ({ committees: await registry.listCommittees(req.ctx, { reElection: req.query.reElection === '1' }) }),
  );
  app.post(
    '/api/training/committees',
    { config: { access: 'training:manage' }, schema: { tags, body: CommitteeWrite, response: { 200: CommitteeDetail } } },
    async (req) => registry.createCommittee(req.ctx, req.body),
  );
  app.get(
    '/api/training/committees/:id',
    { config: { access: 'training:read' }, schema: { tags, params: IdParams, response: { 200: CommitteeDetail } } },
    async (req) => registry.getCommittee(req.ctx, req.params.id),
  );
  app.put(
    '/api/training/committees/:id',
    { config: { access: 'training:manage' }, schema: { tags, params: IdParams, body: CommitteeEdit, response: { 200: CommitteeDetail } } },
    async (req) => registry.updateCommittee(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/training/committees/:id/ticks',
    { config: { access: 'training:manage' }, schema: { tags, params: IdParams, body: TickBody, response: { 200: CommitteeDetail } } },
    async (req) => registry.tick(req.ctx, req.params.id, req.body.itemKey, req.body.done),
  );
  app.get(
    '/api/training/compliance',
    { config: { access: 'training:read' }, schema: { tags, response: { 200: ComplianceReport } } },
    async (req) => registry.compliance(req.ctx),
  );
  app.post(
    '/api/training/checklist-items',
    { config: { access: 'training:manage' }, schema: { tags, body: ChecklistItemBody, response: { 200: ChecklistItemOut } } },
    async (req) => registry.addChecklistItem(req.ctx, req.body),
  );

  // ---- sessions
  app.get(
    '/api/training/sessions',
    { config: { access: 'training:read' }, schema: { tags, response: { 200: SessionList } } },
    async (req) => ({
      sessions: await registry.listSessions(req.ctx),
    }),
  );
  app.post(
    '/api/training/sessions',
    { config: { access: 'training:manage' }, schema: { tags, body: SessionWrite, response: { 200: SessionDetail } } },
    async (req) => registry.createSession(req.ctx, req.body),
  );
  app.get(
    '/api/training/sessions/:id',
    { config: { access: 'training:read' }, schema: { tags, params: IdParams, response: { 200: SessionDetail } } },
    async (req) => registry.getSession(req.ctx, req.params.id),
  );
  app.put(
    '/api/training/sessions/:id',
    { config: { access: 'training:manage' }, schema: { tags, params: IdParams, body: SessionWrite, response: { 200: SessionDetail } } },
    async (req) => registry.updateSession(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/training/sessions/:id/invite',
    { config: { access: 'training:manage' }, schema: { tags, params: IdParams, response: { 200: InviteResult } } },
    async (req) => registry.invite(req.ctx, req.params.id),
  );
  app.post(
    '/api/training/sessions/:id/material',
    { config: { access: 'training:manage' }, schema: { tags, params: IdParams, response: { 200: SessionDetail } } },
    async (req) => {
      const file = req.isMultipart() ? await req.file().catch(() => undefined) : undefined;
      return registry.attachMaterial(req.ctx, req.params.id, file ? { filename: file.filename, file: file.file } : null);
    },
  );
  // an invited director registers before the session (the invitation's link), or the office for them
  app.post(
    '/api/training/register',
    { config: { access: 'public' }, schema: { tags, body: RegisterBody, response: { 200: RegisterResult } } },
    async (req) => registry.register(req.ctx, req.body),
  );
  app.post(
    '/api/training/sessions/:id/registrations',
    { config: { access: 'training:manage' }, schema: { tags, params: IdParams, body: RegisterForBody, response: { 200: SessionDetail } } },
    async (req) => registry.registerFor(req.ctx, req.params.id, req.body.personId),
  );
  // a director checks in from the phone (the session's 6-digit code, name, phone)
  app.post(
    '/api/training/checkin',
    { config: { access: 'public' }, schema: { tags, body: CheckinBody, response: { 200: CheckinResult } } },
    async (req) => registry.checkin(req.ctx, req.body),
  );

  app.post(
    '/api/training/feedback',
    { config: { access: 'public' }, schema: { tags, body: FeedbackBody, response: { 200: Ok } } },
    async (req) => registry.feedback(req.ctx, req.body),
  );

  // ---- question bank
  app.get(
    '/api/training/questions',
    { config: { access: 'training:read' }, schema: { tags, querystring: QuestionQuery, response: { 200: QuestionList } } },
    async (req) => ({ questions: await bank.list(req.ctx, req.query) }),
  );
  app.post(
    '/api/training/questions',
    { config: { access: 'training:manage' }, schema: { tags, body: QuestionWrite, response: { 200: QuestionItem } } },
    async (req) => bank.create(req.ctx, req.body),
  );
  app.put(
    '/api/training/questions/:id',
    { config: { access: 'training:manage' }, schema: { tags, params: IdParams, body: QuestionWrite, response: { 200: QuestionItem } } },
    async (req) => bank.update(req.ctx, req.params.id, req.body),
  );
  app.get(
    '/api/training/questions/:id/history',
    { config: { access: 'training:read' }, schema: { tags, params: IdParams, response: { 200: QuestionHistory } } },
    async (req) => bank.history(req.ctx, req.params.id),
  );

  // ---- quizzes
  app.get('/api/training/quizzes', { config: { access: 'training:read' }, schema: { tags, response: { 200: QuizList } } }, async (req) => ({
    quizzes: await quizzes.list(req.ctx),
  }));
  app.post(
    '/api/training/quizzes',
    { config: { access: 'training:manage' }, schema: { tags, body: QuizWrite, response: { 200: QuizDetail } } },
    async (req) => quizzes.create(req.ctx, req.body),
  );
  app.get(
    '/api/training/quizzes/:id',
    { config: { access: 'training:read' }, schema: { tags, params: IdParams, response: { 200: QuizDetail } } },
    async (req) => quizzes.get(req.ctx, req.params.id),
  );
  app.get(
    '/api/training/quizzes/:id/results',
    { config: { access: 'training:read' }, schema: { tags, params: IdParams, response: { 200: QuizResults } } },
    async (req) => quizzes.results(req.ctx, req.params.id),
  );
  // the lecturer's screen: open / close a question, finish
  app.post(
    '/api/training/quizzes/:id/live',
    { config: { access: 'training:manage' }, schema: { tags, params: IdParams, body: LiveAction, response: { 200: LiveView } } },
    async (req) => quizzes.control(req.ctx, req.params.id, req.body),
  );
  app.get(
    '/api/training/quizzes/:id/events',
    { config: { access: 'training:read' }, schema: { tags, params: IdParams, querystring: LiveQuery } },
    async (req, reply) => openLiveStream(req, reply, core.live, QUIZ_LIVE, req.params.id),
  );
  app.get(
    '/api/training/quizzes/:id/live',
    { config: { access: 'training:read' }, schema: { tags, params: IdParams, response: { 200: LivePoll } } },
    async (req) => {
      const { lastEventId, view } = await core.live.current(QUIZ_LIVE, req.params.id, requireActor(req.ctx));
      return { lastEventId, view: view as LiveView };
    },
  );

  // ---- targeted training
  app.get(
    '/api/training/surveys',
    { config: { access: 'training:read' }, schema: { tags, response: { 200: SurveyList } } },
    async (req) => ({
      surveys: await registry.listSurveys(req.ctx),
    }),
  );
  app.get(
    '/api/training/proposals',
    { config: { access: 'training:read' }, schema: { tags, response: { 200: ProposalList } } },
    async (req) => quizzes.proposals(req.ctx),
  );
  // a committee's survey link (sent by the office): public, the committee's id is the key
  app.get(
    '/api/training/survey/:id',
    { config: { access: 'public' }, schema: { tags, params: IdParams, response: { 200: SurveyForm } } },
    async (req) => registry.surveyForm(req.params.id),
  );
  app.post(
    '/api/training/survey/:id',
    { config: { access: 'public' }, schema: { tags, params: IdParams, body: SurveyBody, response: { 200: Ok } } },
    async (req) => registry.submitSurvey(req.ctx, req.params.id, req.body),
  );

  // ---- participants' phones (public: the participant token is the key)
  app.post(
    '/api/training/join',
    { config: { access: 'public' }, schema: { tags, body: JoinBody, response: { 200: JoinResult } } },
    async (req, reply) => {
      const joined = await quizzes.join(req.ctx, req.body);
      reply.setCookie(PARTICIPANT_COOKIE, joined.token, {
        path: '/api/training/play',
        httpOnly: true,
        sameSite: 'strict',
        secure: req.protocol === 'https',
      });
      return joined;
    },
  );
  app.get('/api/training/play/state', { config: { access: 'public' }, schema: { tags, response: { 200: PlayState } } }, async (req) =>
    quizzes.playState(tokenOf(req)),
  );
  app.post(
    '/api/training/play/answer',
    { config: { access: 'public' }, schema: { tags, body: AnswerBody, response: { 200: AnswerResult } } },
    async (req) => quizzes.answer(tokenOf(req), req.body),
  );
  app.post('/api/training/play/start', { config: { access: 'public' }, schema: { tags, response: { 200: Paper } } }, async (req) =>
    quizzes.start(tokenOf(req)),
  );
  app.post(
    '/api/training/play/submit',
    { config: { access: 'public' }, schema: { tags, body: SubmitBody, response: { 200: Graded } } },
    async (req) => quizzes.submit(tokenOf(req), req.body),
  );
  // the class as the phone sees it, live: a snapshot on (re)connect, then deltas
  app.get('/api/training/play/events', { config: { access: 'public' }, schema: { tags, querystring: LiveQuery } }, async (req, reply) =>
    openParticipantStream(req, reply, core, quizzes),
  );
};

async function openParticipantStream(req: FastifyRequest, reply: FastifyReply, core: Core, quizzes: QuizzesService) {
  const p = await quizzes.participant(tokenOf(req));
  const actor = quizzes.participantActor(p);
  const opened = await core.live.open(QUIZ_LIVE, p.quiz_id, actor, async () => actor);
  const header = req.headers['last-event-id'];
  const query = (req.query as { lastEventId?: unknown }).lastEventId;
  const lastEventId = typeof header === 'string' ? header : typeof query === 'string' ? query : null;
  reply.hijack();
  reply.raw.writeHead(200, LIVE_HEADERS);
  reply.raw.socket?.setNoDelay(true);
  opened.attach(reply.raw, lastEventId);
}
