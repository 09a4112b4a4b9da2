import { uuidv7 } from 'uuidv7';
import type { BeneficiaryDetail, BeneficiaryQuery, BeneficiaryWrite } from '../../../contracts/care';
import { type Actor, scopeFor } from '../../core/access/actor';
import { auditActor, type Core, nowIso, type RequestContext, requireActor } from '../../core/context';
import { decryptField, encryptField, lookupHash } from '../../core/crypto/fields';
import { conflict, forbidden, invalidField, notFound } from '../../core/errors';
import { type ExportDownload, keysetPages, openExport } from '../../core/excel/export';
import { todayIso } from '../../core/people/id-number';
import { parsePhone } from '../../core/people/people.domain';
import type { PeopleService, PersonInput } from '../../core/people/people.service';
import { personSearch } from '../../core/people/person-search';
import { displayTime } from '../../core/time';
import type { Executor, Tx } from '../../db/index';
import * as repo from './beneficiaries.repository';
import * as calls from './campaigns.repository';
import { presentBeneficiary, presentBeneficiaryExtras, presentCall, presentNeed, presentTodo, storeReasons } from './care.presenter';
import type { CareBeneficiariesTable } from './care.tables';
import { DEFAULT_CATEGORIES } from './domain/catalogue';
import { bornOnOrBefore } from './domain/priority';
import { recordChanges, recordView } from './domain/timeline-text';
import * as needsRepo from './needs.repository';
import * as timelineRepo from './timeline.repository';

/** the care fields of a beneficiary, as a write carries them (`undefined` keeps what is stored) */
export type CareFields = Partial<
  Pick<
    BeneficiaryWrite,
    | 'categoryId'
    | 'disabilityGrade'
    | 'livingSituation'
    | 'healthNotes'
    | 'priorityReasons'
    | 'emergencyName'
    | 'emergencyPhone'
    | 'note'
    | 'staffAccountId'
    | 'volunteerAccountId'
  >
>;

export class BeneficiariesService {
  constructor(
    private readonly core: Core,
    private readonly people: PeopleService,
  ) {}

  private decrypt = (v: string) => decryptField(this.core.keys.field, v);
  private encrypt = (v: string) => encryptField(this.core.keys.field, v);

  async categories(ctx: RequestContext) {
    const actor = requireActor(ctx);
    let rows = await repo.categories(this.core.db, actor.subdistrictId);
    if (rows.length === 0) {
      await this.seedCategories(this.core.db, actor.subdistrictId);
      rows = await repo.categories(this.core.db, actor.subdistrictId);
    }
    return rows.map((c) => ({ id: c.id, name: c.name, sort: c.sort, active: c.active === 1 }));
  }

  /** the legal categories every subdistrict starts with; more can be added */
  async seedCategories(exec: Executor, subdistrictId: string) {
    const existing = await repo.categories(exec, subdistrictId);
    const now = nowIso();
    for (const [i, name] of DEFAULT_CATEGORIES.entries()) {
      if (!existing.some((c) => c.name === name))
        await repo.insertCategory(exec, { id: uuidv7(), subdistrict_id: subdistrictId, name, sort: i, created_at: now });
    }
  }

  async addCategory(ctx: RequestContext, name: string) {
    const actor = requireActor(ctx);
    // categories are the subdistrict's: only who manages care over the whole subdistrict adds one
    if (!scopeFor(actor, 'care:manage').subdistrictIds.includes(actor.subdistrictId)) {
      throw forbidden('优抚类别由街道统一设置，居民区不能新增');
    }
    return this.core.db.transaction().execute(async (trx) => {
      const existing = await repo.categories(trx, actor.subdistrictId);
      if (existing.some((c) => c.name === name)) throw conflict(`类别「${name}」已存在`);
      const id = uuidv7();
      await repo.insertCategory(trx, { id, subdistrict_id: actor.subdistrictId, name, sort: existing.length, created_at: nowIso() });
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'care.category_create',
        targetType: 'care_category',
        targetId: id,
        detail: { after: { name } },
      });
      return { id, name, sort: existing.length, active: true };
    });
  }

  private filter(q: Omit<BeneficiaryQuery, 'page' | 'pageSize'>, today: string): repo.BeneficiaryFilter {
    const f: repo.BeneficiaryFilter = { neighborhoodId: q.neighborhoodId, categoryId: q.categoryId };
    if (q.flag === '80岁以上') f.bornOnOrBefore = bornOnOrBefore(80, today);
    else if (q.flag) f.reason = q.flag;
    if (q.flag === '独居' || q.flag === '空巢') f.livingSituation = q.flag;
    if (q.notContactedDays !== undefined) f.notContactedSince = new Date(Date.now() - q.notContactedDays * 86_400_000).toISOString();
    if (q.q) f.search = { terms: personSearch(q.q, (v) => lookupHash(this.core.keys.lookup, v)), ilike: this.core.dialect.ilike };
    return f;
  }

  async list(ctx: RequestContext, q: BeneficiaryQuery) {
    const today = todayIso();
    const scope = scopeFor(requireActor(ctx), 'care:read');
    const { rows, total } = await repo.listBeneficiaries(this.core.db, scope, this.filter(q, today), {
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    return { items: rows.map((r) => presentBeneficiary(r, this.decrypt, today)), total };
  }

  private async find(exec: Executor, actor: Actor, id: string, permission: 'care:read' | 'care:manage') {
    const row = await repo.beneficiaryInScope(exec, scopeFor(actor, permission), id);
    if (!row) throw notFound('优抚对象');
    return row;
  }

  async get(ctx: RequestContext, id: string): Promise<BeneficiaryDetail> {
    const actor = requireActor(ctx);
    const row = await this.find(this.core.db, actor, id, 'care:read');
    const scope = scopeFor(actor, 'care:read');
    const [person, recent, needs, todos] = await Promise.all([
      this.people.get(ctx, row.person_id, this.core.db, 'care:read'),
      calls.recentCalls(this.core.db, id, 20),
      needsRepo.listNeeds(this.core.db, scope, { beneficiaryId: id }),
      needsRepo.listTodos(this.core.db, scope, { beneficiaryId: id }),
    ]);
    return {
      ...presentBeneficiary(row, this.decrypt, todayIso()),
      ...presentBeneficiaryExtras(row, this.decrypt),
      contactHistory: person.contactHistory.map((h) => ({
        field: h.field,
        before: h.before,
        after: h.after,
        changedAt: h.changedAt,
        changedBy: h.changedBy,
      })),
      calls: recent.map(presentCall),
      needs: needs.rows.map(presentNeed),
      todos: todos.map(presentTodo),
    };
  }

  async create(ctx: RequestContext, input: BeneficiaryWrite): Promise<BeneficiaryDetail> {
    const id = await this.core.db.transaction().execute(async (trx) => {
      const person = await this.people.upsertByIdNumber(trx, ctx, personInput(input), { source: 'care', permission: 'care:manage' });
      const r = await this.upsertBeneficiary(trx, ctx, person.personId, input.neighborhoodId, input, 'create');
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'care.beneficiary_create',
        targetType: 'care_beneficiary',
        targetId: r.id,
        detail: { after: { name: input.name, categoryId: input.categoryId, neighborhoodId: input.neighborhoodId } },
      });
      return r.id;
    });
    return this.get(ctx, id);
  }

  async update(ctx: RequestContext, id: string, patch: Partial<BeneficiaryWrite>): Promise<BeneficiaryDetail> {
    const actor = requireActor(ctx);
    await this.core.db.transaction().execute(async (trx) => {
      const row = await this.find(trx, actor, id, 'care:manage');
      const personPatch = personInput({ name: row.name, ...patch, idNumber: patch.idNumber ?? this.decrypt(row.id_number_enc as string) });
      const person = await this.people.upsertByIdNumber(trx, ctx, personPatch, { source: 'care', permission: 'care:manage' });
      if (person.personId !== row.person_id) throw invalidField('idNumber', '身份证号属于另一位居民，不能改到此人名下');
      const r = await this.upsertBeneficiary(trx, ctx, row.person_id, patch.neighborhoodId ?? row.neighborhood_id, patch, 'update');
      // what changed of the record, for the timeline (生活动态); address and phones are in the person's history
      const changes = recordChanges(recordView(row), recordView(await this.find(trx, actor, id, 'care:read')));
      const at = nowIso();
      await timelineRepo.insertChanges(
        trx,
        changes.map((c) => ({
          id: uuidv7(),
          subdistrict_id: row.subdistrict_id,
          beneficiary_id: id,
          ...c,
          by_account_id: actor.accountId,
          at,
        })),
      );
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'care.beneficiary_update',
        targetType: 'care_beneficiary',
        targetId: id,
        // sensitive values (health notes, phones) are named, never written out
        detail: { changed: Object.keys(patch), person: person.outcome, beneficiary: r.outcome },
      });
    });
    return this.get(ctx, id);
  }

  /**
   * Creates or updates the care record of a person; `create` refuses a person already on the
   * roll, an import merges into it. Returns what happened, for import counts.
   */
  async upsertBeneficiary(
    trx: Tx,
    ctx: RequestContext,
    personId: string,
    neighborhoodId: string,
    f: CareFields,
    mode: 'create' | 'update' | 'merge',
  ) {
    const actor = requireActor(ctx);
    const [existing] = await repo.beneficiaryByPerson(trx, actor.subdistrictId, [personId]);
    if (existing && mode === 'create') throw conflict('该居民已在优抚对象名册中');
    await this.checkRefs(trx, actor, f);
    const now = nowIso();
    const next: Partial<CareBeneficiariesTable> = {
      neighborhood_id: neighborhoodId,
      ...(f.categoryId !== undefined && { category_id: f.categoryId }),
      ...(f.disabilityGrade !== undefined && { disability_grade: f.disabilityGrade || null }),
      ...(f.livingSituation !== undefined && { living_situation: f.livingSituation }),
      ...(f.priorityReasons !== undefined && { priority_reasons: storeReasons(f.priorityReasons) }),
      ...(f.emergencyName !== undefined && { emergency_name: f.emergencyName || null }),
      ...(f.note !== undefined && { note: f.note || null }),
      ...(f.staffAccountId !== undefined && { staff_account_id: f.staffAccountId }),
      ...(f.volunteerAccountId !== undefined && { volunteer_account_id: f.volunteerAccountId }),
    };
    if (!existing) {
      if (!f.categoryId) throw invalidField('categoryId', '请选择优抚类别');
      const row: CareBeneficiariesTable = {
        id: uuidv7(),
        subdistrict_id: actor.subdistrictId,
        neighborhood_id: neighborhoodId,
        person_id: personId,
        category_id: f.categoryId,
        disability_grade: f.disabilityGrade || null,
        living_situation: f.livingSituation ?? null,
        health_notes_enc: f.healthNotes ? this.encrypt(f.healthNotes) : null,
        priority_reasons: storeReasons(f.priorityReasons ?? []),
        emergency_name: f.emergencyName || null,
        emergency_phone_enc: f.emergencyPhone ? this.encrypt(f.emergencyPhone) : null,
        note: f.note || null,
        staff_account_id: f.staffAccountId ?? null,
        volunteer_account_id: f.volunteerAccountId ?? null,
        last_contact_at: null,
        active: 1,
        created_at: now,
        updated_at: now,
      };
      await repo.insertBeneficiary(trx, row);
      return { id: row.id, outcome: 'created' as const };
    }
    // encrypted fields change only when their clear value does (ciphertexts differ every time)
    if (
      f.healthNotes !== undefined &&
      (existing.health_notes_enc ? this.decrypt(existing.health_notes_enc) : null) !== (f.healthNotes || null)
    ) {
      next.health_notes_enc = f.healthNotes ? this.encrypt(f.healthNotes) : null;
    }
    if (
      f.emergencyPhone !== undefined &&
      (existing.emergency_phone_enc ? this.decrypt(existing.emergency_phone_enc) : null) !== (f.emergencyPhone || null)
    ) {
      next.emergency_phone_enc = f.emergencyPhone ? this.encrypt(f.emergencyPhone) : null;
    }
    const changed = Object.entries(next).some(([k, v]) => existing[k as keyof CareBeneficiariesTable] !== v);
    if (changed) await repo.updateBeneficiary(trx, existing.id, { ...next, updated_at: now });
    return { id: existing.id, outcome: changed ? ('updated' as const) : ('unchanged' as const) };
  }

  private async checkRefs(trx: Tx, actor: Actor, f: CareFields) {
    if (f.categoryId) {
      const cats = await repo.categories(trx, actor.subdistrictId);
      if (!cats.some((c) => c.id === f.categoryId)) throw invalidField('categoryId', '优抚类别不存在');
    }
    if (f.emergencyPhone) {
      const p = parsePhone(f.emergencyPhone, '紧急联系人电话');
      if (!p.ok) throw invalidField('emergencyPhone', p.message);
    }
    for (const [field, id, roles] of [
      ['staffAccountId', f.staffAccountId, ['care_staff', 'neighborhood_staff']],
      ['volunteerAccountId', f.volunteerAccountId, ['volunteer']],
    ] as const) {
      if (!id) continue;
      const ok = (await repo.careAccounts(trx, actor.subdistrictId, [...roles])).some((a) => a.id === id);
      if (!ok) throw invalidField(field, field === 'staffAccountId' ? '结对工作人员不存在' : '结对志愿者不存在');
    }
  }

  /** ID number and phones through the people registry's audited reveal; the emergency phone here, audited alike. */
  async reveal(ctx: RequestContext, id: string, field: 'idNumber' | 'phone' | 'altPhone' | 'emergencyPhone') {
    // the route asks for care:read and care:reveal both
    const actor = requireActor(ctx);
    const row = await this.find(this.core.db, actor, id, 'care:read');
    if (field !== 'emergencyPhone') return this.people.reveal(ctx, row.person_id, field, 'care:reveal');
    return this.core.db.transaction().execute(async (trx) => {
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'care.reveal',
        targetType: 'care_beneficiary',
        targetId: id,
        detail: { field, name: row.name },
      });
      return { field, value: row.emergency_phone_enc ? this.decrypt(row.emergency_phone_enc) : null };
    });
  }

  /** The filtered roll as .xlsx through the core export kit: streamed page by page, masked, audited. */
  async exportList(ctx: RequestContext, q: Omit<BeneficiaryQuery, 'page' | 'pageSize'>): Promise<ExportDownload> {
    const actor = requireActor(ctx);
    const today = todayIso();
    const scope = scopeFor(actor, 'care:read');
    const f = this.filter(q, today);
    const db = this.core.db;
    const total = await repo.countBeneficiaries(db, scope, f);
    const [neighborhoods, cats] = await Promise.all([
      repo.neighborhoodNames(db, actor.subdistrictId),
      repo.categories(db, actor.subdistrictId),
    ]);
    const filters = [
      q.q ? `关键词：${q.q}` : '',
      q.neighborhoodId ? `居民区：${neighborhoods.find((n) => n.id === q.neighborhoodId)?.name ?? '（无）'}` : '',
      q.categoryId ? `优抚类别：${cats.find((c) => c.id === q.categoryId)?.name ?? '（无）'}` : '',
      q.flag ? `重点关注：${q.flag}` : '',
      q.notContactedDays !== undefined ? `超过 ${q.notContactedDays} 天未联系` : '',
    ]
      .filter(Boolean)
      .join('；');
    const decrypt = this.decrypt;
    const rows = (async function* () {
      for await (const r of keysetPages<repo.BeneficiaryPageRow>((after, limit) => repo.beneficiariesAfter(db, scope, f, after, limit))) {
        const b = presentBeneficiary(r, decrypt, today);
        const x = presentBeneficiaryExtras(r, decrypt);
        yield {
          name: b.name,
          gender: b.gender === 'male' ? '男' : b.gender === 'female' ? '女' : '',
          age: b.age,
          idNumber: x.idNumberMasked,
          phone: b.phoneMasked,
          neighborhood: b.neighborhoodName,
          address: b.address,
          category: b.category,
          living: b.livingSituation,
          flags: b.flags.join('、'),
          lastContact: b.lastContactAt ? displayTime(b.lastContactAt) : '从未联系',
        };
      }
    })();
    return openExport(
      this.core,
      ctx,
      {
        title: '优抚对象名册',
        filters,
        columns: [
          { header: '姓名', key: 'name', width: 10 },
          { header: '性别', key: 'gender', width: 6 },
          { header: '年龄', key: 'age', width: 6 },
          { header: '身份证号', key: 'idNumber', width: 22, sensitive: 'idNumber' },
          { header: '手机号码', key: 'phone', width: 14, sensitive: 'phone' },
          { header: '居民区', key: 'neighborhood', width: 10 },
          { header: '地址', key: 'address', width: 30 },
          { header: '优抚类别', key: 'category', width: 16 },
          { header: '居住状况', key: 'living', width: 10 },
          { header: '重点关注', key: 'flags', width: 24 },
          { header: '最近联系（北京时间）', key: 'lastContact', width: 20 },
        ],
        rows,
      },
      { action: 'care.export', targetType: 'care_beneficiary', detail: { filters: q, rows: total } },
    );
  }

  /** accounts that can be paired with beneficiaries or given calls, with where they work */
  async careAccounts(ctx: RequestContext) {
    const actor = requireActor(ctx);
    const rows = await repo.careAccounts(this.core.db, actor.subdistrictId, ['care_staff', 'neighborhood_staff', 'volunteer']);
    const byId = new Map<string, { id: string; name: string; roles: string[]; neighborhoodIds: string[]; neighborhoodNames: string[] }>();
    for (const r of rows) {
      const a = byId.get(r.id) ?? { id: r.id, name: r.display_name, roles: [], neighborhoodIds: [], neighborhoodNames: [] };
      if (!a.roles.includes(r.role)) a.roles.push(r.role);
      if (r.org_kind === 'neighborhood') {
        a.neighborhoodIds.push(r.org_id);
        a.neighborhoodNames.push(r.org_name);
      }
      byId.set(r.id, a);
    }
    return [...byId.values()];
  }
}

export function personInput(w: Partial<BeneficiaryWrite> & { name: string; idNumber: string }): PersonInput {
  return {
    name: w.name,
    idNumber: w.idNumber,
    gender: w.gender,
    phone: w.phone,
    altPhone: w.altPhone,
    neighborhoodId: w.neighborhoodId,
    road: w.road,
    lane: w.lane,
    building: w.building,
    room: w.room,
  };
}
