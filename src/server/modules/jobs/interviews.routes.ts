import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, LiveQuery, Ok } from '../../../contracts/common';
import {
  CallNextBody,
  GenerateBody,
  InterviewItem,
  LateBody,
  MoveBody,
  NoShowBody,
  OutcomeBody,
  PauseBody,
  PublishTimetableResult,
  Report,
  Room,
  RoomList,
  RoomPatch,
  RoomWrite,
  Timetable,
  TokenParams,
} from '../../../contracts/jobs-interviews';
import type { Core } from '../../core/context';
import { attachment, XLSX } from '../../http/download';
import { LIVE_HEADERS, openLiveStream } from '../../http/live';
import { FAIRDAY_LIVE } from './interviews.live';
import type { InterviewsService } from './interviews.service';

export interface InterviewRouteDeps {
  core: Core;
  interviews: InterviewsService;
}

const tags = ['jobs'];
const Board = z.array(z.unknown());
const ConsoleResult = z.object({ called: InterviewItem.nullable().optional(), told: z.number().int(), board: Board });

/** the candidate's personal page, opened from the SMS */
export const queuePageUrl = (base: string, token: string) => `${base.replace(/\/$/, '')}/m/jobs/q/${token}`;

export const interviewRoutes: FastifyPluginAsyncZod<InterviewRouteDeps> = async (app, { core, interviews }) => {
  // ---- rooms
  app.get(
    '/api/jobs/fairs/:id/rooms',
    { config: { access: 'jobs:read' }, schema: { tags, params: IdParams, response: { 200: RoomList } } },
    async (req) => ({
      rooms: await interviews.rooms(req.ctx, req.params.id),
    }),
  );
  app.post(
    '/api/jobs/fairs/:id/rooms',
    { config: { access: 'jobs:manage' }, schema: { tags, params: IdParams, body: RoomWrite, response: { 200: Room } } },
    async (req) => (await interviews.createRoom(req.ctx, req.params.id, req.body)) as z.infer<typeof Room>,
  );
  app.patch(
    '/api/jobs/rooms/:id',
    { config: { access: 'jobs:manage' }, schema: { tags, params: IdParams, body: RoomPatch, response: { 200: Room } } },
    async (req) => (await interviews.updateRoom(req.ctx, req.params.id, req.body)) as z.infer<typeof Room>,
  );

  // ---- the timetable
  app.post(
    '/api/jobs/fairs/:id/timetable',
    { config: { access: 'jobs:manage' }, schema: { tags, params: IdParams, body: GenerateBody, response: { 200: Timetable } } },
    async (req) => interviews.generate(req.ctx, req.params.id, req.body),
  );
  app.get(
    '/api/jobs/fairs/:id/timetable',
    { config: { access: 'jobs:read' }, schema: { tags, params: IdParams, response: { 200: Timetable } } },
    async (req) => interviews.timetable(req.ctx, req.params.id),
  );
  app.post(
    '/api/jobs/fairs/:id/timetable/publish',
    { config: { access: 'jobs:manage' }, schema: { tags, params: IdParams, response: { 200: PublishTimetableResult } } },
    async (req) => interviews.publish(req.ctx, req.params.id),
  );
  app.get(
    '/api/jobs/fairs/:id/timetable.xlsx',
    {
      config: { access: 'jobs:read' },
      schema: { tags, params: IdParams, querystring: z.object({ by: z.enum(['room', 'candidate']).default('room') }) },
    },
    async (req, reply) => {
      const file = await interviews.exportTimetable(req.ctx, req.params.id, req.query.by);
      return reply.type(XLSX).header('content-disposition', attachment(file.fileName)).send(file.body);
    },
  );
  app.post(
    '/api/jobs/interviews/:id/move',
    { config: { access: 'jobs:manage' }, schema: { tags, params: IdParams, body: MoveBody, response: { 200: Timetable } } },
    async (req) => interviews.move(req.ctx, req.params.id, req.body),
  );

  // ---- the console
  app.get(
    '/api/jobs/fairs/:id/board',
    { config: { access: 'jobs:read' }, schema: { tags, params: IdParams, querystring: LiveQuery } },
    async (req, reply) => {
      const { lastEventId, view } = await core.live.current(
        FAIRDAY_LIVE,
        req.params.id,
        req.ctx.actor as NonNullable<typeof req.ctx.actor>,
      );
      return reply.send({ lastEventId, view });
    },
  );
  // the room boards live: server-sent events, resumable with Last-Event-ID
  app.get(
    '/api/jobs/fairs/:id/board/stream',
    { config: { access: 'jobs:read' }, schema: { tags, params: IdParams, querystring: LiveQuery } },
    async (req, reply) => openLiveStream(req, reply, core.live, FAIRDAY_LIVE, req.params.id),
  );
  app.post(
    '/api/jobs/rooms/:id/call-next',
    { config: { access: 'jobs:manage' }, schema: { tags, params: IdParams, body: CallNextBody, response: { 200: ConsoleResult } } },
    async (req) => interviews.callNext(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/jobs/rooms/:id/pause',
    { config: { access: 'jobs:manage' }, schema: { tags, params: IdParams, body: PauseBody, response: { 200: ConsoleResult } } },
    async (req) => interviews.pause(req.ctx, req.params.id, req.body.paused),
  );
  app.post(
    '/api/jobs/rooms/:id/late',
    { config: { access: 'jobs:manage' }, schema: { tags, params: IdParams, body: LateBody, response: { 200: ConsoleResult } } },
    async (req) => interviews.late(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/jobs/interviews/:id/finish',
    { config: { access: 'jobs:manage' }, schema: { tags, params: IdParams, response: { 200: ConsoleResult } } },
    async (req) => interviews.finish(req.ctx, req.params.id),
  );
  app.post(
    '/api/jobs/interviews/:id/no-show',
    { config: { access: 'jobs:manage' }, schema: { tags, params: IdParams, body: NoShowBody, response: { 200: ConsoleResult } } },
    async (req) => interviews.noShow(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/jobs/interviews/:id/phone-call',
    { config: { access: 'jobs:manage' }, schema: { tags, params: IdParams, response: { 200: Ok } } },
    async (req) => interviews.phoneCall(req.ctx, req.params.id),
  );
  app.post(
    '/api/jobs/interviews/:id/revoke-link',
    { config: { access: 'jobs:manage' }, schema: { tags, params: IdParams, response: { 200: Ok } } },
    async (req) => interviews.revokeLink(req.ctx, req.params.id),
  );

  // ---- the interviewer
  app.get('/api/jobs/rooms/:id/queue', { config: { access: 'jobs:read' }, schema: { tags, params: IdParams } }, async (req) =>
    interviews.queue(req.ctx, req.params.id),
  );
  app.post(
    '/api/jobs/interviews/:id/outcome',
    { config: { access: 'jobs:manage' }, schema: { tags, params: IdParams, body: OutcomeBody, response: { 200: InterviewItem } } },
    async (req) => interviews.outcome(req.ctx, req.params.id, req.body),
  );

  // ---- the report
  app.get(
    '/api/jobs/fairs/:id/report',
    { config: { access: 'jobs:read' }, schema: { tags, params: IdParams, response: { 200: Report } } },
    async (req) => interviews.report(req.ctx, req.params.id),
  );
  app.get(
    '/api/jobs/fairs/:id/report.xlsx',
    { config: { access: 'jobs:read' }, schema: { tags, params: IdParams } },
    async (req, reply) => {
      const file = await interviews.exportReport(req.ctx, req.params.id);
      return reply.type(XLSX).header('content-disposition', attachment(file.fileName)).send(file.body);
    },
  );

  // ---- the candidate's page: a personal link, no password; only their own interviews
  app.get(
    '/api/jobs/q/:token',
    { config: { access: 'public' }, schema: { tags, params: TokenParams, querystring: LiveQuery } },
    async (req) => {
      const { actor, fairId } = await interviews.tokenActor(req.params.token);
      return core.live.current(FAIRDAY_LIVE, fairId, actor);
    },
  );
  app.get(
    '/api/jobs/q/:token/stream',
    { config: { access: 'public' }, schema: { tags, params: TokenParams, querystring: LiveQuery } },
    async (req, reply) => {
      const { actor, fairId } = await interviews.tokenActor(req.params.token);
      // revoked or expired: the hub ends the stream at once on revoke (the bus names the link), at the next heartbeat on expiry
      const opened = await core.live.open(FAIRDAY_LIVE, fairId, actor, () => interviews.tokenStillLive(actor), { goneReason: 'link_gone' });
      const header = req.headers['last-event-id'];
      const lastEventId = typeof header === 'string' ? header : (req.query.lastEventId ?? null);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { ...LIVE_HEADERS, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
      res.socket?.setNoDelay(true);
      opened.attach(res, lastEventId);
    },
  );
};
