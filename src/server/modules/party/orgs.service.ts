import { uuidv7 } from 'uuidv7';
import type { CreateMemberBody, MemberDetail, MemberItem, MemberPatch, MemberQuery, PartyOrg } from '../../../contracts/party';
import { MEMBER_STATUS_LABELS, type MemberStatusCode } from '../../../contracts/party.vocab';
import { scopeFor } from '../../core/access/actor';
import { auditActor, type Core, nowIso, type RequestContext, requireActor } from '../../core/context';
import { conflict, forbidden, invalidField, notFound } from '../../core/errors';
import { type ExportDownload, openExport } from '../../core/excel/export';
import type { PeopleService } from '../../core/people/people.service';
import type { Executor, Tx } from '../../db/index';
import { attendance, counts, donationRates } from './domain/rates';
import { type OrgIndex, PartyBase, toMember } from './party.base';
import * as repo from './party.repository';

/** Organisations (党工委 → 党总支 → 党支部) and members (党员), with transfers and the branch page. */
export class OrgsService extends PartyBase {
  constructor(
    core: Core,
    readonly people: PeopleService,
  ) {
    super(core);
  }

  /**
   * The subdistrict's committee and one general branch per neighborhood, made the first time they
   * are needed (their names follow the org tree); branches are added by the office.
   */
  async ensureStructure(exec: Executor, subdistrictId: string): Promise<OrgIndex> {
    const idx = await this.orgIndex(exec, subdistrictId);
    const units = await exec
      .selectFrom('org_units')
      .select(['id', 'kind', 'name', 'sort'])
      .where('subdistrict_id', '=', subdistrictId)
      .where('kind', 'in', ['subdistrict', 'neighborhood'])
      .orderBy('sort')
      .execute();
    const now = nowIso();
    let committee = idx.all.find((o) => o.level === 'committee');
    let changed = false;
    if (!committee) {
      const sd = units.find((u) => u.kind === 'subdistrict');
      committee = {
        id: uuidv7(),
        subdistrict_id: subdistrictId,
        neighborhood_id: null,
        parent_id: null,
        level: 'committee',
        name: `${sd?.name ?? ''}党工委`,
        sort: 0,
        created_at: now,
      };
      await repo.insertOrg(exec, committee);
      changed = true;
    }
    for (const u of units.filter((x) => x.kind === 'neighborhood')) {
      if (idx.all.some((o) => o.level === 'general_branch' && o.neighborhood_id === u.id)) continue;
      await repo.insertOrg(exec, {
        id: uuidv7(),
        subdistrict_id: subdistrictId,
        neighborhood_id: u.id,
        parent_id: committee.id,
        level: 'general_branch',
        name: u.name,
        sort: u.sort,
        created_at: now,
      });
      changed = true;
    }
    return changed ? this.orgIndex(exec, subdistrictId) : idx;
  }

  async tree(ctx: RequestContext): Promise<PartyOrg[]> {
    const actor = requireActor(ctx);
    const idx = await this.ensureStructure(this.core.db, actor.subdistrictId);
    const scope = scopeFor(actor, 'party:read');
    const reach = new Set(this.branchesInScope(idx, scope));
    const members = await repo.membersOfBranches(this.core.db, actor.subdistrictId, [...reach]);
    const office = scope.subdistrictIds.includes(actor.subdistrictId);
    const visible = idx.all.filter(
      (o) =>
        office ||
        reach.has(o.id) ||
        [...reach].some((b) => idx.byId.get(b)?.parent_id === o.id || idx.generalBranchOf(b)?.parent_id === o.id),
    );
    const under = (o: { id: string; level: string }) =>
      members.filter((m) => m.branch_id === o.id || idx.generalBranchOf(m.branch_id)?.id === o.id || o.level === 'committee');
    return visible.map((o) => {
      const mine = under(o);
      return {
        id: o.id,
        level: o.level as PartyOrg['level'],
        name: o.name,
        fullName: idx.fullName(o.id),
        parentId: o.parent_id,
        neighborhoodId: o.neighborhood_id,
        members: mine.filter((m) => counts(m.status as MemberStatusCode)).length,
        activists: mine.filter((m) => m.status === 'activist').length,
      };
    });
  }

  async createBranch(ctx: RequestContext, generalBranchId: string, name: string) {
    const actor = requireActor(ctx);
    if (!scopeFor(actor, 'party:manage').subdistrictIds.includes(actor.subdistrictId))
      throw forbidden('支部由街道党建办设立，支部书记不能新增支部');
    return this.core.db.transaction().execute(async (trx) => {
      const idx = await this.ensureStructure(trx, actor.subdistrictId);
      const gb = idx.byId.get(generalBranchId);
      if (gb?.level !== 'general_branch') throw invalidField('generalBranchId', '所选党总支不存在');
      if (idx.all.some((o) => o.parent_id === gb.id && o.name === name)) throw conflict(`${gb.name}党总支已有「${name}」`);
      const id = uuidv7();
      await repo.insertOrg(trx, {
        id,
        subdistrict_id: actor.subdistrictId,
        neighborhood_id: gb.neighborhood_id,
        parent_id: gb.id,
        level: 'branch',
        name,
        sort: idx.all.filter((o) => o.parent_id === gb.id).length + 1,
        created_at: nowIso(),
      });
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'party.branch_create',
        targetType: 'party_org',
        targetId: id,
        detail: { after: { generalBranch: gb.name, name } },
      });
      return id;
    });
  }

  present(r: repo.MemberRow, idx: OrgIndex): MemberItem {
    return {
      id: r.id,
      personId: r.person_id,
      name: r.name,
      gender: (r.gender as MemberItem['gender']) ?? null,
      phoneMasked: this.phoneMasked(r.phone_enc),
      branchId: r.branch_id,
      branch: idx.byId.get(r.branch_id)?.name ?? '',
      generalBranch: idx.generalBranchOf(r.branch_id)?.name ?? '',
      status: r.status as MemberItem['status'],
      joinedOn: r.joined_on,
      statusSince: r.status_since,
      branchRole: (r.branch_role as MemberItem['branchRole']) ?? null,
      note: r.note,
    };
  }

  async list(ctx: RequestContext, q: MemberQuery) {
    const actor = requireActor(ctx);
    const idx = await this.orgIndex(this.core.db, actor.subdistrictId);
    const { rows, total } = await repo.listMembers(this.core.db, scopeFor(actor, 'party:read'), q, this.core.dialect.ilike, {
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    return { items: rows.map((r) => this.present(r, idx)), total };
  }

  async get(ctx: RequestContext, id: string): Promise<MemberDetail> {
    const actor = requireActor(ctx);
    const row = await repo.memberInScope(this.core.db, scopeFor(actor, 'party:read'), id);
    if (!row) throw notFound('党员');
    const idx = await this.orgIndex(this.core.db, actor.subdistrictId);
    const moves = await repo.transfers(this.core.db, id);
    return {
      ...this.present(row, idx),
      transfers: moves.map((t) => ({
        from: t.from_branch_id ? idx.fullName(t.from_branch_id) : null,
        to: idx.fullName(t.to_branch_id),
        at: t.at,
      })),
    };
  }

  /**
   * Adds a person to a branch, or updates their membership (a transfer when the branch changes).
   * Used by the form, the import and the demo seed, inside the caller's transaction.
   */
  async upsertMember(
    trx: Tx,
    ctx: RequestContext,
    idx: OrgIndex,
    personId: string,
    m: { branchId: string; status: MemberStatusCode; joinedOn?: string | null; branchRole?: string | null; note?: string | null },
  ): Promise<{ id: string; outcome: 'created' | 'updated' | 'unchanged' }> {
    const actor = requireActor(ctx);
    const branch = idx.byId.get(m.branchId);
    if (!branch?.neighborhood_id) throw invalidField('branchId', '所选支部不存在');
    const existing = await repo.memberByPerson(trx, actor.subdistrictId, personId);
    const now = nowIso();
    const today = now.slice(0, 10);
    if (!existing) {
      const id = uuidv7();
      await repo.insertMember(trx, {
        id,
        subdistrict_id: actor.subdistrictId,
        neighborhood_id: branch.neighborhood_id,
        person_id: personId,
        branch_id: m.branchId,
        status: m.status,
        joined_on: m.joinedOn ?? null,
        status_since: m.joinedOn ?? today,
        branch_role: m.branchRole ?? null,
        note: m.note ?? null,
        created_at: now,
        updated_at: now,
      });
      await repo.insertTransfer(trx, {
        id: uuidv7(),
        subdistrict_id: actor.subdistrictId,
        member_id: id,
        from_branch_id: null,
        to_branch_id: m.branchId,
        at: now,
        by_account_id: actor.system ? null : actor.accountId,
      });
      return { id, outcome: 'created' };
    }
    const set: Record<string, unknown> = {};
    if (existing.branch_id !== m.branchId) {
      set.branch_id = m.branchId;
      set.neighborhood_id = branch.neighborhood_id;
      await repo.insertTransfer(trx, {
        id: uuidv7(),
        subdistrict_id: actor.subdistrictId,
        member_id: existing.id,
        from_branch_id: existing.branch_id,
        to_branch_id: m.branchId,
        at: now,
        by_account_id: actor.system ? null : actor.accountId,
      });
    }
    if (existing.status !== m.status) {
      set.status = m.status;
      set.status_since = today;
    }
    if (m.joinedOn !== undefined && m.joinedOn !== existing.joined_on) set.joined_on = m.joinedOn;
    if (m.branchRole !== undefined && m.branchRole !== existing.branch_role) set.branch_role = m.branchRole;
    if (m.note !== undefined && (m.note ?? null) !== existing.note) set.note = m.note ?? null;
    if (Object.keys(set).length === 0) return { id: existing.id, outcome: 'unchanged' };
    await repo.updateMember(trx, existing.id, { ...set, updated_at: now });
    return { id: existing.id, outcome: 'updated' };
  }

  async create(ctx: RequestContext, body: CreateMemberBody): Promise<MemberDetail> {
    const actor = requireActor(ctx);
    const id = await this.core.db.transaction().execute(async (trx) => {
      const idx = await this.orgIndex(trx, actor.subdistrictId);
      const [branch] = this.checkBranches(idx, actor, 'party:manage', [body.branchId], 'branchId');
      const existing = await this.people.upsertByIdNumber(
        trx,
        ctx,
        { name: body.name, idNumber: body.idNumber, phone: body.phone ?? undefined, neighborhoodId: branch?.neighborhood_id },
        { source: 'party', permission: 'party:manage' },
      );
      const r = await this.upsertMember(trx, ctx, idx, existing.personId, body);
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'party.member_save',
        targetType: 'party_member',
        targetId: r.id,
        detail: { after: { branch: idx.fullName(body.branchId), status: body.status }, outcome: r.outcome },
      });
      return r.id;
    });
    return this.get(ctx, id);
  }

  async update(ctx: RequestContext, id: string, patch: MemberPatch): Promise<MemberDetail> {
    const actor = requireActor(ctx);
    await this.core.db.transaction().execute(async (trx) => {
      const row = await repo.memberInScope(trx, scopeFor(actor, 'party:manage'), id);
      if (!row) throw notFound('党员');
      const idx = await this.orgIndex(trx, actor.subdistrictId);
      // a transfer out of a secretary's branch is theirs to make; into another branch needs that branch's reach or the office
      if (patch.branchId && patch.branchId !== row.branch_id) this.checkBranches(idx, actor, 'party:manage', [patch.branchId], 'branchId');
      const r = await this.upsertMember(trx, ctx, idx, row.person_id, {
        branchId: patch.branchId ?? row.branch_id,
        status: patch.status ?? (row.status as MemberStatusCode),
        joinedOn: patch.joinedOn,
        branchRole: patch.branchRole,
        note: patch.note,
      });
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'party.member_save',
        targetType: 'party_member',
        targetId: id,
        detail: {
          before: { branch: idx.fullName(row.branch_id), status: row.status },
          after: { branch: idx.fullName(patch.branchId ?? row.branch_id), status: patch.status ?? row.status },
          outcome: r.outcome,
        },
      });
    });
    return this.get(ctx, id);
  }

  async exportList(ctx: RequestContext, q: Omit<MemberQuery, 'page' | 'pageSize'>): Promise<ExportDownload> {
    const actor = requireActor(ctx);
    const idx = await this.orgIndex(this.core.db, actor.subdistrictId);
    const { rows } = await repo.listMembers(this.core.db, scopeFor(actor, 'party:read'), q, this.core.dialect.ilike);
    const items = rows.map((r) => this.present(r, idx));
    const filters = [
      q.branchId ? `支部：${idx.fullName(q.branchId)}` : '',
      q.status ? `类别：${MEMBER_STATUS_LABELS[q.status]}` : '',
      q.q ? `关键词：${q.q}` : '',
    ]
      .filter(Boolean)
      .join('；');
    return openExport(
      { db: this.core.db, audit: this.core.audit },
      ctx,
      {
        title: '党员名册',
        filters: filters || undefined,
        columns: [
          { header: '姓名', key: 'name', width: 12 },
          { header: '性别', key: 'gender', width: 6 },
          { header: '手机号码', key: 'phone', width: 14, sensitive: 'phone' },
          { header: '居民区', key: 'generalBranch', width: 10 },
          { header: '支部', key: 'branch', width: 10 },
          { header: '类别', key: 'status', width: 14 },
          { header: '入党日期', key: 'joinedOn', width: 12 },
          { header: '备注', key: 'note', width: 24 },
        ],
        rows: items.map((m) => ({
          name: m.name,
          gender: m.gender === 'male' ? '男' : m.gender === 'female' ? '女' : '',
          phone: m.phoneMasked,
          generalBranch: m.generalBranch,
          branch: m.branch,
          status: MEMBER_STATUS_LABELS[m.status],
          joinedOn: m.joinedOn,
          note: m.note,
        })),
      },
      { action: 'party.member_export', targetType: 'party_member', detail: { rows: items.length } },
    );
  }

  /** The branch page: its members, each activity's attendance and each campaign's participation. */
  async branchSummary(ctx: RequestContext, id: string) {
    const actor = requireActor(ctx);
    const scope = scopeFor(actor, 'party:read');
    const idx = await this.orgIndex(this.core.db, actor.subdistrictId);
    const b = idx.byId.get(id);
    if (b?.level !== 'branch' || !this.branchesInScope(idx, scope).includes(id)) throw notFound('支部');
    const db = this.core.db;
    const members = (await repo.membersOfBranches(db, actor.subdistrictId, [id])).map(toMember);
    const activities = await repo.activitiesOfBranch(db, actor.subdistrictId, id);
    const ins = await repo.checkins(
      db,
      activities.map((a) => a.id),
    );
    const campaigns = await repo.listCampaigns(db, scope);
    const links = await repo.branchLinks(
      db,
      'party_campaign_branches',
      'campaign_id',
      campaigns.map((c) => c.id),
    );
    const mine = campaigns.filter((c) => links.some((l) => l.owner === c.id && l.branch_id === id));
    const gifts = await repo.donations(
      db,
      mine.map((c) => c.id),
    );
    return {
      id,
      name: b.name,
      generalBranch: idx.generalBranchOf(id)?.name ?? '',
      members: members.filter((m) => counts(m.status)).length,
      activists: members.filter((m) => m.status === 'activist').length,
      activities: activities.map((a) => {
        const att = attendance(
          { branchIds: [id] },
          idx.branches,
          members,
          ins.filter((c) => c.activity_id === a.id).map((c) => ({ personId: c.person_id, onBehalf: c.on_behalf === 1 })),
        );
        return {
          id: a.id,
          title: a.title,
          startsAt: a.starts_at,
          members: att.total.members,
          attended: att.total.attended,
          rate: att.total.rate,
        };
      }),
      campaigns: mine.map((c) => {
        const r = donationRates(
          { name: c.name, branchIds: [id] },
          idx.branches,
          members,
          gifts
            .filter((d) => d.campaign_id === c.id && d.branch_id === id)
            .map((d) => ({ personId: d.person_id, branchId: d.branch_id, amountFen: d.amount_fen })),
        );
        const row = r.branches[0];
        return {
          id: c.id,
          name: c.name,
          members: row?.members ?? 0,
          donors: row?.donors ?? 0,
          rate: row?.rate ?? null,
          totalFen: row?.totalFen ?? 0,
        };
      }),
    };
  }
}
