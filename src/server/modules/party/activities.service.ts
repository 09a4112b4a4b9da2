import type { Readable } from 'node:stream';
import { uuidv7 } from 'uuidv7';
import type { ActivityDetail, ActivityItem, CreateActivityBody } from '../../../contracts/party';
import { ACTIVITY_KIND_LABELS, ACTIVITY_MODE_LABELS, type ActivityKind } from '../../../contracts/party.vocab';
import { scopeFor } from '../../core/access/actor';
import { auditActor, nowIso, type RequestContext, requireActor } from '../../core/context';
import { invalid, invalidField, notFound } from '../../core/errors';
import { preparePhoto, readPhoto } from '../../core/files/photo';
import { displayTime } from '../../core/time';
import type { Executor } from '../../db/index';
import { checkInRefusal } from './domain/guards';
import { attendance } from './domain/rates';
import { type OrgIndex, PartyBase, toMember } from './party.base';
import * as repo from './party.repository';
import type { PartyActivitiesTable } from './party.tables';

/** photos under one thought */
const PHOTOS_PER_THOUGHT = 9;

/** core files' owner type of a thought's photos */
export const THOUGHT_PHOTO_OWNER = 'party_thought_photo';

/** Activities (主题党日, 组织生活会, 党课, 志愿服务): notice, check-in, 代签, thoughts, minutes, attendance. */
export class ActivitiesService extends PartyBase {
  private async figures(exec: Executor, subdistrictId: string, idx: OrgIndex, acts: PartyActivitiesTable[], scopeBranches?: Set<string>) {
    const links = await repo.branchLinks(
      exec,
      'party_activity_branches',
      'activity_id',
      acts.map((a) => a.id),
    );
    const branchIds = [...new Set(links.map((l) => l.branch_id))];
    const members = await repo.membersOfBranches(exec, subdistrictId, branchIds);
    const ins = await repo.checkins(
      exec,
      acts.map((a) => a.id),
    );
    return acts.map((a) => {
      const mine = links.filter((l) => l.owner === a.id).map((l) => l.branch_id);
      const counted = scopeBranches ? mine.filter((b) => scopeBranches.has(b)) : mine;
      const att = attendance(
        { branchIds: counted },
        idx.branches,
        members.map(toMember),
        ins.filter((c) => c.activity_id === a.id).map((c) => ({ personId: c.person_id, onBehalf: c.on_behalf === 1 })),
      );
      return { activity: a, branchIds: mine, attendance: att, members, checkins: ins.filter((c) => c.activity_id === a.id) };
    });
  }

  private item(a: PartyActivitiesTable, idx: OrgIndex, branchIds: string[], att: ReturnType<typeof attendance>): ActivityItem {
    return {
      id: a.id,
      kind: a.kind as ActivityKind,
      title: a.title,
      theme: a.theme,
      startsAt: a.starts_at,
      mode: a.mode as ActivityItem['mode'],
      location: a.location,
      branches: branchIds.map((id) => ({ id, name: idx.fullName(id) })),
      members: att.total.members,
      attended: att.total.attended,
      rate: att.total.rate,
    };
  }

  async list(ctx: RequestContext): Promise<ActivityItem[]> {
    const actor = requireActor(ctx);
    const scope = scopeFor(actor, 'party:read');
    const idx = await this.orgIndex(this.core.db, actor.subdistrictId);
    const acts = await repo.listActivities(this.core.db, scope);
    const reach = new Set(this.branchesInScope(idx, scope));
    const rows = await this.figures(this.core.db, actor.subdistrictId, idx, acts, reach);
    return rows.map((r) => this.item(r.activity, idx, r.branchIds, r.attendance));
  }

  async create(ctx: RequestContext, body: CreateActivityBody): Promise<ActivityDetail> {
    const actor = requireActor(ctx);
    const id = await this.core.db.transaction().execute(async (trx) => {
      const idx = await this.orgIndex(trx, actor.subdistrictId);
      const branches = this.checkBranches(idx, actor, 'party:manage', body.branchIds);
      const id = uuidv7();
      await repo.insertActivity(
        trx,
        {
          id,
          subdistrict_id: actor.subdistrictId,
          kind: body.kind,
          title: body.title,
          theme: body.theme ?? null,
          starts_at: new Date(body.startsAt).toISOString(),
          mode: body.mode,
          location: body.location ?? null,
          agenda: body.agenda ?? null,
          materials: body.materials ?? null,
          minutes: null,
          created_by: actor.system ? null : actor.accountId,
          created_at: nowIso(),
        },
        branches.map((b) => ({ branch_id: b.id, neighborhood_id: b.neighborhood_id as string })),
      );
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'party.activity_create',
        targetType: 'party_activity',
        targetId: id,
        detail: { after: { kind: body.kind, title: body.title, branches: branches.map((b) => idx.fullName(b.id)) } },
      });
      return id;
    });
    return this.get(ctx, id);
  }

  private async find(exec: Executor, ctx: RequestContext, id: string, permission: 'party:read' | 'party:manage') {
    const a = await repo.activityInScope(exec, scopeFor(requireActor(ctx), permission), id);
    if (!a) throw notFound('活动');
    return a;
  }

  async get(ctx: RequestContext, id: string): Promise<ActivityDetail> {
    const actor = requireActor(ctx);
    const a = await this.find(this.core.db, ctx, id, 'party:read');
    const idx = await this.orgIndex(this.core.db, actor.subdistrictId);
    const reach = new Set(this.branchesInScope(idx, scopeFor(actor, 'party:read')));
    const [f] = await this.figures(this.core.db, actor.subdistrictId, idx, [a], reach);
    if (!f) throw notFound('活动');
    const byPerson = new Map(f.checkins.map((c) => [c.person_id, c] as const));
    const roll = f.members
      .filter((m) => reach.has(m.branch_id) && f.branchIds.includes(m.branch_id))
      .map((m) => {
        const c = byPerson.get(m.person_id);
        return {
          memberId: m.id,
          name: m.name,
          branch: idx.fullName(m.branch_id),
          status: m.status as ActivityDetail['roll'][number]['status'],
          checkedInAt: c?.at ?? null,
          onBehalf: c?.on_behalf === 1,
        };
      });
    return {
      ...this.item(a, idx, f.branchIds, f.attendance),
      agenda: a.agenda,
      materials: a.materials,
      minutes: a.minutes,
      attendance: f.attendance.branches,
      roll,
      thoughts: await this.thoughtsOf(this.core.db, a.id, null),
      checkInLink: `/m/party/activities/${a.id}`,
    };
  }

  private async thoughtsOf(exec: Executor, activityId: string, personId: string | null) {
    const ts = await repo.thoughts(exec, activityId);
    const cs = await repo.comments(
      exec,
      ts.map((t) => t.id),
    );
    const photos = await repo.thoughtPhotos(exec, activityId);
    return ts.map((t) => ({
      id: t.id,
      author: t.name,
      mine: t.person_id === personId,
      text: t.text,
      createdAt: t.created_at,
      comments: cs.filter((c) => c.thought_id === t.id).map((c) => ({ id: c.id, author: c.name, text: c.text, createdAt: c.created_at })),
      photos: photos
        .filter((p) => p.thought_id === t.id)
        .map((p) => ({ fileId: p.file_id, url: `/api/files/${p.file_id}`, publishable: p.publishable === 1 })),
    }));
  }

  /** The notice: an SMS to every member of the activity's branches with a phone, and the group robot if given. */
  async notify(ctx: RequestContext, id: string, wecomWebhook: string | null | undefined) {
    const actor = requireActor(ctx);
    const a = await this.find(this.core.db, ctx, id, 'party:manage');
    const idx = await this.orgIndex(this.core.db, actor.subdistrictId);
    const reach = new Set(this.branchesInScope(idx, scopeFor(actor, 'party:manage')));
    const links = (await repo.branchLinks(this.core.db, 'party_activity_branches', 'activity_id', [a.id]))
      .map((l) => l.branch_id)
      .filter((b) => reach.has(b));
    const members = await repo.membersOfBranches(this.core.db, actor.subdistrictId, links);
    const text = `【邻里】${ACTIVITY_KIND_LABELS[a.kind as ActivityKind]}「${a.title}」${displayTime(a.starts_at)}，${ACTIVITY_MODE_LABELS[a.mode as 'online' | 'onsite']}${a.location ? `（${a.location}）` : ''}。请准时参加并在手机上签到。`;
    let sms = 0;
    await this.core.db.transaction().execute(async (trx) => {
      for (const m of members) {
        if (!m.phone_enc) continue;
        await this.core.notify.enqueue(trx, {
          subdistrictId: actor.subdistrictId,
          neighborhoodId: m.neighborhood_id,
          to: { channel: 'sms', phone: this.decrypt(m.phone_enc) },
          template: text,
          source: { module: 'party', type: 'party_activity', id: a.id },
          createdBy: actor.accountId,
        });
        sms++;
      }
      if (wecomWebhook) {
        await this.core.notify.enqueue(trx, {
          subdistrictId: actor.subdistrictId,
          to: { channel: 'wecom', webhook: wecomWebhook },
          template: text,
          source: { module: 'party', type: 'party_activity', id: a.id },
          createdBy: actor.accountId,
        });
      }
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'party.activity_notify',
        targetType: 'party_activity',
        targetId: a.id,
        detail: { sms, robot: !!wecomWebhook },
      });
    });
    this.core.notify.wake();
    return { sms, robot: !!wecomWebhook };
  }

  /** 代签: the secretary records attendance for a member of their branch (an elderly member without a phone). */
  async checkInOnBehalf(ctx: RequestContext, id: string, memberId: string): Promise<ActivityDetail> {
    const actor = requireActor(ctx);
    await this.core.db.transaction().execute(async (trx) => {
      const a = await this.find(trx, ctx, id, 'party:manage');
      const m = await repo.memberInScope(trx, scopeFor(actor, 'party:manage'), memberId);
      if (!m) throw notFound('党员');
      await this.recordCheckIn(trx, ctx, a, m, true);
    });
    return this.get(ctx, id);
  }

  private async recordCheckIn(exec: Executor, ctx: RequestContext, a: PartyActivitiesTable, m: repo.MemberRow, onBehalf: boolean) {
    const actor = requireActor(ctx);
    const idx = await this.orgIndex(exec, actor.subdistrictId);
    const links = (await repo.branchLinks(exec, 'party_activity_branches', 'activity_id', [a.id])).map((l) => l.branch_id);
    const refusal = checkInRefusal(
      { title: a.title, branchIds: links },
      { name: m.name, branchId: m.branch_id, status: m.status as 'full' },
      idx.fullName,
    );
    if (refusal) throw invalid(refusal);
    const inserted = await repo.insertCheckin(exec, {
      id: uuidv7(),
      subdistrict_id: actor.subdistrictId,
      neighborhood_id: m.neighborhood_id,
      activity_id: a.id,
      person_id: m.person_id,
      branch_id: m.branch_id,
      at: nowIso(),
      on_behalf: onBehalf ? 1 : 0,
      recorded_by: actor.accountId,
    });
    if (inserted)
      await this.core.audit.record(exec, auditActor(ctx), {
        action: onBehalf ? 'party.checkin_on_behalf' : 'party.checkin',
        targetType: 'party_activity',
        targetId: a.id,
        detail: { memberId: m.id },
      });
    return inserted;
  }

  async setMinutes(ctx: RequestContext, id: string, minutes: string): Promise<ActivityDetail> {
    await this.core.db.transaction().execute(async (trx) => {
      const a = await this.find(trx, ctx, id, 'party:manage');
      await repo.setMinutes(trx, a.id, minutes);
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'party.minutes',
        targetType: 'party_activity',
        targetId: a.id,
        detail: { length: minutes.length },
      });
    });
    return this.get(ctx, id);
  }

  // ---- a member's own pages
  private myItem(a: PartyActivitiesTable, checkedIn: boolean) {
    return {
      id: a.id,
      kind: a.kind as ActivityKind,
      title: a.title,
      theme: a.theme,
      startsAt: a.starts_at,
      mode: a.mode as 'online' | 'onsite',
      location: a.location,
      agenda: a.agenda,
      checkedIn,
    };
  }

  async myHome(ctx: RequestContext) {
    const actor = requireActor(ctx);
    const me = await this.meOrNull(this.core.db, ctx);
    if (!me) return { member: null, activities: [] };
    const idx = await this.orgIndex(this.core.db, actor.subdistrictId);
    const acts = await repo.activitiesOfBranch(this.core.db, actor.subdistrictId, me.branch_id);
    const ins = await repo.checkins(
      this.core.db,
      acts.map((a) => a.id),
    );
    return {
      member: {
        name: me.name,
        branch: idx.byId.get(me.branch_id)?.name ?? '',
        generalBranch: idx.generalBranchOf(me.branch_id)?.name ?? '',
        status: me.status as 'full',
      },
      activities: acts.slice(0, 30).map((a) =>
        this.myItem(
          a,
          ins.some((c) => c.activity_id === a.id && c.person_id === me.person_id),
        ),
      ),
    };
  }

  /** an activity as a member opens it from the notice or a QR code: any activity of the subdistrict (refused at check-in if not theirs) */
  async myActivity(ctx: RequestContext, id: string) {
    const actor = requireActor(ctx);
    const me = await this.meOrNull(this.core.db, ctx);
    const a = await repo.activityById(this.core.db, actor.subdistrictId, id);
    if (!a) throw notFound('活动');
    const ins = await repo.checkins(this.core.db, [a.id]);
    return {
      ...this.myItem(a, !!me && ins.some((c) => c.person_id === me.person_id)),
      thoughts: await this.thoughtsOf(this.core.db, a.id, me?.person_id ?? null),
    };
  }

  async checkIn(ctx: RequestContext, id: string) {
    const actor = requireActor(ctx);
    await this.core.db.transaction().execute(async (trx) => {
      const a = await repo.activityById(trx, actor.subdistrictId, id);
      if (!a) throw notFound('活动');
      const me = await this.meOrNull(trx, ctx);
      if (!me) throw invalid(checkInRefusal({ title: a.title, branchIds: [] }, null, () => '') ?? '');
      await this.recordCheckIn(trx, ctx, a, me, false);
    });
    return this.myActivity(ctx, id);
  }

  async postThought(ctx: RequestContext, id: string, clientKey: string, text: string) {
    const actor = requireActor(ctx);
    await this.core.db.transaction().execute(async (trx) => {
      const a = await repo.activityById(trx, actor.subdistrictId, id);
      if (!a) throw notFound('活动');
      const me = await this.meOrNull(trx, ctx);
      const idx = await this.orgIndex(trx, actor.subdistrictId);
      const links = (await repo.branchLinks(trx, 'party_activity_branches', 'activity_id', [a.id])).map((l) => l.branch_id);
      const who = me ? { name: me.name, branchId: me.branch_id, status: me.status as 'full' } : null;
      const refusal = checkInRefusal({ title: a.title, branchIds: links }, who, idx.fullName);
      if (refusal || !me) throw invalid((refusal ?? '').replace('签到', '发表心得'));
      const added = await repo.insertThought(trx, {
        id: uuidv7(),
        subdistrict_id: actor.subdistrictId,
        neighborhood_id: me.neighborhood_id,
        activity_id: a.id,
        person_id: me.person_id,
        branch_id: me.branch_id,
        client_key: clientKey,
        text,
        created_at: nowIso(),
      });
      if (added)
        await this.core.audit.record(trx, auditActor(ctx), { action: 'party.thought', targetType: 'party_activity', targetId: a.id });
    });
    return this.myActivity(ctx, id);
  }

  async comment(ctx: RequestContext, thoughtId: string, clientKey: string, text: string) {
    const actor = requireActor(ctx);
    const activityId = await this.core.db.transaction().execute(async (trx) => {
      const t = await repo.thoughtById(trx, actor.subdistrictId, thoughtId);
      if (!t) throw notFound('心得');
      const me = await this.meOrNull(trx, ctx);
      const idx = await this.orgIndex(trx, actor.subdistrictId);
      const links = (await repo.branchLinks(trx, 'party_activity_branches', 'activity_id', [t.activity_id])).map((l) => l.branch_id);
      if (!me || !links.includes(me.branch_id)) throw invalid(`只有${links.map(idx.fullName).join('、')}的党员可以评论这条心得`);
      await repo.insertComment(trx, {
        id: uuidv7(),
        subdistrict_id: actor.subdistrictId,
        thought_id: t.id,
        person_id: me.person_id,
        client_key: clientKey,
        text,
        created_at: nowIso(),
      });
      return t.activity_id;
    });
    return this.myActivity(ctx, activityId);
  }

  /** A photo under the member's own thought (up to 9): judged by content, shrunk, stripped of EXIF, stored by core files. */
  async addThoughtPhoto(ctx: RequestContext, thoughtId: string, file: { name: string; stream: Readable }) {
    const actor = requireActor(ctx);
    const t = await repo.thoughtById(this.core.db, actor.subdistrictId, thoughtId);
    if (!t) throw notFound('心得');
    const me = await this.meOrNull(this.core.db, ctx);
    if (!me || me.person_id !== t.person_id) throw invalidField('file', '只能给自己发表的心得添加照片');
    if ((await repo.countThoughtPhotos(this.core.db, t.id)) >= PHOTOS_PER_THOUGHT)
      throw invalidField('file', `每条心得最多 ${PHOTOS_PER_THOUGHT} 张照片`);
    const image = await preparePhoto(await readPhoto(file.stream, 'file'), file.name, 'file');
    await this.core.db.transaction().execute(async (trx) => {
      // counted again inside the transaction: two phones sending at once still stop at 9
      if ((await repo.countThoughtPhotos(trx, t.id)) >= PHOTOS_PER_THOUGHT)
        throw invalidField('file', `每条心得最多 ${PHOTOS_PER_THOUGHT} 张照片`);
      const info = await this.core.files.store(ctx, image, {
        name: `${file.name.replace(/\.[^.]*$/, '') || '心得照片'}.jpg`,
        allowed: ['jpeg'],
        owner: { type: THOUGHT_PHOTO_OWNER, id: t.id },
        subdistrictId: t.subdistrict_id,
        neighborhoodId: t.neighborhood_id,
        trx,
      });
      await repo.insertThoughtPhoto(trx, {
        file_id: info.id,
        subdistrict_id: t.subdistrict_id,
        thought_id: t.id,
        activity_id: t.activity_id,
        publishable: 0,
        created_at: nowIso(),
      });
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'party.thought_photo',
        targetType: 'party_activity',
        targetId: t.activity_id,
        detail: { after: { thought: t.id, file: info.id } },
      });
    });
    return this.myActivity(ctx, t.activity_id);
  }

  /** The secretary marks a photo 可公开 (for the monthly bulletin) or takes the mark back; audited. */
  async setPhotoPublishable(ctx: RequestContext, fileId: string, publishable: boolean): Promise<ActivityDetail> {
    const actor = requireActor(ctx);
    const activityId = await this.core.db.transaction().execute(async (trx) => {
      const p = await repo.thoughtPhotoById(trx, actor.subdistrictId, fileId);
      if (!p) throw notFound('照片');
      await this.find(trx, ctx, p.activity_id, 'party:manage');
      if ((p.publishable === 1) !== publishable) {
        await repo.setPhotoPublishable(trx, p.file_id, publishable);
        await this.core.audit.record(trx, auditActor(ctx), {
          action: 'party.photo_publishable',
          targetType: 'party_activity',
          targetId: p.activity_id,
          detail: { before: { publishable: p.publishable === 1 }, after: { publishable }, file: p.file_id },
        });
      }
      return p.activity_id;
    });
    return this.get(ctx, activityId);
  }

  /** for core files: a thought's photos are seen by staff reaching the activity and by members of its branches */
  maySeeThought = async (ctx: RequestContext, thoughtId: string): Promise<boolean> => {
    const actor = ctx.actor;
    if (!actor) return false;
    const t = await repo.thoughtById(this.core.db, actor.subdistrictId, thoughtId);
    if (!t) return false;
    if (await repo.activityInScope(this.core.db, scopeFor(actor, 'party:read'), t.activity_id)) return true;
    const me = await this.meOrNull(this.core.db, ctx);
    if (!me) return false;
    const links = await repo.branchLinks(this.core.db, 'party_activity_branches', 'activity_id', [t.activity_id]);
    return links.some((l) => l.branch_id === me.branch_id);
  };
}
