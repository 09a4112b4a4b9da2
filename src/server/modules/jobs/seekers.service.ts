import type { Readable } from 'node:stream';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { ApplicationQuery, ApplyBody, SeekerExportQuery, SeekerProfile, SeekerQuery, SeekerRegister } from '../../../contracts/jobs';
import { APPLICATION_STATUS_LABEL, type ApplicationStatus, CONSENT_WORDING, SEEKER_STATUS_LABEL } from '../../../contracts/jobs.vocab';
import { type Actor, scopeFor } from '../../core/access/actor';
import { auditActor, type Core, nowIso, type RequestContext, requireActor } from '../../core/context';
import { decryptField, encryptField, lookupHash, maskPhone } from '../../core/crypto/fields';
import { conflict, forbidden, invalidField, notFound } from '../../core/errors';
import { type ExportDownload, openExport } from '../../core/excel/export';
import type { PeopleService } from '../../core/people/people.service';
import { displayTime } from '../../core/time';
import type { Executor } from '../../db/index';
import { jobsStatistics } from './domain/stats';
import { parseList, presentApplication, presentPosition, presentSeeker } from './jobs.presenter';
import * as repo from './jobs.repository';
import type { JobsSeekersTable } from './jobs.tables';
import { PositionMatchers, round, scoreApplications, seekersFor } from './matching';

type Profile = z.output<typeof SeekerProfile>;

export const RESUME_OWNER = 'jobs.seeker';
const RESUME_MAX_BYTES = 5 * 1024 * 1024;

const NO_SEEKER = '请先填写求职信息';

/**
 * 求职者: registration (by SMS sign-in, or by staff for someone who phoned in), consent,
 * recommendations both ways, applications and statistics. A seeker is tied to one core person;
 * nothing about them reaches an employer unless their consent stands.
 */
export class SeekersService {
  private readonly matchers = new PositionMatchers();

  constructor(
    private readonly core: Core,
    private readonly people: PeopleService,
  ) {}

  private get db() {
    return this.core.db;
  }

  private profileColumns(p: Profile) {
    return {
      name: p.name,
      gender: p.gender ?? null,
      birth_year: p.birthYear ?? null,
      status: p.status,
      education: p.education,
      school: p.school || null,
      major: p.major || null,
      graduation_year: p.graduationYear ?? null,
      categories: JSON.stringify(p.categories ?? []),
      industries: JSON.stringify(p.industries ?? []),
      districts: JSON.stringify(p.districts ?? []),
      salary_min: p.salaryMin ?? null,
      salary_max: p.salaryMax ?? null,
      experience_years: p.experienceYears ?? null,
      skills: p.skills || null,
      sms_opt_in: p.smsOptIn ? 1 : 0,
      // a form that does not show the times leaves them as they were
      ...(p.available !== undefined ? { available: p.available?.length ? JSON.stringify(p.available) : null } : {}),
    };
  }

  private phoneColumns(phone: string) {
    return {
      phone_hash: lookupHash(this.core.keys.lookup, phone),
      phone_enc: encryptField(this.core.keys.field, phone),
      phone_tail: maskPhone(phone),
    };
  }

  // ---- staff
  async list(ctx: RequestContext, q: z.output<typeof SeekerQuery>) {
    const { rows, total } = await repo.listSeekers(
      this.db,
      scopeFor(requireActor(ctx), 'jobs:read'),
      {
        q: q.q,
        status: q.status,
        consented: q.consented === undefined ? undefined : q.consented === 'true',
        ilike: this.core.dialect.ilike,
      },
      { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
    );
    return { items: rows.map(presentSeeker), total };
  }

  /** The registered seekers as .xlsx through the core export kit: masked, with the filters named, audited. */
  async exportList(ctx: RequestContext, q: z.output<typeof SeekerExportQuery>): Promise<ExportDownload> {
    const scope = scopeFor(requireActor(ctx), 'jobs:read');
    const f = {
      q: q.q,
      status: q.status,
      consented: q.consented === undefined ? undefined : q.consented === 'true',
      ilike: this.core.dialect.ilike,
    };
    const db = this.db;
    const total = (await repo.listSeekers(db, scope, f, { limit: 1, offset: 0 })).total;
    const rows = (async function* () {
      for (let offset = 0; offset < total; offset += 1000) {
        const page = await repo.listSeekers(db, scope, f, { limit: 1000, offset });
        for (const r of page.rows) {
          const s = presentSeeker(r);
          yield {
            name: s.name,
            gender: s.gender === 'male' ? '男' : s.gender === 'female' ? '女' : '',
            birthYear: s.birthYear,
            phone: s.phoneMasked,
            status: SEEKER_STATUS_LABEL[s.status],
            education: s.education,
            school: s.school,
            major: s.major,
            graduationYear: s.graduationYear,
            categories: s.categories.join('、'),
            districts: s.districts.join('、'),
            salary: s.salaryMin != null || s.salaryMax != null ? `${s.salaryMin ?? ''}–${s.salaryMax ?? ''}` : '',
            consent: s.consented ? '已同意' : '未同意',
            at: displayTime(s.createdAt),
          };
        }
        if (page.rows.length === 0) break;
      }
    })();
    return openExport(
      this.core,
      ctx,
      {
        title: '求职者登记表',
        filters: [
          q.q ? `关键词：${q.q}` : '',
          q.status ? `求职状态：${SEEKER_STATUS_LABEL[q.status]}` : '',
          q.consented ? (q.consented === 'true' ? '已同意提供信息' : '未同意提供信息') : '',
        ]
          .filter(Boolean)
          .join('；'),
        columns: [
          { header: '姓名', key: 'name', width: 10 },
          { header: '性别', key: 'gender', width: 6 },
          { header: '出生年份', key: 'birthYear', width: 8 },
          { header: '手机号码', key: 'phone', width: 14 },
          { header: '求职状态', key: 'status', width: 12 },
          { header: '学历', key: 'education', width: 8 },
          { header: '学校', key: 'school', width: 20 },
          { header: '专业', key: 'major', width: 16 },
          { header: '毕业年份', key: 'graduationYear', width: 8 },
          { header: '意向岗位类别', key: 'categories', width: 20 },
          { header: '意向区域', key: 'districts', width: 16 },
          { header: '期望月薪（元）', key: 'salary', width: 14 },
          { header: '信息提供', key: 'consent', width: 8 },
          { header: '登记时间（北京时间）', key: 'at', width: 20 },
        ],
        rows,
      },
      { action: 'jobs.seekers_export', targetType: 'jobs_seeker', detail: { filters: q, rows: total } },
    );
  }

  private async seekerFor(exec: Executor, ctx: RequestContext, id: string, permission: 'jobs:read' | 'jobs:manage') {
    const row = await repo.seekerInScope(exec, scopeFor(requireActor(ctx), permission), id);
    if (!row) throw notFound('求职者');
    return row;
  }

  async get(ctx: RequestContext, id: string) {
    const row = await this.seekerFor(this.db, ctx, id, 'jobs:read');
    return { ...presentSeeker(row), resume: await this.resumeOf(row.id) };
  }

  /** The seeker's full phone for a placement officer who calls them; audited. */
  async revealPhone(ctx: RequestContext, id: string) {
    return this.db.transaction().execute(async (trx) => {
      const row = await this.seekerFor(trx, ctx, id, 'jobs:manage');
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'jobs.seeker_reveal',
        targetType: 'jobs_seeker',
        targetId: id,
        detail: { field: 'phone' },
      });
      return { field: 'phone' as const, value: row.phone_enc ? decryptField(this.core.keys.field, row.phone_enc) : null };
    });
  }

  private async resumeOf(seekerId: string) {
    const files = await this.core.files.listFor(this.db, RESUME_OWNER, seekerId);
    return files.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id))[0] ?? null;
  }

  /** the seeker's latest resume for whoever may read it (an interviewer's page), else null */
  async resumeFor(ctx: RequestContext, seekerId: string) {
    return (await this.mayReadResume(ctx, seekerId)) ? this.resumeOf(seekerId) : null;
  }

  /**
   * Who may download a seeker's resume: the seeker, staff over their subdistrict, and an employer
   * the seeker applied to while their consent stands.
   */
  async mayReadResume(ctx: RequestContext, seekerId: string): Promise<boolean> {
    const actor = ctx.actor;
    if (!actor) return false;
    const row = await repo.seekerById(this.db, seekerId);
    if (!row) return false;
    if (row.account_id === actor.accountId) return true;
    const scope = scopeFor(actor, 'jobs:read');
    if (scope.subdistrictIds.includes(row.subdistrict_id)) return true;
    return (await repo.listApplications(this.db, scope, { seekerId })).length > 0;
  }

  /** The seeker's own resume: PDF only, judged by its content, at most 5 MB. */
  async uploadResume(ctx: RequestContext, file: { filename: string; file: Readable }) {
    const seeker = await this.mine(this.db, ctx).catch((err) => {
      file.file.resume();
      throw err;
    });
    const info = await this.core.files.store(ctx, file.file, {
      name: file.filename,
      allowed: ['pdf'],
      maxBytes: RESUME_MAX_BYTES,
      owner: { type: RESUME_OWNER, id: seeker.id },
      subdistrictId: seeker.subdistrict_id,
    });
    await this.core.audit.record(this.db, auditActor(ctx), {
      action: 'jobs.resume_upload',
      targetType: 'jobs_seeker',
      targetId: seeker.id,
      detail: { after: { file: info.id, size: info.size } },
    });
    return this.me(ctx);
  }

  /** Staff register someone who phoned in: found again by ID number (core people), then by phone. */
  async register(ctx: RequestContext, input: z.output<typeof SeekerRegister>) {
    const actor = requireActor(ctx);
    if (!scopeFor(actor, 'jobs:manage').subdistrictIds.includes(actor.subdistrictId)) {
      throw forbidden('只有街道就业服务人员可以代为登记求职者');
    }
    const id = await this.db.transaction().execute(async (trx) => {
      const person = await this.people.upsertByIdNumber(
        trx,
        ctx,
        { name: input.name, idNumber: input.idNumber, phone: input.phone, gender: input.gender ?? undefined },
        { source: 'jobs', permission: 'jobs:manage' },
      );
      const phone = this.phoneColumns(input.phone);
      const existing =
        (await repo.seekerByPerson(trx, actor.subdistrictId, person.personId)) ??
        (await repo.seekerByPhone(trx, actor.subdistrictId, phone.phone_hash));
      const now = nowIso();
      let seekerId: string;
      if (existing) {
        if (existing.person_id && existing.person_id !== person.personId) {
          throw invalidField('phone', '该手机号已由另一位求职者登记，请核对');
        }
        seekerId = existing.id;
        await repo.updateSeeker(trx, existing.id, { ...this.profileColumns(input), ...phone, person_id: person.personId, updated_at: now });
      } else {
        seekerId = uuidv7();
        await repo.insertSeeker(trx, {
          id: seekerId,
          subdistrict_id: actor.subdistrictId,
          person_id: person.personId,
          account_id: null,
          ...phone,
          ...this.profileColumns(input),
          consented: 0,
          consented_at: null,
          registered_by: 'staff',
          created_by: actor.system ? null : actor.accountId,
          created_at: now,
          updated_at: now,
        });
      }
      await this.core.audit.record(trx, auditActor(ctx), {
        action: existing ? 'jobs.seeker_update' : 'jobs.seeker_register',
        targetType: 'jobs_seeker',
        targetId: seekerId,
        detail: { after: { status: input.status, education: input.education, by: 'staff' } },
      });
      if (input.consent) await this.giveConsent(trx, ctx, seekerId, actor.subdistrictId, CONSENT_WORDING, null);
      return seekerId;
    });
    return this.get(ctx, id);
  }

  private async giveConsent(
    trx: Executor,
    ctx: RequestContext,
    seekerId: string,
    subdistrictId: string,
    wording: string,
    fairId: string | null,
  ) {
    const now = nowIso();
    await repo.withdrawConsents(trx, seekerId, now);
    await repo.insertConsent(trx, {
      id: uuidv7(),
      subdistrict_id: subdistrictId,
      seeker_id: seekerId,
      fair_id: fairId,
      wording,
      given_at: now,
      given_by: ctx.actor?.system ? null : (ctx.actor?.accountId ?? null),
      withdrawn_at: null,
    });
    await repo.updateSeeker(trx, seekerId, { consented: 1, consented_at: now, updated_at: now });
    await this.core.audit.record(trx, auditActor(ctx), { action: 'jobs.consent_give', targetType: 'jobs_seeker', targetId: seekerId });
  }

  private async withdrawConsent(trx: Executor, ctx: RequestContext, seekerId: string) {
    const now = nowIso();
    await repo.withdrawConsents(trx, seekerId, now);
    await repo.updateSeeker(trx, seekerId, { consented: 0, consented_at: null, updated_at: now });
    await this.core.audit.record(trx, auditActor(ctx), { action: 'jobs.consent_withdraw', targetType: 'jobs_seeker', targetId: seekerId });
  }

  /** positions for a seeker, staff's view */
  async recommendationsFor(ctx: RequestContext, seekerId: string, top: number) {
    return this.recommend(await this.seekerFor(this.db, ctx, seekerId, 'jobs:read'), top);
  }

  private async recommend(seeker: JobsSeekersTable, top: number) {
    const sd = seeker.subdistrict_id;
    const matches = await this.matchers.topFor(
      sd,
      seeker,
      top,
      () => repo.positionsFingerprint(this.db, sd),
      () => repo.openPositions(this.db, sd),
    );
    const applied = await repo.appliedPositionIds(this.db, seeker.id);
    const byId = new Map(
      (
        await repo.positionsByIds(
          this.db,
          matches.map((m) => m.position),
        )
      ).map((p) => [p.id, p]),
    );
    return matches
      .filter((m) => byId.has(m.position))
      .map((m) => ({
        position: presentPosition(byId.get(m.position) as repo.PositionRow),
        score: round(m.score),
        reasons: m.reasons,
        applied: applied.has(m.position),
      }));
  }

  /** consenting seekers for a position, for its employer or staff */
  async seekersForPosition(ctx: RequestContext, positionId: string, top: number) {
    const position = await repo.positionInScope(this.db, scopeFor(requireActor(ctx), 'jobs:read'), positionId);
    if (!position) throw notFound('岗位');
    const seekers = await repo.consentingSeekers(this.db, position.subdistrict_id);
    const byId = new Map(seekers.map((s) => [s.id, s]));
    return seekersFor(position, seekers, top).map((m) => ({
      seeker: presentSeeker(byId.get(m.seeker) as JobsSeekersTable),
      score: round(m.score),
      reasons: m.reasons,
    }));
  }

  async applyFor(ctx: RequestContext, seekerId: string, body: z.output<typeof ApplyBody>) {
    const seeker = await this.seekerFor(this.db, ctx, seekerId, 'jobs:manage');
    const id = await this.apply(ctx, seeker, body, 'staff');
    return this.application(ctx, id);
  }

  /**
   * One application per seeker and position; a repeated submit (same client key) counts once, and
   * applying again after withdrawing reopens the same application.
   */
  private async apply(ctx: RequestContext, seeker: JobsSeekersTable, body: z.output<typeof ApplyBody>, by: 'self' | 'staff') {
    return this.db.transaction().execute(async (trx) => {
      const same = await repo.applicationByKey(trx, seeker.subdistrict_id, body.clientKey);
      if (same) {
        if (same.seeker_id !== seeker.id || same.position_id !== body.positionId) throw conflict('请求标识已被使用，请刷新后重试');
        return same.id;
      }
      const position = await trx
        .selectFrom('jobs_positions')
        .select(['id', 'employer_id', 'open', 'title'])
        .where('id', '=', body.positionId)
        .where('subdistrict_id', '=', seeker.subdistrict_id)
        .executeTakeFirst();
      if (!position) throw invalidField('positionId', '岗位不存在');
      if (position.open !== 1) throw invalidField('positionId', `岗位「${position.title}」已停止招聘`);
      const now = nowIso();
      const pair = await repo.applicationByPair(trx, seeker.id, position.id);
      if (pair) {
        if (pair.status !== 'withdrawn') return pair.id;
        await repo.reopenApplication(trx, pair.id, {
          status: 'submitted',
          client_key: body.clientKey,
          created_by_kind: by,
          updated_at: now,
        });
        await this.auditApply(trx, ctx, pair.id, position.id, by);
        return pair.id;
      }
      const id = uuidv7();
      const inserted = await repo.insertApplication(trx, {
        id,
        subdistrict_id: seeker.subdistrict_id,
        seeker_id: seeker.id,
        position_id: position.id,
        employer_id: position.employer_id,
        status: 'submitted',
        created_by_kind: by,
        created_by: ctx.actor?.system ? null : (ctx.actor?.accountId ?? null),
        client_key: body.clientKey,
        created_at: now,
        updated_at: now,
      });
      if (!inserted) {
        // a concurrent submit of the same key or pair won: answer with its application
        const won =
          (await repo.applicationByKey(trx, seeker.subdistrict_id, body.clientKey)) ??
          (await repo.applicationByPair(trx, seeker.id, position.id));
        if (!won) throw conflict('投递未能保存，请重试');
        return won.id;
      }
      await this.auditApply(trx, ctx, id, position.id, by);
      return id;
    });
  }

  private auditApply(trx: Executor, ctx: RequestContext, id: string, positionId: string, by: string) {
    return this.core.audit.record(trx, auditActor(ctx), {
      action: 'jobs.apply',
      targetType: 'jobs_application',
      targetId: id,
      detail: { after: { positionId, by } },
    });
  }

  /** applications the actor may see, each scored against its position, best first */
  async applications(ctx: RequestContext, q: z.output<typeof ApplicationQuery>) {
    const scope = scopeFor(requireActor(ctx), 'jobs:read');
    const rows = await repo.listApplications(this.db, scope, { positionId: q.positionId, employerId: q.employerId, status: q.status });
    return this.ranked(rows);
  }

  private async ranked(rows: repo.ApplicationRow[]) {
    if (rows.length === 0) return [];
    const positionIds = [...new Set(rows.map((r) => r.position_id))];
    const seekerIds = [...new Set(rows.map((r) => r.seeker_id))];
    const positions = await this.db
      .selectFrom('jobs_positions as p')
      .innerJoin('jobs_employers as e', 'e.id', 'p.employer_id')
      .selectAll('p')
      .select(['e.name as employer_name'])
      .where('p.id', 'in', positionIds)
      .execute();
    const seekers = await this.db.selectFrom('jobs_seekers').selectAll().where('id', 'in', seekerIds).execute();
    const seekerMap = new Map(seekers.map((s) => [s.id, s]));
    const scores = scoreApplications(rows, new Map(positions.map((p) => [p.id, { ...p, applicant_count: 0 }])), seekerMap);
    return rows
      .map((r) => presentApplication(r, { ...scores.get(r.id), seeker: seekerMap.get(r.seeker_id) ?? null }))
      .sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.createdAt.localeCompare(b.createdAt));
  }

  async application(ctx: RequestContext, id: string) {
    const row = await repo.applicationInScope(this.db, scopeFor(requireActor(ctx), 'jobs:read'), id);
    if (!row) throw notFound('投递');
    return (await this.ranked([row]))[0] as ReturnType<typeof presentApplication>;
  }

  /** the employer or staff marks an application viewed, invited to interview, or not suitable */
  async moveApplication(ctx: RequestContext, id: string, to: ApplicationStatus) {
    await this.db.transaction().execute(async (trx) => {
      const row = await repo.applicationInScope(trx, scopeFor(requireActor(ctx), 'jobs:manage'), id);
      if (!row) throw notFound('投递');
      if (row.status === 'withdrawn') throw conflict('求职者已撤回该投递');
      if (row.status === to) return;
      if (!(await repo.moveApplication(trx, id, row.status, to, nowIso()))) throw conflict('该投递刚被他人更新，请刷新后重试');
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'jobs.application_status',
        targetType: 'jobs_application',
        targetId: id,
        detail: { before: { status: row.status }, after: { status: to } },
      });
    });
    return this.application(ctx, id);
  }

  async stats(ctx: RequestContext) {
    const scope = scopeFor(requireActor(ctx), 'jobs:read');
    const seekers = await repo.allSeekers(this.db, scope);
    const positions = await repo.positionsForStats(this.db, scope);
    const s = jobsStatistics(
      seekers.map((r) => ({
        status: r.status,
        education: r.education,
        categories: parseList(r.categories),
        salaryMin: r.salary_min,
        salaryMax: r.salary_max,
      })),
      positions.map((p) => ({ category: p.category, salaryMin: p.salary_min, salaryMax: p.salary_max })),
    );
    return {
      seekers: seekers.length,
      consenting: seekers.filter((r) => r.consented === 1).length,
      positions: positions.length,
      applications: await repo.countApplications(this.db, scope),
      ...s,
    };
  }

  // ---- the seeker themselves (signed in by SMS code)
  /** the signed-in seeker's account (a resident; the route asks for resident:self) */
  private resident(ctx: RequestContext): Actor {
    return requireActor(ctx);
  }

  private async mine(exec: Executor, ctx: RequestContext) {
    const row = await repo.seekerOfAccount(exec, this.resident(ctx).accountId);
    if (!row) throw notFound('求职信息');
    return row;
  }

  async me(ctx: RequestContext) {
    const row = await repo.seekerOfAccount(this.db, this.resident(ctx).accountId);
    return { seeker: row ? { ...presentSeeker(row), resume: await this.resumeOf(row.id) } : null, consentWording: CONSENT_WORDING };
  }

  /** The seeker's own profile: the first save registers them, found again by the phone they signed in with. */
  async saveMe(ctx: RequestContext, input: Profile & { phone: string }) {
    const actor = this.resident(ctx);
    await this.db.transaction().execute(async (trx) => {
      const phone = this.phoneColumns(input.phone);
      const own = await repo.accountPhoneHash(trx, actor.accountId);
      if (own !== phone.phone_hash) throw invalidField('phone', '手机号须为您登录时使用的号码');
      const now = nowIso();
      const mine = await repo.seekerOfAccount(trx, actor.accountId);
      const byPhone = mine ?? (await repo.seekerByPhone(trx, actor.subdistrictId, phone.phone_hash));
      if (byPhone) {
        await repo.updateSeeker(trx, byPhone.id, { ...this.profileColumns(input), ...phone, account_id: actor.accountId, updated_at: now });
        await this.core.audit.record(trx, auditActor(ctx), {
          action: 'jobs.seeker_update',
          targetType: 'jobs_seeker',
          targetId: byPhone.id,
        });
        return;
      }
      const person = await repo.personByPhone(trx, actor.subdistrictId, phone.phone_hash);
      const id = uuidv7();
      await repo.insertSeeker(trx, {
        id,
        subdistrict_id: actor.subdistrictId,
        person_id: person?.id ?? null,
        account_id: actor.accountId,
        ...phone,
        ...this.profileColumns(input),
        consented: 0,
        consented_at: null,
        registered_by: 'self',
        created_by: actor.accountId,
        created_at: now,
        updated_at: now,
      });
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'jobs.seeker_register',
        targetType: 'jobs_seeker',
        targetId: id,
        detail: { after: { status: input.status, education: input.education, by: 'self' } },
      });
    });
    return this.me(ctx);
  }

  async consentMe(ctx: RequestContext, wording: string, fairId: string | null) {
    if (wording !== CONSENT_WORDING) throw invalidField('wording', '同意书内容已更新，请刷新页面后重新阅读并同意');
    await this.db.transaction().execute(async (trx) => {
      const row = await repo.seekerOfAccount(trx, this.resident(ctx).accountId);
      if (!row) throw invalidField('wording', NO_SEEKER);
      await this.giveConsent(trx, ctx, row.id, row.subdistrict_id, wording, fairId);
    });
    return this.me(ctx);
  }

  /** withdrawal hides the profile from every employer at once (their queries require a standing consent) */
  async withdrawMe(ctx: RequestContext) {
    await this.db.transaction().execute(async (trx) => {
      const row = await this.mine(trx, ctx);
      await this.withdrawConsent(trx, ctx, row.id);
    });
    return this.me(ctx);
  }

  async myRecommendations(ctx: RequestContext, top: number) {
    return this.recommend(await this.mine(this.db, ctx), top);
  }

  async applyMe(ctx: RequestContext, body: z.output<typeof ApplyBody>) {
    const seeker = await repo.seekerOfAccount(this.db, this.resident(ctx).accountId);
    if (!seeker) throw invalidField('positionId', NO_SEEKER);
    await this.apply(ctx, seeker, body, 'self');
    return this.myApplications(ctx);
  }

  async myApplications(ctx: RequestContext) {
    const seeker = await repo.seekerOfAccount(this.db, this.resident(ctx).accountId);
    if (!seeker) return [];
    const rows = await repo.applicationsOfSeeker(this.db, seeker.id);
    return rows.map((r) => presentApplication(r));
  }

  async withdrawMine(ctx: RequestContext, id: string) {
    await this.db.transaction().execute(async (trx) => {
      const seeker = await this.mine(trx, ctx);
      const row = (await repo.applicationsOfSeeker(trx, seeker.id)).find((a) => a.id === id);
      if (!row) throw notFound('投递');
      if (row.status === 'withdrawn') return;
      if (!(await repo.moveApplication(trx, id, row.status, 'withdrawn', nowIso()))) throw conflict('该投递刚被更新，请刷新后重试');
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'jobs.application_withdraw',
        targetType: 'jobs_application',
        targetId: id,
        detail: { before: { status: row.status, label: APPLICATION_STATUS_LABEL[row.status as ApplicationStatus] ?? row.status } },
      });
    });
    return this.myApplications(ctx);
  }
}
