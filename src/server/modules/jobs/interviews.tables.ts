/** Row types of the job fair's part-2 tables (see migrations/20261202_jobs_interviews.ts). */
export interface JobsRoomsTable {
  id: string;
  subdistrict_id: string;
  fair_id: string;
  name: string;
  /** JSON array of position ids */
  positions: string;
  /** the video-meeting room number or link */
  meeting: string;
  slot_minutes: number | null;
  /** JSON [["13:00","15:00"], …] or null (open all day) */
  available: string | null;
  paused: number;
  created_at: string;
  updated_at: string;
}

export interface JobsInterviewsTable {
  id: string;
  subdistrict_id: string;
  fair_id: string;
  application_id: string;
  seeker_id: string;
  position_id: string;
  employer_id: string;
  room_id: string;
  /** minutes since local midnight of the fair day */
  start_minute: number;
  end_minute: number;
  /** order within the room */
  seq: number;
  /** scheduled | waiting | interviewing | done | no_show | cancelled */
  status: string;
  /** pass | hold | fail */
  outcome: string | null;
  outcome_note: string | null;
  offer: string | null;
  called_at: string | null;
  ended_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface JobsCandidateTokensTable {
  id: string;
  subdistrict_id: string;
  fair_id: string;
  seeker_id: string;
  token_hash: string;
  token_enc: string;
  expires_at: string;
  revoked_at: string | null;
  created_at: string;
}

export interface JobsTimetableVersionsTable {
  id: string;
  subdistrict_id: string;
  fair_id: string;
  version: number;
  /** generate | adjust | publish | replan */
  kind: string;
  start_minute: number;
  slot_minutes: number;
  buffer_minutes: number;
  makespan: number;
  lower_bound: number;
  /** JSON [{ candidate, position, reason }] (seeker and position ids) */
  unscheduled: string;
  published_at: string | null;
  published_by: string | null;
  created_by: string | null;
  created_at: string;
}

export interface JobsConsoleEventsTable {
  id: string;
  subdistrict_id: string;
  fair_id: string;
  room_id: string | null;
  interview_id: string | null;
  /** call_next | no_show | finish | pause | resume | late | phone_call */
  kind: string;
  detail: string;
  actor_id: string | null;
  at: string;
}

export interface JobsInterviewTables {
  jobs_rooms: JobsRoomsTable;
  jobs_interviews: JobsInterviewsTable;
  jobs_candidate_tokens: JobsCandidateTokensTable;
  jobs_timetable_versions: JobsTimetableVersionsTable;
  jobs_console_events: JobsConsoleEventsTable;
}
