import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { uuidv7 } from 'uuidv7';
import { todayIso } from '../src/server/core/people/id-number';
import { type Database, migrateToLatest, openDatabase } from '../src/server/db/index';
import { computeDashboard } from '../src/server/modules/care/dashboard.service';
import { DEFAULT_CATEGORIES } from '../src/server/modules/care/domain/catalogue';
import { OPEN_STATUSES } from '../src/server/modules/care/domain/needs';
import { addDays } from '../src/server/modules/care/domain/visits';
import * as visitsRepo from '../src/server/modules/care/visits.repository';
import { allMigrations } from '../src/server/modules/index';
import { seedDemo } from '../src/server/seed/demo';
import { startCluster } from '../test/pg-cluster';
import type { BenchResult } from './run';
import { median, round } from './support/stats';

// 关爱看板 over a long history: BENCH_EVENTS (1,000,000) timeline events — 60 % calls, 30 % need
// events, 10 % home visits — for BENCH_PEOPLE (5,000) beneficiaries over two years, generated
// with a fixed seed straight into the tables, on SQLite (a WAL file) and PostgreSQL (a throwaway
// cluster). The dashboard (the real `computeDashboard`, care office scope and one neighborhood) is
// timed beside a plain full-scan GROUP BY of the same events computing the same figures, in the
// same run; then what keeping the state current adds to one write. BENCH_PG=0 skips PostgreSQL.
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 5_000);
const DASH_RUNS = Number(process.env.BENCH_DASH_RUNS ?? 40);
const SCAN_RUNS = Number(process.env.BENCH_SCAN_RUNS ?? 7);
const WRITES = Number(process.env.BENCH_WRITES ?? 300);
const NOW = new Date('2026-12-02T04:00:00.000Z');
const DAY = 86_400_000;

/** a fixed-seed generator (mulberry32) */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)] as number;
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

async function insert(database: Database, table: string, columns: string[], rows: unknown[][]) {
  for (let at = 0; at < rows.length; at += 50_000) {
    const chunk = rows.slice(at, at + 50_000);
    await database.db.transaction().execute((trx) => database.dialect.insertRows(trx, table, columns, chunk));
  }
}

interface Loaded {
  subdistrictId: string;
  neighborhoodId: string;
  beneficiaries: { id: string; nb: string }[];
  counts: { calls: number; needEvents: number; visits: number; needs: number };
  loadSeconds: number;
}

async function load(database: Database): Promise<Loaded> {
  const t0 = process.hrtime.bigint();
  await migrateToLatest(database.db, allMigrations());
  const { org } = await seedDemo(database.db);
  const sd = org.subdistrictId;
  const nbs = Object.values(org.neighborhoods);
  const rand = rng(20261202);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T;
  const iso = (daysAgo: number) => new Date(NOW.getTime() - daysAgo * DAY).toISOString();
  const created = iso(800);

  const cats = DEFAULT_CATEGORIES.map((name, i) => [uuidv7(), sd, name, i, 1, created]);
  await insert(database, 'care_categories', ['id', 'subdistrict_id', 'name', 'sort', 'active', 'created_at'], cats);

  const persons: unknown[][] = [];
  const bens: unknown[][] = [];
  const beneficiaries: { id: string; nb: string }[] = [];
  const living = ['独居', '空巢', '与子女同住', '养老机构', null];
  const reasons = ['', '', '|慢性病|', '|行动不便|', '|失能|慢性病|'];
  for (let i = 0; i < PEOPLE; i++) {
    const pid = uuidv7();
    const bid = uuidv7();
    const nb = pick(nbs);
    const birth = `19${30 + Math.floor(rand() * 35)}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`;
    persons.push([
      pid,
      sd,
      nb,
      `对象${i}`,
      `duixiang${i}`,
      'dx',
      birth,
      '中山南路',
      String(i % 500),
      String(i % 30),
      '101',
      created,
      created,
    ]);
    bens.push([bid, sd, nb, pid, (pick(cats) as string[])[0], pick(living), pick(reasons), 1, created, created]);
    beneficiaries.push({ id: bid, nb });
  }
  await insert(
    database,
    'persons',
    [
      'id',
      'subdistrict_id',
      'neighborhood_id',
      'name',
      'name_pinyin',
      'name_initials',
      'birth_date',
      'road',
      'lane',
      'building',
      'room',
      'created_at',
      'updated_at',
    ],
    persons,
  );
  await insert(
    database,
    'care_beneficiaries',
    [
      'id',
      'subdistrict_id',
      'neighborhood_id',
      'person_id',
      'category_id',
      'living_situation',
      'priority_reasons',
      'active',
      'created_at',
      'updated_at',
    ],
    bens,
  );
  const account = (await database.db.selectFrom('accounts').select('id').where('username', '=', 'care').executeTakeFirstOrThrow()).id;

  // monthly campaigns over two years: each one a task per beneficiary
  const campaigns: unknown[][] = [];
  const tasks: string[][] = [];
  const taskRows: unknown[][] = [];
  for (let m = 0; m < 24; m++) {
    const cid = uuidv7();
    const start = addDays(todayIso(NOW), -30 * (24 - m));
    campaigns.push([
      cid,
      sd,
      `第${m + 1}月慰问`,
      start,
      addDays(start, 29),
      '问候',
      '{}',
      'evenly',
      3,
      'closed',
      account,
      created,
      created,
    ]);
    const ids: string[] = [];
    for (const b of beneficiaries) {
      const tid = uuidv7();
      ids.push(tid);
      taskRows.push([tid, sd, b.nb, cid, b.id, account, 'done', 1, created]);
    }
    tasks.push(ids);
  }
  await insert(
    database,
    'care_campaigns',
    [
      'id',
      'subdistrict_id',
      'title',
      'starts_on',
      'ends_on',
      'talking_points',
      'filter',
      'split_mode',
      'max_attempts',
      'status',
      'created_by',
      'created_at',
      'updated_at',
    ],
    campaigns,
  );
  await insert(
    database,
    'care_call_tasks',
    ['id', 'subdistrict_id', 'neighborhood_id', 'campaign_id', 'beneficiary_id', 'caller_account_id', 'status', 'attempts', 'created_at'],
    taskRows,
  );

  const nCalls = Math.round(EVENTS * 0.6);
  const nNeedEvents = Math.round(EVENTS * 0.3);
  const nVisits = EVENTS - nCalls - nNeedEvents;
  const lastContact = new Map<string, string>();
  const callCols = [
    'id',
    'subdistrict_id',
    'neighborhood_id',
    'task_id',
    'beneficiary_id',
    'caller_account_id',
    'client_key',
    'outcome',
    'advice_given',
    'follow_up',
    'created_at',
  ];
  let calls: unknown[][] = [];
  for (let i = 0; i < nCalls; i++) {
    const m = Math.floor(rand() * 24);
    const bi = Math.floor(rand() * PEOPLE);
    const b = beneficiaries[bi] as { id: string; nb: string };
    const at = iso(30 * (24 - m) - rand() * 29);
    const outcome = rand() < 0.7 ? 'reached' : pick(['busy', 'no_answer', 'wrong_number']);
    if (outcome === 'reached' && at > (lastContact.get(b.id) ?? '')) lastContact.set(b.id, at);
    calls.push([uuidv7(), sd, b.nb, (tasks[m] as string[])[bi], b.id, account, `k${i}`, outcome, 0, 0, at]);
    if (calls.length === 100_000) {
      await insert(database, 'care_calls', callCols, calls);
      calls = [];
    }
  }
  await insert(database, 'care_calls', callCols, calls);

  // needs and their events: recent needs are often still open, old ones closed
  const needs: unknown[][] = [];
  const events: unknown[][] = [];
  const items = ['masks', 'thermometer', 'disinfectant', 'staples', 'vegetables', 'medicine', 'escort', 'counselling'];
  while (events.length < nNeedEvents) {
    const b = pick(beneficiaries);
    const age = rand() * 730;
    const at = iso(age);
    const nid = uuidv7();
    const open = rand() < (age < 30 ? 0.5 : 0.01);
    const path = open
      ? ['registered', pick(['registered', 'verified', 'arranged'])]
      : rand() < 0.85
        ? ['registered', 'verified', 'arranged', 'delivered']
        : ['registered', 'cancelled'];
    const steps = open ? path.slice(0, ['registered', 'verified', 'arranged'].indexOf(path[1] as string) + 1) : path;
    needs.push([
      nid,
      sd,
      b.nb,
      b.id,
      pick(items),
      1 + Math.floor(rand() * 5),
      pick(['normal', 'normal', 'urgent']),
      steps.at(-1),
      account,
      at,
      at,
    ]);
    steps.forEach((to, k) => {
      events.push([uuidv7(), sd, nid, k === 0 ? null : steps[k - 1], to, account, new Date(Date.parse(at) + k * 3600_000).toISOString()]);
    });
  }
  await insert(
    database,
    'care_needs',
    [
      'id',
      'subdistrict_id',
      'neighborhood_id',
      'beneficiary_id',
      'item',
      'quantity',
      'urgency',
      'status',
      'created_by',
      'created_at',
      'updated_at',
    ],
    needs,
  );
  await insert(
    database,
    'care_need_events',
    ['id', 'subdistrict_id', 'need_id', 'from_status', 'to_status', 'by_account_id', 'at'],
    events.slice(0, nNeedEvents),
  );

  // visits, and the per-beneficiary state the write path keeps
  const visits: unknown[][] = [];
  const state = new Map<string, { nb: string; last: string; n: number }>();
  for (let i = 0; i < nVisits; i++) {
    const b = pick(beneficiaries);
    const day = addDays(todayIso(NOW), -Math.floor(rand() * 730));
    const at = `${day}T03:00:00.000Z`;
    visits.push([uuidv7(), sd, b.nb, b.id, 'done', '[]', day, '周敏', '一切正常', `v${i}`, `r${i}`, account, account, at, at]);
    const s = state.get(b.id) ?? { nb: b.nb, last: '', n: 0 };
    s.n++;
    if (day > s.last) s.last = day;
    state.set(b.id, s);
  }
  await insert(
    database,
    'care_visits',
    [
      'id',
      'subdistrict_id',
      'neighborhood_id',
      'beneficiary_id',
      'status',
      'visitor_account_ids',
      'done_on',
      'visitors',
      'condition_seen',
      'client_key',
      'record_key',
      'created_by',
      'recorded_by',
      'created_at',
      'updated_at',
    ],
    visits,
  );
  await insert(
    database,
    'care_visit_state',
    ['beneficiary_id', 'subdistrict_id', 'neighborhood_id', 'last_visit_on', 'next_visit_on', 'visits', 'updated_at'],
    [...state].map(([id, s]) => [id, sd, s.nb, s.last, null, s.n, NOW.toISOString()]),
  );
  // what recording a reached call keeps current
  await database.db.transaction().execute(async (trx) => {
    for (const [id, at] of lastContact)
      await trx.updateTable('care_beneficiaries').set({ last_contact_at: at }).where('id', '=', id).execute();
  });
  await sql`analyze`.execute(database.db);
  return {
    subdistrictId: sd,
    neighborhoodId: org.neighborhoods.白渡 as string,
    beneficiaries,
    counts: { calls: nCalls, needEvents: Math.min(events.length, nNeedEvents), visits: nVisits, needs: needs.length },
    loadSeconds: ms(t0) / 1000,
  };
}

/**
 * The same figures the plain way: GROUP BY over the event tables — who was reached in the last
 * 7 and 30 days (calls), each need's latest status, item and age (need events), each beneficiary's
 * latest visit (visits), by neighborhood.
 */
async function fullScan(database: Database) {
  const db = database.db;
  const since7 = new Date(NOW.getTime() - 7 * DAY).toISOString();
  const since30 = new Date(NOW.getTime() - 30 * DAY).toISOString();
  await Promise.all([
    sql`select neighborhood_id,
          count(distinct case when created_at >= ${since7} then beneficiary_id end) as d7,
          count(distinct case when created_at >= ${since30} then beneficiary_id end) as d30
        from care_calls where outcome = 'reached' group by neighborhood_id`.execute(db),
    sql`select n.neighborhood_id, n.item, count(*) as open_needs from (
          select need_id, max(at) as last_at, min(at) as first_at from care_need_events group by need_id
        ) e join care_need_events l on l.need_id = e.need_id and l.at = e.last_at
        join care_needs n on n.id = e.need_id
        where l.to_status in (${sql.join(OPEN_STATUSES)}) group by n.neighborhood_id, n.item`.execute(db),
    sql`select neighborhood_id, beneficiary_id, max(done_on) as last_visit, count(*) as visits
        from care_visits where status = 'done' group by neighborhood_id, beneficiary_id`.execute(db),
  ]);
}

async function measure(database: Database, label: string, rows: (string | number)[][], notes: string[]) {
  const data = await load(database);
  notes.push(
    `${label}: ${data.counts.calls.toLocaleString()} calls + ${data.counts.needEvents.toLocaleString()} need events (${data.counts.needs.toLocaleString()} needs) + ${data.counts.visits.toLocaleString()} visits for ${PEOPLE.toLocaleString()} beneficiaries, loaded in ${round(data.loadSeconds, 0)} s`,
  );
  const office = { subdistrictIds: [data.subdistrictId], neighborhoodIds: [] };
  const nb = { subdistrictIds: [], neighborhoodIds: [data.neighborhoodId] };
  const time = async (runs: number, fn: () => Promise<unknown>) => {
    await fn(); // warm
    const xs: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = process.hrtime.bigint();
      await fn();
      xs.push(ms(t0));
    }
    return xs;
  };
  const scan = await time(SCAN_RUNS, () => fullScan(database));
  const dashOffice = await time(DASH_RUNS, () => computeDashboard(database.db, office, data.subdistrictId, null, NOW));
  const dashNb = await time(DASH_RUNS, () => computeDashboard(database.db, nb, data.subdistrictId, data.neighborhoodId, NOW));
  const scanP95 = p95(scan);
  rows.push([label, 'full-scan GROUP BY (baseline)', round(median(scan), 1), round(scanP95, 1), '1']);
  rows.push([
    label,
    'dashboard, care office',
    round(median(dashOffice), 1),
    round(p95(dashOffice), 1),
    round(p95(dashOffice) / scanP95, 3),
  ]);
  rows.push([label, 'dashboard, one neighborhood', round(median(dashNb), 1), round(p95(dashNb), 1), round(p95(dashNb) / scanP95, 3)]);

  // one visit recorded: the visit row alone, or with the state the dashboard reads (same transaction)
  const account = (await database.db.selectFrom('accounts').select('id').where('username', '=', 'care').executeTakeFirstOrThrow()).id;
  const writeVisit = async (withState: boolean, i: number) => {
    const b = data.beneficiaries[(i * 7919) % data.beneficiaries.length] as { id: string; nb: string };
    const at = NOW.toISOString();
    const t0 = process.hrtime.bigint();
    await database.db.transaction().execute(async (trx) => {
      await visitsRepo.insertVisit(trx, {
        id: uuidv7(),
        subdistrict_id: data.subdistrictId,
        neighborhood_id: b.nb,
        beneficiary_id: b.id,
        status: 'done',
        scheduled_on: null,
        visitor_account_ids: '[]',
        done_on: todayIso(NOW),
        visitors: '周敏',
        condition_seen: '一切正常',
        supplies: null,
        concerns: null,
        next_visit_on: null,
        client_key: uuidv7(),
        record_key: uuidv7(),
        created_by: account,
        recorded_by: account,
        created_at: at,
        updated_at: at,
      });
      if (withState) {
        await visitsRepo.recordInState(trx, {
          beneficiary_id: b.id,
          subdistrict_id: data.subdistrictId,
          neighborhood_id: b.nb,
          last_visit_on: todayIso(NOW),
          next_visit_on: null,
          updated_at: at,
        });
      }
    });
    return ms(t0);
  };
  const plain: number[] = [];
  const kept: number[] = [];
  for (let i = 0; i < WRITES; i++) {
    plain.push(await writeVisit(false, 2 * i));
    kept.push(await writeVisit(true, 2 * i + 1));
  }
  rows.push([label, 'write: visit row only (baseline)', round(median(plain), 3), round(p95(plain), 3), '1']);
  rows.push([label, 'write: visit + visit state', round(median(kept), 3), round(p95(kept), 3), round(median(kept) / median(plain), 2)]);

  // one need registered, with the two covering indexes and without them: two copies of the needs
  // table with the same rows and the same other indexes, written in turn
  for (const [table, dash] of [
    ['bench_needs_plain', false],
    ['bench_needs_dash', true],
  ] as const) {
    await sql`create table ${sql.table(table)} as select * from care_needs`.execute(database.db);
    await sql`create unique index ${sql.id(`${table}_pk`)} on ${sql.table(table)} (id)`.execute(database.db);
    await sql`create index ${sql.id(`${table}_list`)} on ${sql.table(table)} (subdistrict_id, status, item)`.execute(database.db);
    await sql`create index ${sql.id(`${table}_b`)} on ${sql.table(table)} (beneficiary_id)`.execute(database.db);
    if (dash) {
      await sql`create index ${sql.id(`${table}_sd`)} on ${sql.table(table)} (subdistrict_id, status, item, created_at, neighborhood_id, quantity)`.execute(
        database.db,
      );
      await sql`create index ${sql.id(`${table}_nb`)} on ${sql.table(table)} (neighborhood_id, status, item, created_at, quantity)`.execute(
        database.db,
      );
    }
  }
  await sql`analyze`.execute(database.db);
  const writeNeed = async (table: string, i: number) => {
    const b = data.beneficiaries[(i * 104729) % data.beneficiaries.length] as { id: string; nb: string };
    const at = NOW.toISOString();
    const t0 = process.hrtime.bigint();
    await database.db.transaction().execute(async (trx) => {
      await sql`insert into ${sql.table(table)} (id, subdistrict_id, neighborhood_id, beneficiary_id, item, quantity, urgency, status, created_by, created_at, updated_at)
        values (${uuidv7()}, ${data.subdistrictId}, ${b.nb}, ${b.id}, 'masks', 2, 'normal', 'registered', ${account}, ${at}, ${at})`.execute(
        trx,
      );
    });
    return ms(t0);
  };
  const without: number[] = [];
  const withIdx: number[] = [];
  for (let i = 0; i < WRITES; i++) {
    without.push(await writeNeed('bench_needs_plain', i));
    withIdx.push(await writeNeed('bench_needs_dash', i));
  }
  rows.push([label, 'write: need row without dashboard indexes (baseline)', round(median(without), 3), round(p95(without), 3), '1']);
  rows.push([
    label,
    'write: need row with dashboard indexes',
    round(median(withIdx), 3),
    round(p95(withIdx), 3),
    round(median(withIdx) / median(without), 2),
  ]);
}

export default async function run(): Promise<BenchResult> {
  const rows: (string | number)[][] = [];
  const notes: string[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-bench-dash-'));
  const sqlite = openDatabase({ database: { kind: 'sqlite', file: path.join(dir, 'linli.db') } });
  try {
    await measure(sqlite, 'SQLite', rows, notes);
  } finally {
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  }
  if (process.env.BENCH_PG !== '0') {
    const cluster = await startCluster();
    try {
      const admin = new pg.Client(cluster.url);
      await admin.connect();
      await admin.query('create database linli_bench_dash');
      await admin.end();
      const database = openDatabase({ database: { kind: 'postgres', url: cluster.url.replace(/\/postgres$/, '/linli_bench_dash') } });
      try {
        await measure(database, 'PostgreSQL', rows, notes);
      } finally {
        await database.close();
      }
    } finally {
      await cluster.stop();
    }
  }
  notes.push('goal: dashboard p95 ≤ 0.1 × the full scan’s p95; writes: median ms per transaction, ratio of medians');
  return {
    title: `关爱看板 over ${EVENTS.toLocaleString()} timeline events: dashboard vs a full-scan GROUP BY (ms; ${DASH_RUNS} dashboard runs, ${SCAN_RUNS} scans; ${WRITES} writes each)`,
    columns: ['database', 'what', 'median ms', 'p95 ms', '× baseline'],
    rows,
    notes,
  };
}
