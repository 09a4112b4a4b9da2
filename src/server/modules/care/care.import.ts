import { z } from 'zod';
import type { ImportKind } from '../../core/excel/import-kind';
import { parsePhone } from '../../core/people/people.domain';
import { checkPerson, PERSON_COLUMNS, PERSON_FIELD_COLUMN, personFields, toPersonInput } from '../../core/people/people.import';
import type { PeopleService, SealedAhead } from '../../core/people/people.service';
import * as repo from './beneficiaries.repository';
import type { BeneficiariesService } from './beneficiaries.service';
import { DEFAULT_CATEGORIES, LIVING_SITUATIONS, PRIORITY_REASONS } from './domain/catalogue';
import { splitReasons } from './domain/priority';

/**
 * `beneficiaries`: the 优抚对象 roll as the office keeps it in Excel. Headers, in order:
 * 姓名, 性别, 身份证号, 手机号码, 备用电话, 居民区, 路名, 弄, 号, 室, 优抚类别, 居住状况,
 * 重点关注原因, 紧急联系人, 紧急联系人电话, 备注.
 */
export function beneficiariesImportKind(people: PeopleService, beneficiaries: BeneficiariesService) {
  const rowSchema = (env: Parameters<ImportKind['rowSchema']>[0]) =>
    z
      .object({
        ...personFields(env),
        category: z.string({ error: '请填写优抚类别' }).max(30, '优抚类别不能超过 30 个字'),
        livingSituation: z.enum(LIVING_SITUATIONS, { error: `居住状况只能填：${LIVING_SITUATIONS.join('、')}` }).optional(),
        reasons: z
          .string()
          .transform((v, ctx) => {
            const reasons = splitReasons(v);
            const long = reasons.find((r) => r.length > 20);
            if (long) ctx.addIssue({ code: 'custom', message: `重点关注原因「${long}」过长，多个原因请用「、」分隔` });
            return reasons;
          })
          .optional(),
        emergencyName: z.string().max(40, '紧急联系人不能超过 40 个字').optional(),
        emergencyPhone: z
          .string()
          .transform((v, ctx) => {
            const r = parsePhone(v, '紧急联系人电话');
            if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
            return r.ok ? r.value : '';
          })
          .optional(),
        note: z.string().max(500, '备注不能超过 500 个字').optional(),
      })
      .superRefine(checkPerson);
  type Row = z.output<ReturnType<typeof rowSchema>>;

  const kind: ImportKind<Row, SealedAhead> = {
    kind: 'beneficiaries',
    label: '优抚对象',
    permission: 'care:manage',
    columns: [
      ...PERSON_COLUMNS,
      { key: 'category', header: '优抚类别', required: true, options: DEFAULT_CATEGORIES, example: '复员军人', width: 18 },
      { key: 'livingSituation', header: '居住状况', options: LIVING_SITUATIONS, example: '独居', width: 12 },
      {
        key: 'reasons',
        header: '重点关注原因',
        example: '慢性病、行动不便',
        hint: `多个原因用「、」或「，」分隔，如：${PRIORITY_REASONS.slice(2, 6).join('、')}`,
        width: 20,
      },
      { key: 'emergencyName', header: '紧急联系人', example: '江小平', width: 12 },
      { key: 'emergencyPhone', header: '紧急联系人电话', example: '13900139000', width: 16, sensitive: 'phone' },
      { key: 'note', header: '备注', example: '', width: 24 },
    ],
    rowSchema,
    duplicateKey: { key: 'idNumber', of: (r) => r.idNumber.value, message: (first) => `身份证号与第 ${first} 行重复` },
    prepare: (rows) => people.sealAhead(rows.map((r) => toPersonInput(r.data))),
    async commit(trx, rows, cc, ahead) {
      const counts = { created: 0, updated: 0, unchanged: 0 };
      const errors: { row: number; key: string; message: string }[] = [];
      await beneficiaries.seedCategories(trx, cc.env.subdistrictId);
      const categories = await repo.categories(trx, cc.env.subdistrictId);
      const persons = await people.upsertMany(
        trx,
        cc.ctx,
        rows.map((r) => toPersonInput(r.data)),
        { source: cc.source, permission: 'care:manage', ahead },
      );
      for (const [i, { row, data }] of rows.entries()) {
        const p = persons[i];
        if (!p?.ok) {
          errors.push({ row, key: p ? PERSON_FIELD_COLUMN[p.field] : 'idNumber', message: p?.message ?? '无法写入' });
          continue;
        }
        const category = categories.find((c) => c.name === data.category);
        if (!category) {
          errors.push({
            row,
            key: 'category',
            message: `优抚类别「${data.category}」不存在（可填：${categories.map((c) => c.name).join('、')}）`,
          });
          continue;
        }
        const r = await beneficiaries.upsertBeneficiary(
          trx,
          cc.ctx,
          p.personId,
          data.neighborhood,
          {
            categoryId: category.id,
            livingSituation: data.livingSituation ?? null,
            priorityReasons: data.reasons ?? [],
            emergencyName: data.emergencyName ?? null,
            emergencyPhone: data.emergencyPhone || null,
            note: data.note ?? null,
          },
          'merge',
        );
        const outcome =
          r.outcome === 'created' ? 'created' : r.outcome === 'updated' || p.outcome !== 'unchanged' ? 'updated' : 'unchanged';
        counts[outcome]++;
      }
      return { ...counts, errors };
    },
  };
  return kind;
}
