/**
 * Interview timetable of an online job fair (面试排期). All times are whole minutes since
 * midnight of the fair day, local time (Asia/Shanghai); a window is [from, to).
 */
export type Window = readonly [from: number, to: number];

export interface FairRoom {
  id: string;
  /** positions whose interviews this room holds */
  positions: readonly string[];
  /** this room's slot length; the fair's default when absent */
  slotMinutes?: number;
  /** when the room is open; from the fair's start on when absent */
  available?: readonly Window[];
}

export interface FairCandidate {
  id: string;
  /** when the candidate can be interviewed; any time when absent */
  available?: readonly Window[];
}

export interface FairApplication {
  candidate: string;
  position: string;
}

export interface Fair {
  /** first minute of the fair */
  start: number;
  slotMinutes: number;
  /** least gap between two interviews of one candidate */
  bufferMinutes: number;
  rooms: readonly FairRoom[];
  /** candidates with windows; an applicant missing here can come at any time */
  candidates: readonly FairCandidate[];
  applications: readonly FairApplication[];
}

export interface Interview {
  candidate: string;
  position: string;
  room: string;
  start: number;
  end: number;
}

export interface Unscheduled {
  candidate: string;
  position: string;
  /** why, in Chinese, for the officer */
  reason: string;
}

export interface Timetable {
  /** sorted by start, then room */
  interviews: Interview[];
  /** when each scheduled candidate is told to join (staggered entry), sorted by candidate id */
  entries: { id: string; entry: number }[];
  unscheduled: Unscheduled[];
  /** last end − fair start (0 when nothing is scheduled) */
  makespan: number;
  /** no timetable of the scheduled interviews can finish sooner than this (minutes after the start) */
  lowerBound: number;
  /** true when the makespan is proven optimal (it equals the lower bound) */
  optimal: boolean;
}

export interface PlanOptions {
  /** how many minutes before their first interview a candidate is told to join (5) */
  entryLeadMinutes?: number;
  /** rounds of the local improvement that packs each candidate's interviews (4) */
  improveRounds?: number;
}
