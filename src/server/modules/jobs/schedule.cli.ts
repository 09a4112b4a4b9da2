import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { planTimetable } from './domain/timetable/index';
import type { Fair, Timetable, Window } from './domain/timetable/types';

export const SCHEDULE_USAGE = `jobs schedule <FAIR.json>   plan a job fair's interview timetable and print it as JSON
                             (times local, UTC+8, HH:mm; a time after midnight is written 24:10, 25:00 …)`;

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const time = z.string({ error: '须为时间 HH:mm' }).regex(HHMM, { error: '须为时间 HH:mm（00:00–24:00）' });
const minutes = (what: string) => z.number({ error: `须为${what}分钟数` }).int({ error: `须为整数分钟` });
const windows = z.array(z.tuple([time, time], { error: '须为 ["HH:mm","HH:mm"]' }), { error: '须为时段列表 [["HH:mm","HH:mm"], …]' });
const id = z.string({ error: '须为文字' }).trim().min(1, { error: '不能为空' });

const fairSchema = z.object({
  date: z
    .string({ error: '须为日期 YYYY-MM-DD' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '须为日期 YYYY-MM-DD' })
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), {
      error: '不是有效的日期',
    }),
  start: time,
  slotMinutes: minutes('面试时长').min(1, { error: '须大于 0' }).max(480, { error: '不能超过 480 分钟' }),
  bufferMinutes: minutes('间隔').min(0, { error: '不能为负数' }).max(480, { error: '不能超过 480 分钟' }).default(0),
  rooms: z
    .array(
      z.object({
        id,
        positions: z.array(id, { error: '须为岗位列表' }).min(1, { error: '至少负责一个岗位' }),
        slotMinutes: minutes('面试时长').min(1, { error: '须大于 0' }).max(480, { error: '不能超过 480 分钟' }).optional(),
        available: windows.optional(),
      }),
      { error: '须为面试间列表' },
    )
    .min(1, { error: '至少需要一个面试间' }),
  candidates: z.array(z.object({ id, available: windows.optional() }), { error: '须为求职者列表' }).default([]),
  applications: z.array(z.object({ candidate: id, position: id }), { error: '须为报名列表' }),
});

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const pad = (n: number) => String(n).padStart(2, '0');
/** minutes since midnight → HH:mm (24:10 for ten past midnight of the next day) */
export const hhmm = (m: number) => `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;

function fieldName(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('') || '(根)';
}

/** Reads and checks the fair; throws one Chinese message naming every bad field. */
export function parseFair(text: string, file: string): Fair {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file} 不是有效的 JSON：${(e as Error).message}`);
  }
  const parsed = fairSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues
      .slice(0, 20)
      .map((i) => `  ${fieldName(i.path)}：${i.code === 'unrecognized_keys' ? '有未知的字段' : i.message}`);
    throw new Error(`${file} 有误：\n${lines.join('\n')}`);
  }
  const f = parsed.data;
  const problems: string[] = [];
  const win = (ws: [string, string][] | undefined, field: string): Window[] | undefined =>
    ws?.map(([a, b], i) => {
      if (toMinutes(b) <= toMinutes(a)) problems.push(`  ${field}[${i}]：结束时间 ${b} 须晚于开始时间 ${a}`);
      return [toMinutes(a), toMinutes(b)] as const;
    });
  const dup = (ids: string[], field: string) => {
    const seen = new Set<string>();
    ids.forEach((x, i) => {
      if (seen.has(x)) problems.push(`  ${field}[${i}].id：编号「${x}」重复`);
      seen.add(x);
    });
  };
  dup(
    f.rooms.map((r) => r.id),
    'rooms',
  );
  dup(
    f.candidates.map((c) => c.id),
    'candidates',
  );
  const fair: Fair = {
    start: toMinutes(f.start),
    slotMinutes: f.slotMinutes,
    bufferMinutes: f.bufferMinutes,
    rooms: f.rooms.map((r, i) => ({
      id: r.id,
      positions: r.positions,
      ...(r.slotMinutes !== undefined ? { slotMinutes: r.slotMinutes } : {}),
      ...(r.available ? { available: win(r.available, `rooms[${i}].available`) } : {}),
    })),
    candidates: f.candidates.map((c, i) => ({
      id: c.id,
      ...(c.available ? { available: win(c.available, `candidates[${i}].available`) } : {}),
    })),
    applications: f.applications,
  };
  if (problems.length) throw new Error(`${file} 有误：\n${problems.slice(0, 20).join('\n')}`);
  return fair;
}

/** The printed shape of a timetable (issue #10). */
export function presentTimetable(tt: Timetable) {
  return {
    interviews: tt.interviews.map((iv) => ({
      candidate: iv.candidate,
      position: iv.position,
      room: iv.room,
      start: hhmm(iv.start),
      end: hhmm(iv.end),
    })),
    candidates: tt.entries.map((e) => ({ id: e.id, entry: hhmm(e.entry) })),
    unscheduled: tt.unscheduled,
    makespanMinutes: tt.makespan,
    lowerBoundMinutes: tt.lowerBound,
  };
}

interface Io {
  out(text: string): void;
  err(text: string): void;
}

const stdio: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

/**
 * `npm run linli -- jobs schedule FAIR.json` (argv = the arguments after `jobs schedule`): prints
 * the timetable as JSON; bad input prints a Chinese message naming the field. Returns the exit code.
 */
export async function scheduleCommand(argv: string[], io: Io = stdio): Promise<number> {
  const [file, ...extra] = argv;
  if (!file || extra.length || file.startsWith('-')) {
    io.err(`用法：npm run linli -- ${SCHEDULE_USAGE}\n`);
    return 2;
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    io.err(
      `无法读取文件 ${file}：${code === 'ENOENT' ? '文件不存在' : code === 'EISDIR' ? '这是一个目录' : code === 'EACCES' ? '没有读取权限' : '读取失败'}\n`,
    );
    return 1;
  }
  let fair: Fair;
  try {
    fair = parseFair(text, file);
  } catch (e) {
    io.err(`${(e as Error).message}\n`);
    return 1;
  }
  io.out(`${JSON.stringify(presentTimetable(planTimetable(fair)), null, 2)}\n`);
  return 0;
}
