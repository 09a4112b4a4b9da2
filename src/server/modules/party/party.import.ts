import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { DONATION_KINDS, MEMBER_STATUS_LABELS, type MemberStatusCode, PAY_METHODS } from '../../../contracts/party.vocab';
import { nowIso } from '../../core/context';
import { lookupHash } from '../../core/crypto/fields';
import type { CommitRowError, ImportKind } from '../../core/excel/import-kind';
import { parseIdNumber } from '../../core/people/id-number';
import { checkPerson, PERSON_COLUMNS, PERSON_FIELD_COLUMN, parseDate, personFields, toPersonInput } from '../../core/people/people.import';
import type { PeopleService, SealedAhead } from '../../core/people/people.service';
import { yuanToFen } from './domain/money';
import type { DonationsService } from './donations.service';
import type { OrgsService } from './orgs.service';
import * as repo from './party.repository';

const STATUS_BY_LABEL = Object.fromEntries(Object.entries(MEMBER_STATUS_LABELS).map(([k, v]) => [v, k])) as Record<
  string,
  MemberStatusCode
>;
const col = (key: string) => PERSON_COLUMNS.find((c) => c.key === key) as (typeof PERSON_COLUMNS)[number];

const dateField = (label: string) =>
  z.string({ error: `请填写${label}` }).transform((v, ctx) => {
    const d = parseDate(v);
    if (!d) {
      ctx.addIssue({ code: 'custom', message: `${label}「${v}」不是有效的日期，应如 2020-03-01` });
      return z.NEVER;
    }
    return d;
  });

/**
 * `party-members`: the branch rolls as the office keeps them. Headers, in order:
 * 姓名, 性别, 身份证号, 手机号码, 居民区, 支部, 类别, 入党日期, 备注. 居民区 names the general
 * branch; 支部 must be a branch of it that exists.
 */
export function membersImportKind(people: PeopleService, orgs: OrgsService) {
  const rowSchema = (env: Parameters<ImportKind['rowSchema']>[0]) => {
    const pf = personFields(env);
    return z
      .object({
        name: pf.name,
        gender: pf.gender,
        idNumber: pf.idNumber,
        phone: pf.phone,
        neighborhood: pf.neighborhood,
        branch: z.string({ error: '请填写支部' }).max(20, '支部名称不能超过 20 个字'),
        status: z.string({ error: '请填写类别' }).transform((v, ctx) => {
          const s = STATUS_BY_LABEL[v];
          if (!s) {
            ctx.addIssue({ code: 'custom', message: `类别「${v}」只能填：正式党员、预备党员、入党积极分子` });
            return z.NEVER;
          }
          return s;
        }),
        joinedOn: dateField('入党日期').optional(),
        note: z.string().max(200, '备注不能超过 200 个字').optional(),
      })
      .superRefine((row, ctx) => checkPerson(row as Parameters<typeof checkPerson>[0], ctx));
  };
  type Row = z.output<ReturnType<typeof rowSchema>>;
  const kind: ImportKind<Row, SealedAhead> = {
    kind: 'party-members',
    label: '党员名册',
    permission: 'party:manage',
    columns: [
      col('name'),
      col('gender'),
      col('idNumber'),
      col('phone'),
      { ...col('neighborhood'), hint: '党总支所在的居民区' },
      { key: 'branch', header: '支部', required: true, example: '一支部', hint: '该居民区党总支下已设立的支部', width: 10 },
      { key: 'status', header: '类别', required: true, options: Object.values(MEMBER_STATUS_LABELS), example: '正式党员', width: 14 },
      { key: 'joinedOn', header: '入党日期', example: '1985-07-01', hint: '入党积极分子可填确定为积极分子的日期', width: 12 },
      { key: 'note', header: '备注', example: '', width: 24 },
    ],
    rowSchema,
    duplicateKey: { key: 'idNumber', of: (r) => r.idNumber.value, message: (first) => `身份证号与第 ${first} 行重复` },
    prepare: (rows, cc) =>
      people.sealAhead(
        rows.map((r) => toPersonInput(r.data as Parameters<typeof toPersonInput>[0])),
        { dryRun: cc.dryRun },
      ),
    async commit(trx, rows, cc, ahead) {
      const counts = { created: 0, updated: 0, unchanged: 0 };
      const errors: CommitRowError[] = [];
      const idx = await orgs.ensureStructure(trx, cc.env.subdistrictId);
      const branchOf = (neighborhoodId: string, name: string) => {
        const gb = idx.all.find((o) => o.level === 'general_branch' && o.neighborhood_id === neighborhoodId);
        return { gb, branch: idx.all.find((o) => o.level === 'branch' && o.parent_id === gb?.id && o.name === name) };
      };
      // a branch that does not exist: refused before anyone is written
      const good = rows.filter(({ row, data }) => {
        const { gb, branch } = branchOf(data.neighborhood, data.branch);
        if (branch) return true;
        const have = idx.all.filter((o) => o.parent_id === gb?.id).map((o) => o.name);
        errors.push({
          row,
          key: 'branch',
          message: `${gb?.name ?? ''}党总支下没有「${data.branch}」${have.length ? `（现有：${have.join('、')}）` : '（尚未设立支部）'}`,
        });
        return false;
      });
      if (errors.length > 0) return { ...counts, errors };
      const persons = await people.upsertMany(
        trx,
        cc.ctx,
        good.map((r) => toPersonInput(r.data as Parameters<typeof toPersonInput>[0])),
        { source: cc.source, permission: 'party:manage', dryRun: cc.dryRun, ahead },
      );
      for (const [i, { row, data }] of good.entries()) {
        const p = persons[i];
        if (!p?.ok) {
          errors.push({ row, key: p ? (PERSON_FIELD_COLUMN[p.field] ?? 'idNumber') : 'idNumber', message: p?.message ?? '无法写入' });
          continue;
        }
        if (cc.dryRun && p.outcome === 'created') {
          counts.created++;
          continue;
        }
        const { branch } = branchOf(data.neighborhood, data.branch);
        const r = await orgs.upsertMember(trx, cc.ctx, idx, p.personId, {
          branchId: branch?.id as string,
          status: data.status,
          joinedOn: data.joinedOn ?? undefined,
          note: data.note ?? undefined,
        });
        counts[r.outcome === 'unchanged' && p.outcome !== 'unchanged' ? 'updated' : r.outcome]++;
      }
      return { ...counts, errors };
    },
  };
  return kind;
}

/**
 * `party-donations`: 活动名称, 姓名, 身份证号, 金额（元）, 方式, 日期, 收据号, 备注. The giver is
 * found by ID number among the members; an unknown campaign title creates the campaign over every
 * branch of the subdistrict; the same receipt twice is the same gift.
 */
export function donationsImportKind(orgs: OrgsService, donations: DonationsService) {
  const rowSchema = (env: Parameters<ImportKind['rowSchema']>[0]) =>
    z.object({
      campaign: z.string({ error: '请填写活动名称' }).max(60, '活动名称不能超过 60 个字'),
      name: z.string({ error: '请填写姓名' }).max(40, '姓名不能超过 40 个字'),
      idNumber: z.string({ error: '请填写身份证号' }).transform((v, ctx) => {
        const r = parseIdNumber(v, env.today);
        if (!r.ok) {
          ctx.addIssue({ code: 'custom', message: r.message });
          return z.NEVER;
        }
        return r.info.value;
      }),
      amount: z.string({ error: '请填写金额（元）' }).transform((v, ctx) => {
        const r = yuanToFen(v);
        if (!r.ok) {
          ctx.addIssue({ code: 'custom', message: r.message });
          return z.NEVER;
        }
        return r.fen;
      }),
      method: z.string().max(20, '方式不能超过 20 个字').optional(),
      givenOn: dateField('日期').refine((d) => d <= env.today, '日期不能晚于今天'),
      receiptNo: z.string().max(40, '收据号不能超过 40 个字').optional(),
      note: z.string().max(200, '备注不能超过 200 个字').optional(),
    });
  type Row = z.output<ReturnType<typeof rowSchema>>;
  const kind: ImportKind<Row> = {
    kind: 'party-donations',
    label: '捐款记录',
    permission: 'party:manage',
    columns: [
      {
        key: 'campaign',
        header: '活动名称',
        required: true,
        example: '抗疫捐款',
        hint: '新的活动名称会新建活动，覆盖街道所有支部',
        width: 18,
      },
      { key: 'name', header: '姓名', required: true, example: '江平', width: 12 },
      { ...col('idNumber'), hint: '须是已登记的党员或入党积极分子' },
      { key: 'amount', header: '金额（元）', required: true, example: '200', hint: '最多两位小数', width: 12 },
      { key: 'method', header: '方式', options: PAY_METHODS, example: '微信', width: 10 },
      { key: 'givenOn', header: '日期', required: true, example: '2020-02-20', width: 12 },
      { key: 'receiptNo', header: '收据号', example: 'KY-0001', hint: '同一活动中收据号相同视为同一笔捐款', width: 14 },
      { key: 'note', header: '备注', example: '', width: 24 },
    ],
    rowSchema,
    async commit(trx, rows, cc) {
      const counts = { created: 0, updated: 0, unchanged: 0 };
      const errors: CommitRowError[] = [];
      const idx = await orgs.ensureStructure(trx, cc.env.subdistrictId);
      const hashes = rows.map((r) => lookupHash(orgs.core.keys.lookup, r.data.idNumber));
      const persons = await repo.personsByIdHash(trx, cc.env.subdistrictId, hashes);
      const campaigns = new Map<string, { c: Awaited<ReturnType<typeof repo.campaignByName>>; branchIds: string[] }>();
      for (const [i, { row, data }] of rows.entries()) {
        const person = persons.find((p) => p.id_hash === hashes[i]);
        const member = person ? await repo.memberByPerson(trx, cc.env.subdistrictId, person.id) : undefined;
        if (!person || !member) {
          errors.push({ row, key: 'idNumber', message: `身份证号对应的人不是登记在册的党员或入党积极分子（${data.name}）` });
          continue;
        }
        if (person.name !== data.name) {
          errors.push({ row, key: 'name', message: `姓名「${data.name}」与身份证号登记的姓名不符` });
          continue;
        }
        let entry = campaigns.get(data.campaign);
        if (!entry) {
          let c = await repo.campaignByName(trx, cc.env.subdistrictId, data.campaign);
          if (!c) {
            c = {
              id: uuidv7(),
              subdistrict_id: cc.env.subdistrictId,
              name: data.campaign,
              kind: data.campaign.includes('党费') ? DONATION_KINDS[1] : DONATION_KINDS[0],
              starts_on: data.givenOn,
              ends_on: null,
              created_at: nowIso(),
            };
            await repo.insertCampaign(
              trx,
              c,
              idx.all.filter((o) => o.level === 'branch').map((b) => ({ branch_id: b.id, neighborhood_id: b.neighborhood_id as string })),
            );
          }
          const branchIds = (await repo.branchLinks(trx, 'party_campaign_branches', 'campaign_id', [c.id])).map((l) => l.branch_id);
          entry = { c, branchIds };
          campaigns.set(data.campaign, entry);
        }
        try {
          const r = await donations.writeDonation(trx, cc.ctx, idx, {
            campaign: entry.c as NonNullable<typeof entry.c>,
            campaignBranchIds: entry.branchIds,
            member,
            amountFen: data.amount,
            givenOn: data.givenOn,
            method: data.method,
            receiptNo: data.receiptNo,
            note: data.note,
          });
          counts[r.outcome]++;
        } catch (err) {
          const e = err as { fields?: { path: string; message: string }[]; message: string };
          const path = e.fields?.[0]?.path;
          errors.push({ row, key: path === 'receiptNo' ? 'receiptNo' : 'idNumber', message: e.message });
        }
      }
      return { ...counts, errors };
    },
  };
  return kind;
}
