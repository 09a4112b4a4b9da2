import { z } from 'zod';
import { EDUCATIONS, JOB_DISTRICTS } from '../../../contracts/jobs.vocab';
import { scopeFor } from '../../core/access/actor';
import { requireActor } from '../../core/context';
import type { ImportEnv, ImportKind } from '../../core/excel/import-kind';
import * as repo from './jobs.repository';
import type { PositionsService } from './positions.service';

const int = (label: string, min: number, max: number) =>
  z
    .string()
    .transform((v, ctx) => {
      const n = Number(v.replace(/[,，\s元]/g, ''));
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `${label}须为 ${min}–${max} 之间的整数` });
        return z.NEVER;
      }
      return n;
    })
    .optional();

const rowSchema = (_env: ImportEnv) =>
  z
    .object({
      employer: z.string({ error: '请填写用人单位' }).max(80, '用人单位不能超过 80 个字'),
      title: z.string({ error: '请填写岗位名称' }).max(60, '岗位名称不能超过 60 个字'),
      category: z.string().max(40, '岗位类别不能超过 40 个字').optional(),
      industry: z.string().max(40, '行业不能超过 40 个字').optional(),
      district: z.string().max(20, '工作地点不能超过 20 个字').optional(),
      salaryMin: int('最低月薪', 0, 1_000_000),
      salaryMax: int('最高月薪', 0, 1_000_000),
      education: z.string().max(20, '学历要求不能超过 20 个字').optional(),
      majors: z
        .string()
        .transform((v) =>
          v
            .split(/[、，,;；\s]+/)
            .map((x) => x.trim())
            .filter(Boolean),
        )
        .optional(),
      experienceYears: int('工作年限', 0, 50),
      headcount: int('招聘人数', 1, 10_000),
      description: z.string().max(4000, '岗位描述不能超过 4000 个字').optional(),
      skills: z.string().max(1000, '技能要求不能超过 1000 个字').optional(),
    })
    .superRefine((v, ctx) => {
      if (v.salaryMin != null && v.salaryMax != null && v.salaryMin > v.salaryMax) {
        ctx.addIssue({ code: 'custom', path: ['salaryMax'], message: '最高月薪不能低于最低月薪' });
      }
    });
type Row = z.output<ReturnType<typeof rowSchema>>;

/**
 * `jobs-positions`: positions as employers send them in Excel. Headers: 用人单位, 岗位名称, 岗位类别,
 * 行业, 工作地点, 最低月薪, 最高月薪, 学历要求, 专业, 工作年限, 招聘人数, 岗位描述, 技能要求.
 * Staff may name a new employer (it is added); a partner only its own.
 */
export function positionsImportKind(positions: PositionsService): ImportKind<Row> {
  return {
    kind: 'jobs-positions',
    label: '招聘岗位',
    permission: 'jobs:manage',
    columns: [
      { key: 'employer', header: '用人单位', required: true, example: '上海东门信息科技有限公司', width: 26 },
      { key: 'title', header: '岗位名称', required: true, example: 'Java 开发工程师', width: 20 },
      { key: 'category', header: '岗位类别', example: '软件开发', width: 14 },
      { key: 'industry', header: '行业', example: '互联网', width: 12 },
      { key: 'district', header: '工作地点', options: JOB_DISTRICTS, example: '黄浦区', width: 12 },
      { key: 'salaryMin', header: '最低月薪', example: '8000', hint: '元/月，整数', width: 10 },
      { key: 'salaryMax', header: '最高月薪', example: '12000', hint: '元/月，整数', width: 10 },
      { key: 'education', header: '学历要求', options: ['不限', ...EDUCATIONS], example: '本科', width: 10 },
      { key: 'majors', header: '专业', example: '计算机科学与技术、软件工程', hint: '多个专业用「、」分隔', width: 24 },
      { key: 'experienceYears', header: '工作年限', example: '0', hint: '年，整数', width: 10 },
      { key: 'headcount', header: '招聘人数', example: '3', width: 10 },
      { key: 'description', header: '岗位描述', example: '参与公司业务系统的开发与维护', width: 30 },
      { key: 'skills', header: '技能要求', example: 'Java Spring MySQL', width: 24 },
    ],
    rowSchema,
    async commit(trx, rows, cc) {
      const actor = requireActor(cc.ctx);
      const scope = scopeFor(actor, 'jobs:manage');
      const staff = scope.subdistrictIds.includes(cc.env.subdistrictId);
      const known = new Map((await repo.listEmployers(trx, scope)).map((e) => [e.name, e.id]));
      const errors: { row: number; key: string; message: string }[] = [];
      let created = 0;
      for (const { row, data } of rows) {
        let employerId = known.get(data.employer);
        if (!employerId) {
          if (!staff) {
            errors.push({ row, key: 'employer', message: `用人单位「${data.employer}」不在您的管理范围内` });
            continue;
          }
          if (cc.dryRun) employerId = `new:${data.employer}`;
          else employerId = await positions.insertEmployer(trx, cc.ctx, cc.env.subdistrictId, { name: data.employer });
          known.set(data.employer, employerId);
        }
        if (!cc.dryRun) {
          await positions.insertPosition(trx, cc.ctx, cc.env.subdistrictId, {
            employerId,
            fairId: null,
            title: data.title,
            category: data.category ?? null,
            industry: data.industry ?? null,
            district: data.district ?? null,
            salaryMin: data.salaryMin ?? null,
            salaryMax: data.salaryMax ?? null,
            education: data.education ?? null,
            majors: data.majors ?? [],
            experienceYears: data.experienceYears ?? null,
            headcount: data.headcount ?? 1,
            description: data.description ?? null,
            skills: data.skills ?? null,
          });
        }
        created++;
      }
      return { created, updated: 0, unchanged: 0, errors };
    },
  };
}
