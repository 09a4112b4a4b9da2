import { z } from 'zod';
import { Id } from './common';

/** Online job fairs, part 2: rooms, the interview timetable, the fair-day console, the candidate page, outcomes, the report. */

const HHMM = /^([01]?\d|2[0-3]):[0-5]\d$/;
const hhmm = (label: string) => z.string({ error: `请填写${label}` }).regex(HHMM, `${label}须为 时:分，如 13:00`);
const minutes = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label}须为数字（分钟）` })
    .int(`${label}须为整数（分钟）`)
    .min(min, `${label}不能少于 ${min} 分钟`)
    .max(max, `${label}不能超过 ${max} 分钟`);
const windows = z
  .array(z.tuple([hhmm('开始时间'), hhmm('结束时间')]))
  .max(10, '可用时段最多 10 段')
  .refine((ws) => ws.every(([a, b]) => a.padStart(5, '0') < b.padStart(5, '0')), '可用时段的结束须晚于开始');

export const RoomWrite = z.object({
  name: z.string({ error: '请填写面试间名称' }).trim().min(1, '请填写面试间名称').max(30, '面试间名称不能超过 30 个字'),
  positionIds: z.array(Id).min(1, '请选择至少一个岗位').max(50, '一个面试间最多 50 个岗位'),
  meeting: z.string({ error: '请填写会议号或链接' }).trim().min(1, '请填写会议号或链接').max(300, '会议号或链接不能超过 300 个字'),
  slotMinutes: minutes('每场时长', 5, 120).nullable().optional(),
  available: windows.nullable().optional(),
});
export const RoomPatch = RoomWrite.partial();
export const Room = z.object({
  id: Id,
  fairId: Id,
  name: z.string(),
  positionIds: z.array(Id),
  positionTitles: z.array(z.string()),
  meeting: z.string(),
  slotMinutes: z.number().int().nullable(),
  available: z.array(z.tuple([z.string(), z.string()])).nullable(),
  paused: z.boolean(),
});
export const RoomList = z.object({ rooms: z.array(Room) });

export const GenerateBody = z.object({
  start: hhmm('开始时间').optional(),
  slotMinutes: minutes('每场时长', 5, 120).default(15),
  bufferMinutes: minutes('两场之间的间隔', 0, 120).default(5),
});

export const InterviewItem = z.object({
  id: Id,
  applicationId: Id,
  seekerId: Id,
  seekerName: z.string(),
  positionId: Id,
  positionTitle: z.string(),
  employerName: z.string(),
  roomId: Id,
  roomName: z.string(),
  start: z.string(),
  end: z.string(),
  seq: z.number().int(),
  status: z.string(),
  statusLabel: z.string(),
  outcome: z.string().nullable(),
  outcomeLabel: z.string().nullable(),
  outcomeNote: z.string().nullable(),
  offer: z.string().nullable(),
});
export type InterviewItem = z.infer<typeof InterviewItem>;

export const Timetable = z.object({
  fairId: Id,
  version: z.number().int(),
  publishedAt: z.string().nullable(),
  start: z.string(),
  slotMinutes: z.number().int(),
  bufferMinutes: z.number().int(),
  makespanMinutes: z.number().int(),
  lowerBoundMinutes: z.number().int(),
  endsAt: z.string(),
  rooms: z.array(z.object({ id: Id, name: z.string(), meeting: z.string(), paused: z.boolean(), interviews: z.array(InterviewItem) })),
  unscheduled: z.array(z.object({ seekerName: z.string(), positionTitle: z.string(), reason: z.string() })),
});
export type Timetable = z.infer<typeof Timetable>;

export const MoveBody = z.object({
  roomId: Id,
  index: z.number({ error: '请给出位置' }).int().min(0, '位置不能为负数'),
});

export const PublishTimetableResult = z.object({ timetable: Timetable, told: z.number().int() });

export const CallNextBody = z.object({
  /** the interview the officer saw as current (finished by this call), or null when the room was idle */
  current: Id.nullable().default(null),
});
export const NoShowBody = z.object({ requeue: z.boolean().default(false) });
export const PauseBody = z.object({ paused: z.boolean() });
export const LateBody = z.object({ minutes: minutes('推迟时长', 1, 240) });
export const ConsoleResult = z.object({ called: InterviewItem.nullable().optional(), told: z.number().int(), board: z.unknown() });

export const OutcomeBody = z.object({
  outcome: z.enum(['pass', 'hold', 'fail'], { error: '请选择面试结果' }),
  note: z.string().trim().max(500, '备注不能超过 500 个字').nullable().optional(),
  offer: z.string().trim().max(200, '录用意向不能超过 200 个字').nullable().optional(),
});

export const TokenParams = z.object({ token: z.string().min(20).max(64) });

export const Report = z.object({
  fairId: Id,
  title: z.string(),
  totals: z.object({
    registered: z.number().int(),
    scheduled: z.number().int(),
    interviewed: z.number().int(),
    noShows: z.number().int(),
    passed: z.number().int(),
    offers: z.number().int(),
  }),
  rows: z.array(
    z.object({
      by: z.enum(['employer', 'position', 'seekerStatus']),
      key: z.string(),
      label: z.string(),
      registered: z.number().int(),
      scheduled: z.number().int(),
      interviewed: z.number().int(),
      noShows: z.number().int(),
      passed: z.number().int(),
      offers: z.number().int(),
    }),
  ),
});
export type Report = z.infer<typeof Report>;

// ---- the live fair day (plain types: the phone page imports them without zod)
export interface RoomBoard {
  id: string;
  name: string;
  meeting: string;
  paused: boolean;
  now: { id: string; name: string; position: string; since: string | null } | null;
  next: { id: string; name: string; position: string; start: string } | null;
  queued: number;
  done: number;
  noShows: { id: string; name: string; position: string }[];
  /** minutes the room runs behind its timetable (0 when on time) */
  lateMinutes: number;
}

export interface CandidateItem {
  id: string;
  position: string;
  employer: string;
  room: string;
  start: string;
  status: string;
  statusLabel: string;
  /** people before this candidate in the room's queue (the one being interviewed counts) */
  ahead: number;
  /** when they are expected in, HH:mm */
  expected: string;
  /** the meeting room number or link: only once called */
  meeting: string | null;
  message: string;
}

export interface CandidateView {
  role: 'candidate';
  title: string;
  revoked: boolean;
  published: boolean;
  items: CandidateItem[];
}

export interface StaffView {
  role: 'staff';
  title: string;
  published: boolean;
  now: string;
  rooms: RoomBoard[];
}
