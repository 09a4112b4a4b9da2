// `npm run bench jobs-live`: the fair day's candidate pages, 5,000 of them on one server process,
// each a different candidate (a different view of one shared state), beside a bare `node:http` SSE
// loop writing one pre-built frame to the same clients, in the same run.
//
// The hub variant is the real thing: the app's live hub and the module's own kind (`jobs.fairday`:
// one read of the fair's rooms and 5,000 interviews per event, then each candidate's view in
// memory), on a SQLite file with a published timetable made by the module's services. Each
// connection to `/q` takes the next candidate's personal link (so the shared client process can use
// one path). Per broadcast: call-next's event → the LAST page has its frame (p50, p99), and server
// CPU per broadcast; then every page drops and reconnects with Last-Event-ID and we count lost frames.
// The clients and the bare loop are bench/live.ts's (bench/support/live-harness.ts).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { uuidv7 } from 'uuidv7';
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { systemActor } from '../src/server/core/access/actor';
import { decryptField } from '../src/server/core/crypto/fields';
import { deriveKeys } from '../src/server/core/crypto/keys';
import { allPermissions } from '../src/server/core/modules/install';
import { migrateToLatest, openDatabase } from '../src/server/db/index';
import { LIVE_HEADERS } from '../src/server/http/live';
import { allMigrations } from '../src/server/modules/index';
import { type FairDayState, type FairDayViewer, fairDayView, fairDayViewKey } from '../src/server/modules/jobs/domain/fairday';
import { fairDayTopic } from '../src/server/modules/jobs/interviews.service';
import { seedDemo } from '../src/server/seed/demo';
import type { BenchResult } from './run';
import { bareServer, LiveClients, type LiveServer, measureRound, type RoundSample } from './support/live-harness';
import { median, round } from './support/stats';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 5000);
const ROOMS = Number(process.env.BENCH_ROOMS ?? 100);
const BROADCASTS = Number(process.env.BENCH_BROADCASTS ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const KIND = 'jobs.fairday.bench';

/** a fair of CLIENTS candidates, one application each, ROOMS rooms; generated and published by the module's services */
export async function fairDay() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'linli-bench-fairday-'));
  const database = openDatabase({ database: { kind: 'sqlite', file: path.join(dir, 'linli.db') } });
  await migrateToLatest(database.db, allMigrations());
  const { org } = await seedDemo(database.db);
  const keys = deriveKeys(randomBytes(32));
  const config = loadConfig({ NODE_ENV: 'test', LINLI_DATA_DIR: dir, LINLI_LOG_LEVEL: 'silent' });
  const { app, services } = await buildApp({ config, database, keys, logger: false, backgroundSender: false });
  await app.ready();
  const ctx = { actor: systemActor(org.subdistrictId, allPermissions()), requestId: 'bench', ip: 'bench', userAgent: null };
  const jobs = services.jobs;
  const fair = await jobs.fairs.create(ctx, {
    title: '万人线上招聘会',
    startsAt: '2026-12-16T01:00:00.000Z',
    organiser: '小东门街道',
    partners: [],
    description: null,
    contactPhone: null,
    contactEmail: null,
    registrationDeadline: null,
  });
  const employer = await jobs.positions.createEmployer(ctx, {
    name: '基准测试单位',
    industry: null,
    contactName: null,
    contactPhone: null,
    description: null,
  });
  const positions: string[] = [];
  for (let i = 0; i < ROOMS; i++) {
    const p = await jobs.positions.createPosition(ctx, {
      employerId: employer.id,
      fairId: fair.id,
      title: `岗位${i + 1}`,
      category: '客服',
      industry: null,
      district: null,
      salaryMin: 5000,
      salaryMax: 8000,
      education: '高中',
      majors: [],
      experienceYears: 0,
      headcount: 50,
      description: null,
      skills: null,
    });
    positions.push(p.id);
    await jobs.interviews.createRoom(ctx, fair.id, { name: `面试间${i + 1}`, positionIds: [p.id], meeting: `会议号 ${100000 + i}` });
  }
  const now = new Date().toISOString();
  const seekers = Array.from({ length: CLIENTS }, (_, i) => ({
    id: uuidv7(),
    subdistrict_id: org.subdistrictId,
    person_id: null,
    account_id: null,
    phone_hash: null,
    phone_enc: null,
    phone_tail: null,
    name: `候选人${i + 1}`,
    gender: null,
    birth_year: 1998,
    status: 'graduate',
    education: '高中',
    school: null,
    major: null,
    graduation_year: null,
    categories: '[]',
    industries: '[]',
    districts: '[]',
    salary_min: null,
    salary_max: null,
    experience_years: null,
    skills: null,
    sms_opt_in: 0,
    consented: 1,
    consented_at: now,
    registered_by: 'staff',
    created_by: null,
    created_at: now,
    updated_at: now,
  }));
  for (let i = 0; i < seekers.length; i += 200)
    await database.db
      .insertInto('jobs_seekers')
      .values(seekers.slice(i, i + 200))
      .execute();
  const applications = seekers.map((s, i) => ({
    id: uuidv7(),
    subdistrict_id: org.subdistrictId,
    seeker_id: s.id,
    position_id: positions[i % positions.length] as string,
    employer_id: employer.id,
    status: 'submitted',
    created_by_kind: 'staff',
    created_by: null,
    client_key: `bench-${i}`,
    created_at: now,
    updated_at: now,
  }));
  for (let i = 0; i < applications.length; i += 200)
    await database.db
      .insertInto('jobs_applications')
      .values(applications.slice(i, i + 200))
      .execute();
  await jobs.interviews.generate(ctx, fair.id, { start: '09:00', slotMinutes: 10, bufferMinutes: 5 });
  await jobs.interviews.publish(ctx, fair.id);
  const tokens = (await database.db.selectFrom('jobs_candidate_tokens').select('token_enc').execute()).map((t) =>
    decryptField(keys.field, t.token_enc),
  );
  return {
    fairId: fair.id,
    services,
    tokens,
    async close() {
      await app.close();
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

type Day = Awaited<ReturnType<typeof fairDay>>;

/** the app's hub and the module's fair-day kind (its state read, its views), behind Fastify */
async function hubServer(day: Day): Promise<LiveServer> {
  const hub = day.services.core.live;
  const interviews = day.services.jobs.interviews;
  // the kind reads the counter with the state, so every frame says which broadcast it is
  counter.current = 0;
  registerKind(day);
  const app = Fastify({ logger: false });
  let next = 0;
  app.get('/q', async (req, reply) => {
    const token = day.tokens[next++ % day.tokens.length] as string;
    const { actor, fairId } = await interviews.tokenActor(token);
    const opened = await hub.open(KIND, fairId, actor, () => interviews.tokenStillLive(actor));
    const header = req.headers['last-event-id'];
    reply.hijack();
    reply.raw.writeHead(200, LIVE_HEADERS);
    reply.raw.socket?.setNoDelay(true);
    opened.attach(reply.raw, typeof header === 'string' ? header : null);
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    port: (app.server.address() as AddressInfo).port,
    async broadcast(n) {
      counter.current = n;
      const seq = hub.stats(KIND, day.fairId)?.seq ?? 0;
      // what call-next does after its transaction
      await day.services.core.events.publish(fairDayTopic(day.fairId), { fairId: day.fairId });
      while ((hub.stats(KIND, day.fairId)?.seq ?? 0) === seq) await new Promise((r) => setImmediate(r));
    },
    subscribers: () => hub.stats(KIND, day.fairId)?.subscribers ?? 0,
    async close() {
      await app.close();
    },
  };
}

const counter = { current: 0 };
let registered = false;
function registerKind(day: Day): void {
  if (registered) return;
  registered = true;
  const interviews = day.services.jobs.interviews;
  day.services.core.live.register<FairDayState & { n: number }, FairDayViewer, object>({
    name: KIND,
    busTopic: fairDayTopic,
    authorize: (actor, fairId) => interviews.viewer(actor, fairId),
    viewKey: fairDayViewKey,
    load: async (fairId) => ({ ...(await interviews.state(fairId)), n: counter.current }),
    view: (state, viewer) => ({ n: state.n, ...fairDayView(state, viewer) }),
  });
}

type Sample = Omit<RoundSample, 'n'>;

export default async function jobsLiveBench(): Promise<BenchResult> {
  const t0 = Date.now();
  const day = await fairDay();
  console.log(`fair day ready: ${day.tokens.length} candidates with links, ${ROOMS} rooms (${Date.now() - t0} ms)`);
  const clients = await LiveClients.start();
  const samples: Record<'bare' | 'hub', Sample[]> = { bare: [], hub: [] };
  let n = 0;
  try {
    for (let r = 0; r < ROUNDS; r++) {
      const order: ('bare' | 'hub')[] = r % 2 ? ['hub', 'bare'] : ['bare', 'hub'];
      for (const v of order) {
        const server = v === 'bare' ? await bareServer('"message":"您前面还有 2 人，预计 13:40 进入"') : await hubServer(day);
        const s = await measureRound(server, clients, {
          pathName: v === 'bare' ? '/' : '/q',
          count: CLIENTS,
          broadcasts: BROADCASTS,
          start: n,
        });
        n = s.n;
        await server.close();
        samples[v].push(s);
        console.log(
          `round ${r + 1} ${v}: ${JSON.stringify({ p50: round(s.p50, 1), p99: round(s.p99, 1), cpu: round(s.cpu, 1), lost: s.lost })}`,
        );
      }
    }
  } finally {
    clients.stop();
    await day.close();
  }
  const med = (v: 'bare' | 'hub', k: keyof Sample) => median(samples[v].map((s) => s[k]));
  const row = (v: 'bare' | 'hub', label: string) => [
    label,
    round(med(v, 'p50')),
    round(med(v, 'p99')),
    round(med(v, 'cpu')),
    `${med(v, 'lost')} / ${3 * CLIENTS}`,
  ];
  const ratio = (k: keyof Sample) => round(med('hub', k) / med('bare', k));
  return {
    title: `Fair day: ${CLIENTS} candidate pages (each its own view), ${ROOMS} rooms, ${BROADCASTS} call-next events × ${ROUNDS} rounds (medians of rounds)`,
    columns: ['server', 'p50 ms (last page)', 'p99 ms', 'CPU ms / broadcast', 'lost on reconnect'],
    rows: [
      row('bare', 'bare node:http loop (one frame)'),
      row('hub', 'live hub, jobs.fairday (SQLite read + views)'),
      ['hub ÷ bare', ratio('p50'), ratio('p99'), ratio('cpu'), ''],
    ],
    notes: [
      'goals (issue #10): p99 ≤ 1.5× and CPU ≤ 2× the bare loop; no event lost across reconnects',
      'the hub reads the fair once per event (5,000 interviews) and computes 5,000 distinct candidate views; the bare loop writes one pre-built frame',
      `load average at the end: ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    ],
    data: samples,
  };
}
