/**
 * `npm run linli -- jobs match --seekers S.json --positions P.json [--top K]` prints
 * {"results":[{"seeker":"S1","matches":[{"position":"P1","score":0.87,"reasons":["…"]}]}]}.
 * Options: --by position (seekers for each position instead), --hard-rules education,salary,district,experience|none
 * (default education). `jobs fair …` prints the fair-level recommendations with coverage and loads.
 * Bad input stops with a Chinese message naming the file, the entry and the field.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { DEFAULT_FAIR, recommendForFair } from './domain/fair';
import { Matcher, matchOptions } from './domain/matcher';
import type { HardRules, Match, PositionInput, SeekerInput } from './domain/types';
import { jiebaTokenize } from './segmenter';

export const JOBS_USAGE = `用法：npm run linli -- jobs match --seekers 求职者.json --positions 岗位.json [--top K] [--by seeker|position] [--hard-rules education,salary,district,experience|none]
      npm run linli -- jobs fair --seekers 求职者.json --positions 岗位.json [--per-seeker 5] [--factor 3] [--threshold 0.6]`;

const FIELD_NAMES: Record<string, string> = {
  id: '编号',
  education: '学历',
  major: '专业',
  graduationYear: '毕业年份',
  categories: '意向类别',
  industries: '意向行业',
  districts: '意向地区',
  salaryMin: '期望薪资下限',
  salaryMax: '期望薪资上限',
  experienceYears: '工作年限',
  skills: '技能',
  title: '岗位名称',
  employer: '用人单位',
  category: '岗位类别',
  industry: '行业',
  district: '工作地点',
  education_p: '学历要求',
  majors: '专业要求',
  description: '岗位描述',
  headcount: '招聘人数',
};

const text = z.union([z.string(), z.number().transform(String)], { error: '应为文字' });
const optText = text.nullish();
const names = z
  .union([z.array(text), z.string().transform((s) => s.split(/[、,，;；\s]+/u))], {
    error: '应为列表（如 ["软件开发"]）或用顿号分隔的文字',
  })
  .nullish()
  .transform((v) => (v ?? []).map((s) => s.trim()).filter(Boolean));
const amount = z
  .preprocess(
    (v) => (typeof v === 'string' && /^\s*\d+(\.\d+)?\s*$/u.test(v) ? Number(v) : v),
    z.number({ error: '应为数字' }).finite('应为数字').min(0, '不能为负数'),
  )
  .nullish();
const skills = z.union([z.string(), z.array(text).transform((a) => a.join(' '))], { error: '应为文字或文字列表' }).nullish();

const seekerSchema = z
  .object({
    id: text.pipe(z.string().trim().min(1, '不能为空')),
    education: optText,
    major: optText,
    graduationYear: amount,
    categories: names,
    industries: names,
    districts: names,
    salaryMin: amount,
    salaryMax: amount,
    experienceYears: amount,
    skills,
  })
  .refine((s) => s.salaryMin == null || s.salaryMax == null || s.salaryMin <= s.salaryMax, {
    path: ['salaryMin'],
    message: '期望薪资下限大于上限',
  });

const positionSchema = z
  .object({
    id: text.pipe(z.string().trim().min(1, '不能为空')),
    title: optText,
    employer: optText,
    category: optText,
    industry: optText,
    district: optText,
    salaryMin: amount,
    salaryMax: amount,
    education: optText,
    majors: names,
    experienceYears: amount,
    description: optText,
    skills,
    headcount: amount,
  })
  .refine((p) => p.salaryMin == null || p.salaryMax == null || p.salaryMin <= p.salaryMax, {
    path: ['salaryMin'],
    message: '薪资下限大于上限',
  });

function zhIssue(issue: z.core.$ZodIssue, entry: Record<string, unknown>): string {
  const field = issue.path[0];
  if (typeof field === 'string' && entry[field] == null && issue.path.length === 1) return '缺少此项';
  if (issue.code === 'invalid_type') {
    return issue.expected === 'number' ? '应为数字' : issue.expected === 'array' ? '应为列表' : '应为文字';
  }
  return issue.message;
}

function readEntries<T>(file: string | undefined, kind: '求职者' | '岗位', schema: z.ZodType<T>): T[] {
  if (!file) throw new Error(`缺少${kind}文件（--${kind === '求职者' ? 'seekers' : 'positions'} 文件.json）\n${JOBS_USAGE}`);
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch {
    throw new Error(`读不到${kind}文件：${file}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(raw.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new Error(`${kind}文件 ${file} 不是有效的 JSON：${(err as Error).message}`);
  }
  const key = kind === '求职者' ? 'seekers' : 'positions';
  const list = Array.isArray(data) ? data : (data as Record<string, unknown> | null)?.[key];
  if (!Array.isArray(list)) throw new Error(`${kind}文件 ${file} 应为数组（或含 "${key}" 数组的对象）`);
  const seen = new Map<string, number>();
  const problems: string[] = [];
  const out: T[] = [];
  list.forEach((entry, i) => {
    const where = `${kind}文件 ${file} 第 ${i + 1} 条${entry && typeof entry === 'object' && 'id' in entry ? `（编号 ${String((entry as { id: unknown }).id)}）` : ''}`;
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
      problems.push(`${where}：应为对象`);
      return;
    }
    const r = schema.safeParse(entry);
    if (!r.success) {
      for (const issue of r.error.issues) {
        const field = String(issue.path[0] ?? '');
        const label = FIELD_NAMES[kind === '岗位' && field === 'education' ? 'education_p' : field] ?? field;
        problems.push(`${where} ${label}（${field}）：${zhIssue(issue, entry as Record<string, unknown>)}`);
      }
      return;
    }
    const id = (r.data as { id: string }).id;
    const first = seen.get(id);
    if (first !== undefined) problems.push(`${where}：编号 ${id} 与第 ${first + 1} 条重复`);
    else seen.set(id, i);
    out.push(r.data);
  });
  if (problems.length) {
    const shown = problems.slice(0, 20);
    if (problems.length > 20) shown.push(`……共 ${problems.length} 处问题`);
    throw new Error(shown.join('\n'));
  }
  return out;
}

const RULES: Record<string, keyof HardRules> = {
  education: 'educationBelowRequirement',
  salary: 'salaryBelowExpectation',
  district: 'districtMustMatch',
  experience: 'experienceBelowRequirement',
};

function hardRules(spec: string | undefined): HardRules {
  const rules: HardRules = {
    educationBelowRequirement: false,
    salaryBelowExpectation: false,
    districtMustMatch: false,
    experienceBelowRequirement: false,
  };
  const names = (spec ?? 'education')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s && s !== 'none');
  for (const n of names) {
    const key = RULES[n];
    if (!key) throw new Error(`--hard-rules 不认识「${n}」：可用 education、salary、district、experience 或 none`);
    rules[key] = true;
  }
  return rules;
}

function positiveInt(v: string | undefined, name: string, fallback: number, max: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`${name} 应为 1 到 ${max} 之间的整数（收到「${v}」）`);
  return n;
}

function ratio(v: string | undefined, name: string, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new Error(`${name} 应为 0 到 1 之间的数（收到「${v}」）`);
  return n;
}

const round = (x: number) => Math.round(x * 100) / 100;

const present = (m: Match, by: 'seeker' | 'position') =>
  by === 'seeker'
    ? { position: m.position, score: round(m.score), reasons: m.reasons }
    : { seeker: m.seeker, score: round(m.score), reasons: m.reasons };

/** Runs `jobs …` and returns what it prints (as an object); throws an Error with a Chinese message on bad input. */
export function runJobs(args: string[]): unknown {
  const [sub, ...rest] = args;
  if (sub !== 'match' && sub !== 'fair') throw new Error(JOBS_USAGE);
  let parsed: ReturnType<typeof parseArgs<{ options: Record<string, { type: 'string' }> }>>;
  try {
    parsed = parseArgs({
      args: rest,
      options: {
        seekers: { type: 'string' },
        positions: { type: 'string' },
        top: { type: 'string' },
        by: { type: 'string' },
        'hard-rules': { type: 'string' },
        'per-seeker': { type: 'string' },
        factor: { type: 'string' },
        threshold: { type: 'string' },
      },
    });
  } catch (err) {
    throw new Error(`参数有误：${(err as Error).message}\n${JOBS_USAGE}`);
  }
  const v = parsed.values as Record<string, string | undefined>;
  const seekers = readEntries(v.seekers, '求职者', seekerSchema) as SeekerInput[];
  const positions = readEntries(v.positions, '岗位', positionSchema) as PositionInput[];
  const matcher = new Matcher(seekers, positions, jiebaTokenize, matchOptions({ hardRules: hardRules(v['hard-rules']) }));

  if (sub === 'match') {
    const top = positiveInt(v.top, '--top', 10, 1000);
    const by = v.by ?? 'seeker';
    if (by !== 'seeker' && by !== 'position') throw new Error(`--by 应为 seeker 或 position（收到「${by}」）`);
    if (by === 'position') {
      return {
        results: positions.map((p, pi) => ({ position: p.id, matches: matcher.topSeekers(pi, top).map((m) => present(m, 'position')) })),
      };
    }
    return { results: seekers.map((s, si) => ({ seeker: s.id, matches: matcher.topPositions(si, top).map((m) => present(m, 'seeker')) })) };
  }

  const perSeeker = positiveInt(v['per-seeker'], '--per-seeker', DEFAULT_FAIR.perSeeker, 100);
  const factor = Number(v.factor ?? DEFAULT_FAIR.capacityFactor);
  if (!Number.isFinite(factor) || factor <= 0) throw new Error(`--factor 应为正数（收到「${v.factor}」）`);
  const threshold = ratio(v.threshold, '--threshold', DEFAULT_FAIR.threshold);
  const candidates = seekers.map((_, si) =>
    matcher.topPositionsFast(si, Math.max(20, perSeeker * 4)).map((r) => ({ seeker: si, position: r.index, score: r.score })),
  );
  const fair = recommendForFair(
    candidates,
    positions.map((p) => p.headcount),
    { perSeeker, capacityFactor: factor, threshold },
  );
  return {
    coverage: round(fair.coverage),
    coverageUnconstrained: round(fair.coverageUnconstrained),
    maxLoadRatio: round(fair.maxLoadRatio),
    maxLoadRatioUnconstrained: round(fair.maxLoadRatioUnconstrained),
    overCapacityUnconstrained: fair.overCapacityUnconstrained,
    positions: positions.map((p, pi) => ({ position: p.id, capacity: fair.capacity[pi], recommended: fair.load[pi] })),
    results: seekers.map((s, si) => ({
      seeker: s.id,
      matches: (fair.recommendations[si] ?? []).map((c) => present(matcher.explain(si, c.position) as Match, 'seeker')),
    })),
  };
}

/** `linli jobs …`: prints one JSON line on stdout. */
export async function jobsCommand(args: string[]): Promise<void> {
  process.stdout.write(`${JSON.stringify(runJobs(args))}\n`);
}
