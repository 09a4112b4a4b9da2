import { createHash, randomBytes } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import { SEEKER_STATUS_LABEL, type SeekerStatus } from '../../../contracts/jobs.vocab';
import type {
  CallNextBody,
  GenerateBody,
  LateBody,
  MoveBody,
  NoShowBody,
  OutcomeBody,
  RoomPatch,
  RoomWrite,
} from '../../../contracts/jobs-interviews';
import { type Actor, scopeFor } from '../../core/access/actor';
import { auditActor, type Core, type RequestContext, requireActor } from '../../core/context';
import { decryptField, encryptField } from '../../core/crypto/fields';
import { conflict, invalidField, notFound } from '../../core/errors';
import { LIVE_SUBJECT_CHANGED } from '../../core/events/live-hub';
import { openExport } from '../../core/excel/export';
import { displayDate, displayTime } from '../../core/time';
import type { Executor, Tx } from '../../db/index';
import {
  type DayInterview,
  type FairDayState,
  type FairDayViewer,
  hhmm,
  INTERVIEW_STATUS_LABEL,
  OUTCOME_LABEL,
  parseHhmm,
  roomBoards,
} from './domain/fairday';
import { type Fair, type Timetable as Plan, planTimetable, replanLate, replanNoShow } from './domain/timetable';
import type { Replanned } from './domain/timetable/replan';
import type { InterviewRow } from './interviews.repository';
import * as repo from './interviews.repository';
import type { JobsInterviewsTable, JobsRoomsTable } from './interviews.tables';
import * as jobsRepo from './jobs.repository';
import type { SeekersService } from './seekers.service';

export const fairDayTopic = (fairId: string) => `jobs.fairday.${fairId}`;
export const TIMETABLE_SMS = '【邻里】{title}面试安排：{times}。请提前 5 分钟打开您的专属页面查看排队情况：{link}';
export const CHANGED_SMS = '【邻里】{title}：您的面试时间有调整，{times}。实时排队：{link}';
/** the accountId prefix of a candidate's personal link standing in for a session on the live hub */
export const TOKEN_ACTOR = 'jobs.q:';

const QUEUED = repo.QUEUED as readonly string[];
/** how long a personal link read from the database counts as still live (revokes are told at once) */
const LINK_RECHECK_MS = 60_000;
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

interface Told {
  seekerId: string;
  template: string;
}

/** 面试安排与现场调度 (part 2): rooms, the timetable, publishing, the fair-day console, outcomes, the report. */
export class InterviewsService {
  /** the clock the fair day runs on (tests set the afternoon of the fair) */
  clock: () => Date = () => new Date();

  constructor(
    private readonly core: Core,
    private readonly seekers: SeekersService,
    private readonly linkOf: (token: string) => string,
  ) {
    // a link revoked here or in another process: the next check reads the database
    core.events.subscribe(LIVE_SUBJECT_CHANGED, (e) => {
      const accountId = e.data.accountId;
      if (typeof accountId === 'string' && accountId.startsWith(TOKEN_ACTOR)) this.linkChecked.delete(accountId.slice(TOKEN_ACTOR.length));
    });
  }

  /**
   * Links read lately, so that the live hub's heartbeat (every open page, every 15 s) does not read
   * each one each time: a revoke drops its entry (the bus names it, in every process) and the
   * expiry is checked against the clock; the database is asked again after LINK_RECHECK_MS.
   */
  private readonly linkChecked = new Map<string, { expiresAt: string; at: number }>();

  private get db() {
    return this.core.db;
  }

  private scope(ctx: RequestContext, permission: 'jobs:read' | 'jobs:manage') {
    return scopeFor(requireActor(ctx), permission);
  }

  private async fairFor(exec: Executor, ctx: RequestContext, fairId: string, permission: 'jobs:read' | 'jobs:manage') {
    const fair = await jobsRepo.fairInScope(exec, this.scope(ctx, permission), fairId);
    if (!fair) throw notFound('招聘会');
    return fair;
  }

  private async roomFor(exec: Executor, ctx: RequestContext, roomId: string, permission: 'jobs:read' | 'jobs:manage') {
    const room = await repo.roomInScope(exec, this.scope(ctx, permission), roomId);
    if (!room) throw notFound('面试间');
    return room;
  }

  /** minute of the fair day now: 0 before the day, 24:00 after it */
  nowMinute(startsAt: string): number {
    const now = this.clock();
    const day = displayDate(startsAt);
    const today = displayDate(now);
    if (today < day) return 0;
    if (today > day) return 24 * 60;
    return parseHhmm(displayTime(now, 'HH:mm'));
  }

  private nowIso() {
    return this.clock().toISOString();
  }

  // ---- rooms
  async rooms(ctx: RequestContext, fairId: string) {
    await this.fairFor(this.db, ctx, fairId, 'jobs:read');
    const rows = await repo.roomsOfFair(this.db, fairId);
    const titles = await repo.positionTitles(this.db, [...new Set(rows.flatMap((r) => JSON.parse(r.positions) as string[]))]);
    return rows.map((r) => presentRoom(r, titles));
  }

  private async checkPositions(exec: Executor, fairId: string, ids: string[]) {
    const titles = await repo.positionTitles(exec, ids);
    ids.forEach((id, i) => {
      if (titles.get(id)?.fair_id !== fairId) throw invalidField(`positionIds.${i}`, '所选岗位不属于本场招聘会');
    });
    return titles;
  }

  async createRoom(ctx: RequestContext, fairId: string, input: z.output<typeof RoomWrite>) {
    const id = uuidv7();
    await this.db.transaction().execute(async (trx) => {
      const fair = await this.fairFor(trx, ctx, fairId, 'jobs:manage');
      await this.checkPositions(trx, fairId, input.positionIds);
      if ((await repo.roomsOfFair(trx, fairId)).some((r) => r.name === input.name))
        throw invalidField('name', `面试间「${input.name}」已存在`);
      const now = this.nowIso();
      await repo.insertRoom(trx, {
        id,
        subdistrict_id: fair.subdistrict_id,
        fair_id: fairId,
        name: input.name,
        positions: JSON.stringify(input.positionIds),
        meeting: input.meeting,
        slot_minutes: input.slotMinutes ?? null,
        available: input.available ? JSON.stringify(input.available) : null,
        paused: 0,
        created_at: now,
        updated_at: now,
      });
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'jobs.room_create',
        targetType: 'jobs_room',
        targetId: id,
        detail: { after: { name: input.name, positions: input.positionIds.length } },
      });
    });
    return (await this.rooms(ctx, fairId)).find((r) => r.id === id);
  }

  async updateRoom(ctx: RequestContext, roomId: string, patch: z.output<typeof RoomPatch>) {
    const fairId = await this.db.transaction().execute(async (trx) => {
      const room = await this.roomFor(trx, ctx, roomId, 'jobs:manage');
      if (patch.positionIds) await this.checkPositions(trx, room.fair_id, patch.positionIds);
      const set: Partial<JobsRoomsTable> = { updated_at: this.nowIso() };
      if (patch.name !== undefined) set.name = patch.name;
      if (patch.positionIds !== undefined) set.positions = JSON.stringify(patch.positionIds);
      if (patch.meeting !== undefined) set.meeting = patch.meeting;
      if (patch.slotMinutes !== undefined) set.slot_minutes = patch.slotMinutes ?? null;
      if (patch.available !== undefined) set.available = patch.available ? JSON.stringify(patch.available) : null;
      await repo.updateRoom(trx, roomId, set);
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'jobs.room_update',
        targetType: 'jobs_room',
        targetId: roomId,
        detail: { before: { name: room.name }, after: { fields: Object.keys(patch) } },
      });
      return room.fair_id;
    });
    await this.changed(fairId);
    return (await this.rooms(ctx, fairId)).find((r) => r.id === roomId);
  }

  // ---- the timetable
  private domainFair(
    rooms: JobsRoomsTable[],
    v: { start_minute: number; slot_minutes: number; buffer_minutes: number },
    applications: { seeker_id: string; position_id: string }[],
    windows: Map<string, [string, string][]>,
  ): Fair {
    return {
      start: v.start_minute,
      slotMinutes: v.slot_minutes,
      bufferMinutes: v.buffer_minutes,
      rooms: rooms.map((r) => ({
        id: r.id,
        positions: JSON.parse(r.positions) as string[],
        ...(r.slot_minutes ? { slotMinutes: r.slot_minutes } : {}),
        ...(r.available
          ? { available: (JSON.parse(r.available) as [string, string][]).map(([a, b]) => [parseHhmm(a), parseHhmm(b)] as const) }
          : {}),
      })),
      candidates: [...windows].map(([id, ws]) => ({ id, available: ws.map(([a, b]) => [parseHhmm(a), parseHhmm(b)] as const) })),
      applications: applications.map((a) => ({ candidate: a.seeker_id, position: a.position_id })),
    };
  }

  /** makes the timetable from the fair's applications (domain/timetable); replaces a draft, never a published one */
  async generate(ctx: RequestContext, fairId: string, body: z.output<typeof GenerateBody>) {
    await this.db.transaction().execute(async (trx) => {
      const fair = await this.fairFor(trx, ctx, fairId, 'jobs:manage');
      const latest = await repo.latestVersion(trx, fairId);
      if (await repo.publishedVersion(trx, fairId)) throw conflict('时间表已发布，现场请用调度台调整');
      const rooms = await repo.roomsOfFair(trx, fairId);
      if (rooms.length === 0) throw conflict('请先添加面试间');
      const apps = await repo.fairApplications(trx, fairId);
      if (apps.length === 0) throw conflict('本场招聘会还没有投递，无法排期');
      const start = body.start ? parseHhmm(body.start) : parseHhmm(displayTime(fair.starts_at, 'HH:mm'));
      const v = { start_minute: start, slot_minutes: body.slotMinutes, buffer_minutes: body.bufferMinutes };
      const windows = await repo.seekerWindows(trx, [...new Set(apps.map((a) => a.seeker_id))]);
      const plan = planTimetable(this.domainFair(rooms, v, apps, windows));
      const byPair = new Map(apps.map((a) => [`${a.seeker_id}|${a.position_id}`, a]));
      const now = this.nowIso();
      const seqs = new Map<string, number>();
      const rows: JobsInterviewsTable[] = [];
      for (const iv of [...plan.interviews].sort((a, b) => a.start - b.start || a.room.localeCompare(b.room))) {
        const a = byPair.get(`${iv.candidate}|${iv.position}`);
        if (!a) continue;
        const seq = (seqs.get(iv.room) ?? 0) + 1;
        seqs.set(iv.room, seq);
        rows.push({
          id: uuidv7(),
          subdistrict_id: a.subdistrict_id,
          fair_id: fairId,
          application_id: a.id,
          seeker_id: a.seeker_id,
          position_id: a.position_id,
          employer_id: a.employer_id,
          room_id: iv.room,
          start_minute: iv.start,
          end_minute: iv.end,
          seq,
          status: 'scheduled',
          outcome: null,
          outcome_note: null,
          offer: null,
          called_at: null,
          ended_at: null,
          created_at: now,
          updated_at: now,
        });
      }
      await repo.deleteFairInterviews(trx, fairId);
      await repo.insertInterviews(trx, rows);
      await repo.insertVersion(trx, {
        id: uuidv7(),
        subdistrict_id: fair.subdistrict_id,
        fair_id: fairId,
        version: (latest?.version ?? 0) + 1,
        kind: 'generate',
        ...v,
        makespan: plan.makespan,
        lower_bound: plan.lowerBound,
        unscheduled: JSON.stringify(plan.unscheduled),
        published_at: null,
        published_by: null,
        created_by: requireActor(ctx).accountId,
        created_at: now,
      });
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'jobs.timetable_generate',
        targetType: 'jobs_fair',
        targetId: fairId,
        detail: {
          after: { interviews: rows.length, unscheduled: plan.unscheduled.length, makespan: plan.makespan, lowerBound: plan.lowerBound },
        },
      });
    });
    await this.changed(fairId);
    return this.timetable(ctx, fairId);
  }

  async timetable(ctx: RequestContext, fairId: string) {
    await this.fairFor(this.db, ctx, fairId, 'jobs:read');
    const v = await repo.latestVersion(this.db, fairId);
    if (!v) throw notFound('面试时间表');
    const rooms = await repo.roomsOfFair(this.db, fairId);
    const ivs = await repo.fairInterviewsInScope(this.db, this.scope(ctx, 'jobs:read'), fairId);
    const apps = await repo.fairApplications(this.db, fairId);
    const names = new Map(apps.map((a) => [a.seeker_id, a.seeker_name]));
    const titles = new Map(apps.map((a) => [a.position_id, a.position_title]));
    const unscheduled = (JSON.parse(v.unscheduled) as { candidate: string; position: string; reason: string }[]).map((u) => ({
      seekerName: names.get(u.candidate) ?? '—',
      positionTitle: titles.get(u.position) ?? '—',
      reason: u.reason.replaceAll(u.candidate, names.get(u.candidate) ?? '').replaceAll(u.position, titles.get(u.position) ?? ''),
    }));
    const end = ivs.reduce((m, iv) => Math.max(m, iv.end_minute), v.start_minute);
    return {
      fairId,
      version: v.version,
      publishedAt: (await repo.publishedVersion(this.db, fairId))?.published_at ?? null,
      start: hhmm(v.start_minute),
      slotMinutes: v.slot_minutes,
      bufferMinutes: v.buffer_minutes,
      makespanMinutes: v.makespan,
      lowerBoundMinutes: v.lower_bound,
      endsAt: hhmm(end),
      rooms: rooms.map((r) => ({
        id: r.id,
        name: r.name,
        meeting: r.meeting,
        paused: r.paused === 1,
        interviews: ivs.filter((iv) => iv.room_id === r.id).map(presentInterview),
      })),
      unscheduled,
    };
  }

  /** before publishing: moves a waiting interview within its room's order or to another room that serves its position */
  async move(ctx: RequestContext, interviewId: string, body: z.output<typeof MoveBody>) {
    const fairId = await this.db.transaction().execute(async (trx) => {
      const iv = await repo.interviewInScope(trx, this.scope(ctx, 'jobs:manage'), interviewId);
      if (!iv) throw notFound('面试');
      if (!QUEUED.includes(iv.status))
        throw conflict(`「${iv.seeker_name}」的面试当前为「${INTERVIEW_STATUS_LABEL[iv.status]}」，不能再调整`);
      // once published the candidates hold their times: the console re-plans and tells them
      if (await repo.publishedVersion(trx, iv.fair_id))
        throw conflict('时间表已发布，请在现场调度台调整（延时、未到场会自动重排并短信通知）');
      const target = await this.roomFor(trx, ctx, body.roomId, 'jobs:manage');
      if (target.fair_id !== iv.fair_id) throw invalidField('roomId', '只能调到本场招聘会的面试间');
      if (!(JSON.parse(target.positions) as string[]).includes(iv.position_id)) {
        throw invalidField('roomId', `面试间「${target.name}」不负责岗位「${iv.position_title}」`);
      }
      const v = await repo.latestVersion(trx, iv.fair_id);
      const all = await repo.fairInterviews(trx, iv.fair_id);
      const rooms = new Map((await repo.roomsOfFair(trx, iv.fair_id)).map((r) => [r.id, r]));
      const touched = new Set([iv.room_id, target.id]);
      const updates = new Map<string, { start: number; end: number; room: string; seq: number }>();
      for (const roomId of touched) {
        const room = rooms.get(roomId) as JobsRoomsTable;
        const queue = all.filter((x) => x.room_id === roomId && QUEUED.includes(x.status) && x.id !== iv.id);
        if (roomId === target.id) queue.splice(Math.min(body.index, queue.length), 0, iv);
        const others = all.filter((x) => x.room_id === roomId && !QUEUED.includes(x.status));
        const slot = room.slot_minutes ?? v?.slot_minutes ?? 15;
        const first = Math.min(
          ...all.filter((x) => x.room_id === roomId && QUEUED.includes(x.status)).map((x) => x.start_minute),
          iv.start_minute,
        );
        let t = Math.max(first, ...others.map((x) => x.end_minute));
        let seq = Math.max(0, ...others.map((x) => x.seq));
        for (const x of queue) {
          seq += 1;
          updates.set(x.id, { start: t, end: t + slot, room: roomId, seq });
          t += slot;
        }
      }
      // a candidate is in one interview at a time, with the buffer between two
      const buffer = v?.buffer_minutes ?? 0;
      const placed = all.map((x) => ({
        ...x,
        ...(updates.has(x.id) ? { start_minute: updates.get(x.id)?.start ?? 0, end_minute: updates.get(x.id)?.end ?? 0 } : {}),
      }));
      for (const [id, u] of updates) {
        const x = placed.find((p) => p.id === id) as InterviewRow;
        const clash = placed.find(
          (o) =>
            o.id !== id &&
            o.seeker_id === x.seeker_id &&
            !['no_show', 'cancelled'].includes(o.status) &&
            o.start_minute < u.end + buffer &&
            u.start < o.end_minute + buffer,
        );
        if (clash) {
          throw conflict(
            `这样调整后「${x.seeker_name}」${hhmm(u.start)} 的面试与其 ${hhmm(clash.start_minute)}（${clash.room_name}）的面试冲突，请换个位置`,
          );
        }
      }
      const now = this.nowIso();
      for (const [id, u] of updates)
        await repo.updateInterview(trx, id, { start_minute: u.start, end_minute: u.end, room_id: u.room, seq: u.seq, updated_at: now });
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'jobs.timetable_adjust',
        targetType: 'jobs_interview',
        targetId: iv.id,
        detail: { before: { room: iv.room_name, start: hhmm(iv.start_minute) }, after: { room: target.name, index: body.index } },
      });
      return iv.fair_id;
    });
    await this.changed(fairId);
    return this.timetable(ctx, fairId);
  }

  /** publishes: each candidate gets a personal link and an SMS with their times and rooms */
  async publish(ctx: RequestContext, fairId: string) {
    let told = 0;
    const revoked: string[] = [];
    await this.db.transaction().execute(async (trx) => {
      const fair = await this.fairFor(trx, ctx, fairId, 'jobs:manage');
      const v = await repo.latestVersion(trx, fairId);
      if (!v) throw conflict('请先生成面试时间表');
      if (v.published_at) throw conflict('时间表已发布');
      const now = this.nowIso();
      const ivs = await repo.fairInterviews(trx, fairId);
      const seekerIds = [...new Set(ivs.map((iv) => iv.seeker_id))];
      await repo.insertVersion(trx, {
        ...v,
        id: uuidv7(),
        version: v.version + 1,
        kind: 'publish',
        published_at: now,
        published_by: requireActor(ctx).accountId,
        created_at: now,
      });
      const expires = new Date(Date.parse(`${displayDate(fair.starts_at)}T00:00:00+08:00`) + 24 * 3600_000).toISOString();
      for (const seekerId of seekerIds) {
        revoked.push(...(await repo.revokeTokens(trx, fairId, seekerId, now)));
        const token = randomBytes(24).toString('base64url');
        await repo.insertToken(trx, {
          id: uuidv7(),
          subdistrict_id: fair.subdistrict_id,
          fair_id: fairId,
          seeker_id: seekerId,
          token_hash: hashToken(token),
          token_enc: encryptField(this.core.keys.field, token),
          expires_at: expires,
          revoked_at: null,
          created_at: now,
        });
      }
      told = await this.tell(
        trx,
        ctx,
        fair,
        ivs,
        seekerIds.map((seekerId) => ({ seekerId, template: TIMETABLE_SMS })),
      );
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'jobs.timetable_publish',
        targetType: 'jobs_fair',
        targetId: fairId,
        detail: { after: { version: v.version + 1, interviews: ivs.length, candidates: seekerIds.length, told } },
      });
    });
    this.core.notify.wake();
    await this.linksGone(revoked);
    await this.changed(fairId);
    return { timetable: await this.timetable(ctx, fairId), told };
  }

  /** SMS to each candidate named, with their interviews as they stand and their personal link */
  private async tell(
    trx: Tx,
    ctx: RequestContext,
    fair: { id: string; subdistrict_id: string; title: string },
    ivs: InterviewRow[],
    who: Told[],
  ) {
    if (who.length === 0) return 0;
    const tokens = new Map((await repo.liveTokens(trx, fair.id, this.nowIso())).map((t) => [t.seeker_id, t]));
    const phones = new Map(
      (
        await repo.seekerPhones(
          trx,
          who.map((w) => w.seekerId),
        )
      ).map((s) => [s.id, s]),
    );
    let n = 0;
    for (const w of who) {
      const s = phones.get(w.seekerId);
      const token = tokens.get(w.seekerId);
      if (!s?.phone_enc || !token) continue;
      const mine = ivs
        .filter((iv) => iv.seeker_id === w.seekerId && QUEUED.includes(iv.status))
        .sort((a, b) => a.start_minute - b.start_minute);
      if (mine.length === 0) continue;
      const times = mine
        .map((iv) => `${hhmm(iv.start_minute)} ${iv.employer_name}「${iv.position_title}」（${iv.room_name}，会议号 ${iv.meeting}）`)
        .join('；');
      await this.core.notify.enqueue(trx, {
        subdistrictId: fair.subdistrict_id,
        to: { channel: 'sms', phone: decryptField(this.core.keys.field, s.phone_enc) },
        template: w.template,
        variables: { title: fair.title, times, link: this.linkOf(decryptField(this.core.keys.field, token.token_enc)) },
        source: { module: 'jobs', type: 'interview', id: fair.id },
        createdBy: requireActor(ctx).accountId,
      });
      n++;
    }
    return n;
  }

  /** a candidate's personal links for this fair stop working at once */
  async revokeLink(ctx: RequestContext, interviewId: string) {
    const { iv, revoked } = await this.db.transaction().execute(async (trx) => {
      const iv = await repo.interviewInScope(trx, this.scope(ctx, 'jobs:manage'), interviewId);
      if (!iv) throw notFound('面试');
      const revoked = await repo.revokeTokens(trx, iv.fair_id, iv.seeker_id, this.nowIso());
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'jobs.link_revoke',
        targetType: 'jobs_interview',
        targetId: iv.id,
        detail: { after: { revoked: revoked.length } },
      });
      return { iv, revoked };
    });
    // their open pages end now, in every process (not at the next heartbeat)
    await this.linksGone(revoked);
    await this.changed(iv.fair_id);
    return { ok: true as const };
  }

  // ---- the console
  private async consoleEvent(
    trx: Tx,
    ctx: RequestContext,
    room: { id: string; fair_id: string; subdistrict_id: string },
    kind: string,
    interviewId: string | null,
    detail: Record<string, unknown>,
  ) {
    await repo.insertEvent(trx, {
      id: uuidv7(),
      subdistrict_id: room.subdistrict_id,
      fair_id: room.fair_id,
      room_id: room.id,
      interview_id: interviewId,
      kind,
      detail: JSON.stringify(detail),
      actor_id: requireActor(ctx).accountId,
      at: this.nowIso(),
    });
  }

  private async requirePublished(trx: Executor, fairId: string) {
    if (!(await repo.publishedVersion(trx, fairId))) throw conflict('时间表尚未发布');
  }

  /**
   * Calls the room's next candidate. `current` is the interview the officer saw in the room (it is
   * finished by this call); when another officer got there first nothing more happens (409).
   */
  async callNext(ctx: RequestContext, roomId: string, body: z.output<typeof CallNextBody>) {
    const { fairId, calledId } = await this.db.transaction().execute(async (trx) => {
      const room = await this.roomFor(trx, ctx, roomId, 'jobs:manage');
      await this.requirePublished(trx, room.fair_id);
      if (room.paused) throw conflict(`面试间「${room.name}」已暂停，请先恢复`);
      const at = this.nowIso();
      if (body.current) {
        const cur = await repo.interviewInScope(trx, this.scope(ctx, 'jobs:manage'), body.current);
        if (!cur || cur.room_id !== roomId) throw notFound('面试');
        if (!(await repo.moveInterview(trx, cur.id, [repo.CURRENT], { status: 'done', ended_at: at, updated_at: at }))) {
          throw conflict('其他工作人员刚已结束这场面试并叫号，请看最新的看板');
        }
        await this.consoleEvent(trx, ctx, room, 'finish', cur.id, {});
      }
      const called = await repo.callNext(trx, roomId, at);
      if (!called) {
        if (await repo.currentOfRoom(trx, roomId)) throw conflict(`面试间「${room.name}」已有求职者在面试，请看最新的看板`);
      } else {
        await repo.markWaiting(trx, roomId, at);
        await this.consoleEvent(trx, ctx, room, 'call_next', called, {});
      }
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'jobs.call_next',
        targetType: 'jobs_room',
        targetId: roomId,
        detail: { after: { called, finished: body.current } },
      });
      return { fairId: room.fair_id, calledId: called };
    });
    await this.changed(fairId);
    const called = calledId ? await repo.interviewInScope(this.db, this.scope(ctx, 'jobs:manage'), calledId) : null;
    return { called: called ? presentInterview(called) : null, told: 0, board: await this.board(ctx, fairId) };
  }

  async finish(ctx: RequestContext, interviewId: string) {
    const fairId = await this.db.transaction().execute(async (trx) => {
      const iv = await repo.interviewInScope(trx, this.scope(ctx, 'jobs:manage'), interviewId);
      if (!iv) throw notFound('面试');
      const at = this.nowIso();
      if (!(await repo.moveInterview(trx, iv.id, [repo.CURRENT], { status: 'done', ended_at: at, updated_at: at }))) {
        throw conflict(`「${iv.seeker_name}」的面试当前为「${INTERVIEW_STATUS_LABEL[iv.status]}」，不能结束`);
      }
      const room = await this.roomFor(trx, ctx, iv.room_id, 'jobs:manage');
      await this.consoleEvent(trx, ctx, room, 'finish', iv.id, {});
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'jobs.interview_finish',
        targetType: 'jobs_interview',
        targetId: iv.id,
        detail: {},
      });
      return iv.fair_id;
    });
    await this.changed(fairId);
    return { told: 0, board: await this.board(ctx, fairId) };
  }

  /** the candidate did not come: dropped, or called again at the end of the room's queue; the rest of the day re-plans */
  async noShow(ctx: RequestContext, interviewId: string, body: z.output<typeof NoShowBody>) {
    const { fairId, told } = await this.db.transaction().execute(async (trx) => {
      const iv = await repo.interviewInScope(trx, this.scope(ctx, 'jobs:manage'), interviewId);
      if (!iv) throw notFound('面试');
      await this.requirePublished(trx, iv.fair_id);
      if (iv.status !== repo.CURRENT && !QUEUED.includes(iv.status)) {
        throw conflict(`「${iv.seeker_name}」的面试当前为「${INTERVIEW_STATUS_LABEL[iv.status]}」，不能标记未到场`);
      }
      const room = await this.roomFor(trx, ctx, iv.room_id, 'jobs:manage');
      const at = this.nowIso();
      const ok = await repo.moveInterview(
        trx,
        iv.id,
        [iv.status],
        body.requeue
          ? { status: 'scheduled', called_at: null, seq: (await repo.maxSeq(trx, iv.room_id)) + 1, updated_at: at }
          : { status: 'no_show', ended_at: at, updated_at: at },
      );
      if (!ok) throw conflict('这场面试刚被其他工作人员处理，请看最新的看板');
      await this.consoleEvent(trx, ctx, room, 'no_show', iv.id, { requeue: body.requeue });
      const now = this.nowMinute((await repo.fairById(trx, iv.fair_id))?.starts_at ?? at);
      const told = await this.replan(
        trx,
        ctx,
        iv.fair_id,
        (fair, plan) =>
          replanNoShow(fair, plan, { room: iv.room_id, candidate: iv.seeker_id, position: iv.position_id, now, requeue: body.requeue }),
        { id: iv.id, start: Math.max(iv.start_minute, now), len: iv.end_minute - iv.start_minute },
        body.requeue ? null : iv.seeker_id,
      );
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'jobs.no_show',
        targetType: 'jobs_interview',
        targetId: iv.id,
        detail: { after: { requeue: body.requeue, told } },
      });
      return { fairId: iv.fair_id, told };
    });
    this.core.notify.wake();
    await this.changed(fairId);
    return { told, board: await this.board(ctx, fairId) };
  }

  /** the room runs late: its queue and the affected candidates' later interviews move, and they are told */
  async late(ctx: RequestContext, roomId: string, body: z.output<typeof LateBody>) {
    const { fairId, told } = await this.db.transaction().execute(async (trx) => {
      const room = await this.roomFor(trx, ctx, roomId, 'jobs:manage');
      await this.requirePublished(trx, room.fair_id);
      const fair = await repo.fairById(trx, room.fair_id);
      const now = this.nowMinute(fair?.starts_at ?? this.nowIso());
      await this.consoleEvent(trx, ctx, room, 'late', null, { minutes: body.minutes });
      const told = await this.replan(
        trx,
        ctx,
        room.fair_id,
        (f, plan) => replanLate(f, plan, { room: roomId, now, minutes: body.minutes }),
        null,
        null,
      );
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'jobs.room_late',
        targetType: 'jobs_room',
        targetId: roomId,
        detail: { after: { minutes: body.minutes, told } },
      });
      return { fairId: room.fair_id, told };
    });
    this.core.notify.wake();
    await this.changed(fairId);
    return { told, board: await this.board(ctx, fairId) };
  }

  /**
   * Re-plans the rest of the day with domain/timetable and writes back what moved; the candidates
   * whose times changed are told. `missed` is the no-show's interview (placed at now at the latest).
   */
  private async replan(
    trx: Tx,
    ctx: RequestContext,
    fairId: string,
    step: (fair: Fair, plan: Plan) => Replanned,
    missed: { id: string; start: number; len: number } | null,
    dropped: string | null,
  ) {
    const v = await repo.publishedVersion(trx, fairId);
    const fairRow = await repo.fairById(trx, fairId);
    if (!v || !fairRow) return 0;
    const rooms = await repo.roomsOfFair(trx, fairId);
    const all = (await repo.fairInterviews(trx, fairId)).filter(
      (iv) => iv.id === missed?.id || !['no_show', 'cancelled'].includes(iv.status),
    );
    const fair = this.domainFair(rooms, v, all, await repo.seekerWindows(trx, [...new Set(all.map((iv) => iv.seeker_id))]));
    const interviews = all.map((iv) =>
      iv.id === missed?.id
        ? { candidate: iv.seeker_id, position: iv.position_id, room: iv.room_id, start: missed.start, end: missed.start + missed.len }
        : { candidate: iv.seeker_id, position: iv.position_id, room: iv.room_id, start: iv.start_minute, end: iv.end_minute },
    );
    const plan: Plan = { interviews, entries: [], unscheduled: [], makespan: 0, lowerBound: 0, optimal: false };
    const result = step(fair, plan);
    const placed = new Map(result.timetable.interviews.map((iv) => [`${iv.candidate}|${iv.position}`, iv]));
    const at = this.nowIso();
    const moved = new Set<string>();
    for (const iv of all) {
      if (!QUEUED.includes(iv.status)) continue;
      const p = placed.get(`${iv.seeker_id}|${iv.position_id}`);
      if (!p || (p.start === iv.start_minute && p.end === iv.end_minute && p.room === iv.room_id)) continue;
      await repo.updateInterview(trx, iv.id, { start_minute: p.start, end_minute: p.end, room_id: p.room, updated_at: at });
      iv.start_minute = p.start;
      iv.end_minute = p.end;
      iv.room_id = p.room;
      moved.add(iv.seeker_id);
    }
    // each room's queue in its new order
    for (const room of rooms) {
      const done = all.filter((iv) => iv.room_id === room.id && !QUEUED.includes(iv.status));
      let seq = Math.max(0, ...done.map((iv) => iv.seq));
      for (const iv of all
        .filter((x) => x.room_id === room.id && QUEUED.includes(x.status))
        .sort((a, b) => a.start_minute - b.start_minute || a.seq - b.seq)) {
        seq += 1;
        if (iv.seq !== seq) await repo.updateInterview(trx, iv.id, { seq });
      }
    }
    const changed = result.changed.filter((s) => s !== dropped && moved.has(s));
    await repo.insertVersion(trx, {
      ...v,
      id: uuidv7(),
      version: ((await repo.latestVersion(trx, fairId))?.version ?? v.version) + 1,
      kind: 'replan',
      makespan: result.timetable.makespan,
      created_at: at,
      created_by: requireActor(ctx).accountId,
    });
    const fresh = await repo.fairInterviews(trx, fairId);
    return this.tell(
      trx,
      ctx,
      fairRow,
      fresh,
      changed.map((seekerId) => ({ seekerId, template: CHANGED_SMS })),
    );
  }

  async pause(ctx: RequestContext, roomId: string, paused: boolean) {
    const fairId = await this.db.transaction().execute(async (trx) => {
      const room = await this.roomFor(trx, ctx, roomId, 'jobs:manage');
      await repo.updateRoom(trx, roomId, { paused: paused ? 1 : 0, updated_at: this.nowIso() });
      await this.consoleEvent(trx, ctx, room, paused ? 'pause' : 'resume', null, {});
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'jobs.room_pause',
        targetType: 'jobs_room',
        targetId: roomId,
        detail: { after: { paused } },
      });
      return room.fair_id;
    });
    await this.changed(fairId);
    return { told: 0, board: await this.board(ctx, fairId) };
  }

  /** a call made by phone (the candidate without a smartphone), recorded on the console */
  async phoneCall(ctx: RequestContext, interviewId: string) {
    await this.db.transaction().execute(async (trx) => {
      const iv = await repo.interviewInScope(trx, this.scope(ctx, 'jobs:manage'), interviewId);
      if (!iv) throw notFound('面试');
      const room = await this.roomFor(trx, ctx, iv.room_id, 'jobs:manage');
      await this.consoleEvent(trx, ctx, room, 'phone_call', iv.id, {});
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'jobs.phone_call',
        targetType: 'jobs_interview',
        targetId: iv.id,
        detail: {},
      });
    });
    return { ok: true as const };
  }

  async board(ctx: RequestContext, fairId: string) {
    await this.fairFor(this.db, ctx, fairId, 'jobs:read');
    return roomBoards(await this.state(fairId));
  }

  // ---- the interviewer
  async queue(ctx: RequestContext, roomId: string) {
    const room = await repo.roomInScope(this.db, this.scope(ctx, 'jobs:read'), roomId);
    const ivs = await repo.roomInterviewsInScope(this.db, this.scope(ctx, 'jobs:read'), roomId);
    if (!room && ivs.length === 0) throw notFound('面试间');
    const current = ivs.find((iv) => iv.status === repo.CURRENT) ?? null;
    return {
      room: { id: roomId, name: ivs[0]?.room_name ?? room?.name ?? '', meeting: ivs[0]?.meeting ?? room?.meeting ?? '' },
      interviews: ivs.map(presentInterview),
      current: current
        ? {
            interview: presentInterview(current),
            application: await this.seekers.application(ctx, current.application_id),
            resume: await this.seekers.resumeFor(ctx, current.seeker_id),
          }
        : null,
    };
  }

  async outcome(ctx: RequestContext, interviewId: string, body: z.output<typeof OutcomeBody>) {
    const fairId = await this.db.transaction().execute(async (trx) => {
      const iv = await repo.interviewInScope(trx, this.scope(ctx, 'jobs:manage'), interviewId);
      if (!iv) throw notFound('面试');
      if (iv.status !== repo.CURRENT && iv.status !== 'done') throw conflict(`「${iv.seeker_name}」还没有面试，不能记录结果`);
      await repo.updateInterview(trx, iv.id, {
        outcome: body.outcome,
        outcome_note: body.note || null,
        offer: body.offer || null,
        updated_at: this.nowIso(),
      });
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'jobs.interview_outcome',
        targetType: 'jobs_interview',
        targetId: iv.id,
        detail: { before: { outcome: iv.outcome }, after: { outcome: body.outcome, offer: !!body.offer } },
      });
      return iv.fair_id;
    });
    await this.changed(fairId);
    const iv = await repo.interviewInScope(this.db, this.scope(ctx, 'jobs:read'), interviewId);
    return presentInterview(iv as InterviewRow);
  }

  // ---- the live state (one read per event, whatever the number of watchers)
  /** names of a fair's interviews (they do not change on the day): read again only when an interview is new */
  private readonly names = new Map<string, Map<string, { seekerName: string; positionTitle: string; employerName: string }>>();
  /** each fair's interviews as last loaded (never changed once made) */
  private readonly lastInterviews = new Map<string, DayInterview[]>();

  async state(fairId: string): Promise<FairDayState> {
    const fair = await repo.fairById(this.db, fairId);
    if (!fair) throw notFound('招聘会');
    const [rooms, ivs, revoked, published] = await Promise.all([
      repo.roomsOfFair(this.db, fairId),
      repo.fairInterviewMoves(this.db, fairId),
      repo.revokedTokenIds(this.db, fairId),
      repo.publishedVersion(this.db, fairId),
    ]);
    let names = this.names.get(fairId);
    if (!names || ivs.some((iv) => !names?.has(iv.id))) {
      const full = await repo.fairInterviews(this.db, fairId);
      names = new Map(
        full.map((iv) => [iv.id, { seekerName: iv.seeker_name, positionTitle: iv.position_title, employerName: iv.employer_name }]),
      );
      this.names.set(fairId, names);
    }
    const known = names;
    const unnamed = { seekerName: '', positionTitle: '', employerName: '' };
    // an interview that reads as at the last load keeps its object (the views compare by identity first)
    const before = this.lastInterviews.get(fairId) ?? [];
    let beforeById: Map<string, DayInterview> | null = null;
    const interviews = ivs.map((iv, i): DayInterview => {
      const n = known.get(iv.id) ?? unnamed;
      const calledMinute = iv.called_at ? this.nowMinuteOf(iv.called_at, fair.starts_at) : null;
      let was = before[i];
      if (was && was.id !== iv.id) {
        beforeById ??= new Map(before.map((b) => [b.id, b]));
        was = beforeById.get(iv.id);
      }
      if (
        was &&
        was.seekerId === iv.seeker_id &&
        was.roomId === iv.room_id &&
        was.start === iv.start_minute &&
        was.end === iv.end_minute &&
        was.seq === iv.seq &&
        was.status === iv.status &&
        was.calledMinute === calledMinute &&
        was.seekerName === n.seekerName &&
        was.positionTitle === n.positionTitle &&
        was.employerName === n.employerName
      )
        return was;
      return {
        id: iv.id,
        seekerId: iv.seeker_id,
        seekerName: n.seekerName,
        positionTitle: n.positionTitle,
        employerName: n.employerName,
        roomId: iv.room_id,
        start: iv.start_minute,
        end: iv.end_minute,
        seq: iv.seq,
        status: iv.status,
        calledMinute,
      };
    });
    this.lastInterviews.set(fairId, interviews);
    return {
      fairId,
      title: fair.title,
      published: !!published,
      nowMinute: this.nowMinute(fair.starts_at),
      rooms: rooms.map((r) => ({ id: r.id, name: r.name, meeting: r.meeting, paused: r.paused === 1 })),
      interviews,
      revokedTokens: revoked,
    };
  }

  private nowMinuteOf(at: string, startsAt: string) {
    return displayDate(at) === displayDate(startsAt) ? parseHhmm(displayTime(at, 'HH:mm')) : 0;
  }

  /** who may watch the fair day: staff of its subdistrict, or a candidate by a live personal link */
  async viewer(actor: Actor, fairId: string): Promise<FairDayViewer> {
    if (actor.accountId.startsWith(TOKEN_ACTOR)) {
      const token = await repo.tokenById(this.db, actor.accountId.slice(TOKEN_ACTOR.length));
      if (!token || token.fair_id !== fairId || !this.tokenLive(token)) throw notFound('面试排队页面');
      return { kind: 'candidate', seekerId: token.seeker_id, tokenId: token.id };
    }
    const fair = await jobsRepo.fairInScope(this.db, scopeFor(actor, 'jobs:read'), fairId);
    if (!fair) throw notFound('招聘会');
    return { kind: 'staff' };
  }

  private tokenLive(t: { revoked_at: string | null; expires_at: string }) {
    return !t.revoked_at && t.expires_at > this.nowIso();
  }

  /** the candidate behind a personal link, as an actor for the live hub (no session, no permission) */
  async tokenActor(token: string): Promise<{ actor: Actor; fairId: string }> {
    const t = await repo.tokenByHash(this.db, hashToken(token));
    if (!t || !this.tokenLive(t)) throw notFound('面试排队页面');
    // just read: the heartbeats of the next minute need not read it again
    this.linkChecked.set(t.id, { expiresAt: t.expires_at, at: Date.now() });
    return {
      fairId: t.fair_id,
      actor: {
        accountId: `${TOKEN_ACTOR}${t.id}`,
        username: 'candidate',
        displayName: '求职者',
        kind: 'resident',
        subdistrictId: t.subdistrict_id,
        sessionId: '',
        personId: null,
        grants: [],
        permissions: new Set(),
      },
    };
  }

  async tokenStillLive(actor: Actor): Promise<Actor | null> {
    const id = actor.accountId.slice(TOKEN_ACTOR.length);
    const now = Date.now();
    const seen = this.linkChecked.get(id);
    if (seen && now - seen.at < LINK_RECHECK_MS) return seen.expiresAt > this.nowIso() ? actor : null;
    const t = await repo.tokenById(this.db, id);
    if (!t || !this.tokenLive(t)) {
      this.linkChecked.delete(id);
      return null;
    }
    this.linkChecked.set(id, { expiresAt: t.expires_at, at: now });
    return actor;
  }

  /** the live hub re-checks (and so ends) the streams opened with these links */
  private async linksGone(tokenIds: string[]) {
    for (const id of tokenIds) await this.core.events.publish(LIVE_SUBJECT_CHANGED, { accountId: `${TOKEN_ACTOR}${id}` });
  }

  private async changed(fairId: string) {
    await this.core.events.publish(fairDayTopic(fairId), { fairId });
  }

  // ---- paper and the report
  async exportTimetable(ctx: RequestContext, fairId: string, by: 'room' | 'candidate') {
    const fair = await this.fairFor(this.db, ctx, fairId, 'jobs:read');
    const ivs = await repo.fairInterviewsInScope(this.db, this.scope(ctx, 'jobs:read'), fairId);
    const sorted =
      by === 'room'
        ? [...ivs].sort((a, b) => a.room_name.localeCompare(b.room_name, 'zh-CN') || a.seq - b.seq)
        : [...ivs].sort(
            (a, b) =>
              a.seeker_name.localeCompare(b.seeker_name, 'zh-CN') ||
              a.seeker_id.localeCompare(b.seeker_id) ||
              a.start_minute - b.start_minute,
          );
    const rows = sorted.map((iv) => ({
      room: iv.room_name,
      meeting: iv.meeting,
      seq: iv.seq,
      time: `${hhmm(iv.start_minute)}–${hhmm(iv.end_minute)}`,
      seeker: iv.seeker_name,
      employer: iv.employer_name,
      position: iv.position_title,
      status: INTERVIEW_STATUS_LABEL[iv.status] ?? iv.status,
    }));
    const columns = [
      { header: '面试间', key: 'room', width: 14 },
      { header: '会议号/链接', key: 'meeting', width: 24 },
      { header: '顺序', key: 'seq', width: 6 },
      { header: '时间', key: 'time', width: 14 },
      { header: '求职者', key: 'seeker', width: 12 },
      { header: '用人单位', key: 'employer', width: 24 },
      { header: '岗位', key: 'position', width: 20 },
      { header: '状态', key: 'status', width: 10 },
    ];
    if (by === 'candidate') columns.unshift(columns.splice(4, 1)[0] as (typeof columns)[number]);
    return openExport(
      this.core,
      ctx,
      { title: `${fair.title}_面试安排_${by === 'room' ? '按面试间' : '按求职者'}`, columns, rows },
      { action: 'jobs.timetable_export', targetType: 'jobs_fair', detail: { fairId, by, count: rows.length } },
    );
  }

  async report(ctx: RequestContext, fairId: string) {
    const fair = await this.fairFor(this.db, ctx, fairId, 'jobs:read');
    const apps = await repo.fairApplicationsWithStatus(this.db, fairId);
    const ivs = new Map((await repo.fairInterviews(this.db, fairId)).map((iv) => [iv.application_id, iv]));
    const blank = () => ({ registered: 0, scheduled: 0, interviewed: 0, noShows: 0, passed: 0, offers: 0 });
    const totals = blank();
    const groups = new Map<
      string,
      { by: 'employer' | 'position' | 'seekerStatus'; key: string; label: string } & ReturnType<typeof blank>
    >();
    const add = (by: 'employer' | 'position' | 'seekerStatus', key: string, label: string, c: ReturnType<typeof blank>) => {
      const g = groups.get(`${by}|${key}`) ?? { by, key, label, ...blank() };
      for (const k of Object.keys(c) as (keyof typeof c)[]) g[k] += c[k];
      groups.set(`${by}|${key}`, g);
    };
    for (const a of apps) {
      const iv = ivs.get(a.id);
      const c = {
        registered: 1,
        scheduled: iv ? 1 : 0,
        interviewed: iv && (iv.status === 'done' || iv.status === repo.CURRENT) ? 1 : 0,
        noShows: iv?.status === 'no_show' ? 1 : 0,
        passed: iv?.outcome === 'pass' ? 1 : 0,
        offers: iv?.offer ? 1 : 0,
      };
      for (const k of Object.keys(c) as (keyof typeof c)[]) totals[k] += c[k];
      add('employer', a.employer_id, a.employer_name, c);
      add('position', a.position_id, `${a.position_title}（${a.employer_name}）`, c);
      add('seekerStatus', a.seeker_status, SEEKER_STATUS_LABEL[a.seeker_status as SeekerStatus] ?? a.seeker_status, c);
    }
    const order = { employer: 0, position: 1, seekerStatus: 2 };
    const rows = [...groups.values()].sort(
      (x, y) => order[x.by] - order[y.by] || y.registered - x.registered || x.label.localeCompare(y.label, 'zh-CN'),
    );
    return { fairId, title: fair.title, totals, rows };
  }

  async exportReport(ctx: RequestContext, fairId: string) {
    const r = await this.report(ctx, fairId);
    const BY = { employer: '按用人单位', position: '按岗位', seekerStatus: '按求职状态' };
    const rows = [{ by: '合计', label: '全部', ...r.totals }, ...r.rows.map((x) => ({ ...x, by: BY[x.by] }))];
    return openExport(
      this.core,
      ctx,
      {
        title: `${r.title}_招聘会报告`,
        columns: [
          { header: '分组', key: 'by', width: 12 },
          { header: '名称', key: 'label', width: 30 },
          { header: '投递', key: 'registered', width: 8 },
          { header: '已排期', key: 'scheduled', width: 8 },
          { header: '已面试', key: 'interviewed', width: 8 },
          { header: '未到场', key: 'noShows', width: 8 },
          { header: '通过', key: 'passed', width: 8 },
          { header: '录用意向', key: 'offers', width: 10 },
        ],
        rows,
      },
      { action: 'jobs.report_export', targetType: 'jobs_fair', detail: { fairId, count: rows.length } },
    );
  }
}

function presentRoom(r: JobsRoomsTable, titles: Map<string, { title: string }>) {
  const ids = JSON.parse(r.positions) as string[];
  return {
    id: r.id,
    fairId: r.fair_id,
    name: r.name,
    positionIds: ids,
    positionTitles: ids.map((id) => titles.get(id)?.title ?? '—'),
    meeting: r.meeting,
    slotMinutes: r.slot_minutes,
    available: r.available ? (JSON.parse(r.available) as [string, string][]) : null,
    paused: r.paused === 1,
  };
}

export function presentInterview(iv: InterviewRow) {
  return {
    id: iv.id,
    applicationId: iv.application_id,
    seekerId: iv.seeker_id,
    seekerName: iv.seeker_name,
    positionId: iv.position_id,
    positionTitle: iv.position_title,
    employerName: iv.employer_name,
    roomId: iv.room_id,
    roomName: iv.room_name,
    start: hhmm(iv.start_minute),
    end: hhmm(iv.end_minute),
    seq: iv.seq,
    status: iv.status,
    statusLabel: INTERVIEW_STATUS_LABEL[iv.status] ?? iv.status,
    outcome: iv.outcome,
    outcomeLabel: iv.outcome ? (OUTCOME_LABEL[iv.outcome] ?? iv.outcome) : null,
    outcomeNote: iv.outcome_note,
    offer: iv.offer,
  };
}
