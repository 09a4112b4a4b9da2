import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { analyseItems, checkItemInput, type ItemAnalysis, type ItemAnalysisInput } from './domain/item-analysis';

export const TRAINING_USAGE = `training item-analysis <file.json>
                             item analysis of a quiz's first attempts: reads
                             {"questions":[{"id","max","options"?:["A",…]}],
                              "responses":[{"participant","question","score","choice"?:"A"|["A","C"],"attempt"?:1}]}
                             and prints {"test":{…},"questions":[{…,"flags":[…]}]} as JSON; exit 1 on bad input`;

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const processIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

const idText = z.union([z.string().min(1), z.number()]).transform(String);

const inputSchema = z.object({
  questions: z.array(
    z.object({
      id: idText,
      max: z.number({ error: '满分（max）必须是数字' }),
      options: z.array(z.string()).optional(),
    }),
    { error: '缺少题目列表 questions（数组）' },
  ),
  responses: z.array(
    z.object({
      participant: idText,
      question: idText,
      score: z.number({ error: '得分（score）必须是数字' }),
      choice: z.union([z.string(), z.array(z.string())]).optional(),
      attempt: z.number().optional(),
    }),
    { error: '缺少作答列表 responses（数组）' },
  ),
});

/**
 * `linli training …`. Returns the exit code: 0 done, 1 the file could not be read or its content
 * is wrong (every problem printed, nothing else), 2 unknown command or missing argument.
 */
export async function trainingCommand(argv: string[], io: CliIo = processIo): Promise<number> {
  const [command, file] = argv;
  if (command !== 'item-analysis' || !file || argv.length > 2) {
    io.err(`用法：npm run linli -- ${TRAINING_USAGE}`);
    return 2;
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    io.err(`无法读取文件「${file}」：${(e as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : (e as Error).message}`);
    return 1;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    io.err(`文件「${file}」不是有效的 JSON：${(e as Error).message}`);
    return 1;
  }
  const parsed = inputSchema.safeParse(json);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) io.err(`${pathText(issue.path)}：${issueText(issue)}`);
    return 1;
  }
  const input: ItemAnalysisInput = parsed.data;
  const problems = checkItemInput(input);
  if (problems.length > 0) {
    for (const p of problems) io.err(p.message);
    return 1;
  }
  io.out(JSON.stringify(present(analyseItems(input))));
  return 0;
}

/** Four decimals are plenty for percentages and α, and keep float noise (62.50000000001) out of the output. */
function round(v: number | null): number | null {
  return v === null ? null : Math.round(v * 1e4) / 1e4;
}

function present(a: ItemAnalysis) {
  const t = a.test;
  return {
    test: {
      n: t.n,
      mean: round(t.mean),
      median: round(t.median),
      sd: round(t.sd),
      alpha: round(t.alpha),
      errorRatio: round(t.errorRatio),
      standardError: round(t.standardError),
    },
    questions: a.questions.map((q) => ({
      id: q.id,
      facility: round(q.facility),
      sd: round(q.sd),
      discrimination: round(q.discrimination),
      ...(q.options
        ? {
            options: Object.fromEntries(
              Object.entries(q.options).map(([k, s]) => [k, { all: round(s.all), top: round(s.top), bottom: round(s.bottom) }]),
            ),
          }
        : {}),
      flags: q.flags,
    })),
  };
}

function pathText(path: PropertyKey[]): string {
  if (path.length === 0) return '文件内容';
  const [list, index, field] = path;
  const what = list === 'questions' ? '题目' : list === 'responses' ? '作答' : String(list);
  if (typeof index !== 'number') return what;
  return `第 ${index + 1} 条${what}${field === undefined ? '' : `的 ${String(field)}`}`;
}

function issueText(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    if (issue.path.length === 0) return '应为一个对象 {"questions": […], "responses": […]}';
    if (issue.message && /[\u4e00-\u9fff]/.test(issue.message)) return issue.message;
    return `缺少或类型不对（应为 ${issue.expected}）`;
  }
  if (issue.code === 'invalid_union') return '应为文字或数字（选项为文字或文字数组）';
  if (issue.code === 'too_small') return '不能为空';
  return issue.message;
}
