import { uuidv7 } from 'uuidv7';
import type { TestApp } from '../../../../../test/app';
import type { ScopeFixture } from '../../../../../test/scope-fixtures';
import { buildApplication, buildFair } from './jobs-factories';

/** A room of a fair of the subdistrict, written directly. */
export async function buildRoom(t: TestApp, fairId?: string): Promise<{ id: string; fairId: string }> {
  const fid = fairId ?? (await buildFair(t)).id;
  const id = uuidv7();
  const now = new Date().toISOString();
  await t.database.db
    .insertInto('jobs_rooms')
    .values({
      id,
      subdistrict_id: t.org.subdistrictId,
      fair_id: fid,
      name: `面试间${id.slice(-6)}`,
      positions: '[]',
      meeting: '100 200 300',
      slot_minutes: null,
      available: null,
      paused: 0,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { id, fairId: fid };
}

/** An interview (scheduled) of an application in a room, written directly. */
export async function buildInterview(t: TestApp): Promise<string> {
  const applicationId = await buildApplication(t);
  const app = await t.database.db.selectFrom('jobs_applications').selectAll().where('id', '=', applicationId).executeTakeFirstOrThrow();
  const room = await buildRoom(t);
  const id = uuidv7();
  const now = new Date().toISOString();
  await t.database.db
    .insertInto('jobs_interviews')
    .values({
      id,
      subdistrict_id: app.subdistrict_id,
      fair_id: room.fairId,
      application_id: applicationId,
      seeker_id: app.seeker_id,
      position_id: app.position_id,
      employer_id: app.employer_id,
      room_id: room.id,
      start_minute: 780,
      end_minute: 795,
      seq: 1,
      status: 'scheduled',
      outcome: null,
      outcome_note: null,
      offer: null,
      called_at: null,
      ended_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

const fair: ScopeFixture = async (t) => (await buildFair(t)).id;
const room: ScopeFixture = async (t) => (await buildRoom(t)).id;
const interview: ScopeFixture = (t) => buildInterview(t);

/** part 2's routes with an id (merged into scope-fixtures.ts) */
export const INTERVIEW_FIXTURES: Record<string, ScopeFixture> = {
  'GET /api/jobs/fairs/:id/rooms': fair,
  'POST /api/jobs/fairs/:id/rooms': fair,
  'PATCH /api/jobs/rooms/:id': room,
  'POST /api/jobs/fairs/:id/timetable': fair,
  'GET /api/jobs/fairs/:id/timetable': fair,
  'POST /api/jobs/fairs/:id/timetable/publish': fair,
  'GET /api/jobs/fairs/:id/timetable.xlsx': fair,
  'POST /api/jobs/interviews/:id/move': interview,
  'GET /api/jobs/fairs/:id/board': fair,
  'GET /api/jobs/fairs/:id/board/stream': fair,
  'POST /api/jobs/rooms/:id/call-next': room,
  'POST /api/jobs/rooms/:id/pause': room,
  'POST /api/jobs/rooms/:id/late': room,
  'POST /api/jobs/interviews/:id/finish': interview,
  'POST /api/jobs/interviews/:id/no-show': interview,
  'POST /api/jobs/interviews/:id/phone-call': interview,
  'POST /api/jobs/interviews/:id/revoke-link': interview,
  'GET /api/jobs/rooms/:id/queue': room,
  'POST /api/jobs/interviews/:id/outcome': interview,
  'GET /api/jobs/fairs/:id/report': fair,
  'GET /api/jobs/fairs/:id/report.xlsx': fair,
};

export const INTERVIEW_BODIES: Record<string, unknown> = {
  'POST /api/jobs/fairs/:id/rooms': { name: '外来面试间', positionIds: ['00000000-0000-7000-8000-000000000000'], meeting: '1' },
  'PATCH /api/jobs/rooms/:id': { name: '改名' },
  'POST /api/jobs/fairs/:id/timetable': {},
  'POST /api/jobs/interviews/:id/move': { roomId: '00000000-0000-7000-8000-000000000000', index: 0 },
  'POST /api/jobs/rooms/:id/call-next': {},
  'POST /api/jobs/rooms/:id/pause': { paused: true },
  'POST /api/jobs/rooms/:id/late': { minutes: 5 },
  'POST /api/jobs/interviews/:id/no-show': { requeue: false },
  'POST /api/jobs/interviews/:id/outcome': { outcome: 'pass' },
};
