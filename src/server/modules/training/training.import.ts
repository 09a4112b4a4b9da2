import { z } from 'zod';
import { QUESTION_KIND_NAMES, TRAINING_TAGS } from '../../../contracts/training.vocab';
import type { ImportKind } from '../../core/excel/import-kind';
import { type BankService, questionProblems } from './bank.service';

const KIND_BY_NAME: Record<string, 'single' | 'multiple' | 'true_false'> = { 单选题: 'single', 多选题: 'multiple', 判断题: 'true_false' };
const OPTION_KEYS = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
const optionKey = (k: string) => `option${k}`;

/** splits 「业主大会、换届改选」 or 「业主大会,换届改选」 */
export const splitTags = (v: string) =>
  v
    .split(/[、，,；;\s]+/)
    .map((t) => t.trim())
    .filter(Boolean);

/**
 * `training-questions`: the question bank from Excel. Headers, in order: 题型, 题干, 选项A … 选项F,
 * 正确答案 (letters, e.g. 「AC」; 「对」/「错」 for 判断题), 解析, 标签 (「、」-separated), 难度 (1–5).
 * A 判断题 needs no options: they are always 对 and 错.
 */
export function questionsImportKind(bank: BankService) {
  const rowSchema = () =>
    z
      .object({
        kind: z.enum(Object.keys(KIND_BY_NAME) as [string, ...string[]], { error: '题型只能填：单选题、多选题、判断题' }),
        stem: z.string({ error: '请填写题干' }).max(500, '题干不能超过 500 个字'),
        ...Object.fromEntries(OPTION_KEYS.map((k) => [optionKey(k), z.string().max(200, `选项${k}不能超过 200 个字`).optional()])),
        answer: z.string({ error: '请填写正确答案' }).max(20, '正确答案过长'),
        explanation: z.string().max(1000, '解析不能超过 1000 个字').optional(),
        tags: z.string().max(200, '标签过长').optional(),
        difficulty: z
          .string({ error: '请填写难度（1–5）' })
          .regex(/^[1-5]$/, '难度只能填 1 到 5 的整数')
          .transform(Number),
      })
      .transform((r, ctx) => {
        const kind = KIND_BY_NAME[r.kind as string]!;
        const rec = r as unknown as Record<string, string | undefined>;
        const options =
          kind === 'true_false'
            ? [
                { key: 'T', text: '对' },
                { key: 'F', text: '错' },
              ]
            : OPTION_KEYS.flatMap((k) => (rec[optionKey(k)] ? [{ key: k, text: rec[optionKey(k)] as string }] : []));
        const raw = r.answer.replace(/[\s,，、]/g, '').toUpperCase();
        const answer =
          kind === 'true_false'
            ? [raw === '对' || raw === 'T' || raw === '√' ? 'T' : raw === '错' || raw === 'F' || raw === '×' ? 'F' : raw]
            : [...new Set(raw.split(''))];
        const q = {
          kind,
          stem: r.stem,
          options,
          answer,
          explanation: r.explanation ?? '',
          tags: splitTags(r.tags ?? ''),
          difficulty: r.difficulty,
        };
        for (const p of questionProblems(q))
          ctx.addIssue({ code: 'custom', path: [p.path === 'answer' ? 'answer' : 'optionA'], message: p.message });
        return q;
      });
  type Row = z.output<ReturnType<typeof rowSchema>>;

  const kind: ImportKind<Row> = {
    kind: 'training-questions',
    label: '培训题库',
    permission: 'training:manage',
    columns: [
      { key: 'kind', header: '题型', required: true, options: Object.values(QUESTION_KIND_NAMES), example: '单选题', width: 10 },
      { key: 'stem', header: '题干', required: true, example: '业主大会会议可以采用哪些形式召开？', width: 40 },
      ...OPTION_KEYS.map((k, i) => ({
        key: optionKey(k),
        header: `选项${k}`,
        example: ['集体讨论', '书面征求意见', '只能集体讨论', '', '', ''][i] as string,
        hint: i === 0 ? '判断题不用填选项' : undefined,
        width: 18,
      })),
      {
        key: 'answer',
        header: '正确答案',
        required: true,
        example: 'AB',
        hint: '填选项字母，如 A 或 AC；判断题填「对」或「错」',
        width: 10,
      },
      { key: 'explanation', header: '解析', example: '依据《业主大会和业主委员会指导规则》第二十一条', width: 30 },
      { key: 'tags', header: '标签', example: '业主大会', hint: `多个标签用「、」分隔，如：${TRAINING_TAGS.join('、')}`, width: 18 },
      {
        key: 'difficulty',
        header: '难度',
        required: true,
        options: ['1', '2', '3', '4', '5'],
        example: '2',
        hint: '1 最容易，5 最难',
        width: 8,
      },
    ],
    rowSchema,
    duplicateKey: { key: 'stem', of: (r) => r.stem, message: (first) => `题干与第 ${first} 行重复` },
    async commit(trx, rows, cc) {
      if (!cc.dryRun) for (const r of rows) await bank.insert(trx, cc.ctx, cc.env.subdistrictId, r.data);
      return { created: rows.length, updated: 0, unchanged: 0 };
    },
  };
  return kind;
}
