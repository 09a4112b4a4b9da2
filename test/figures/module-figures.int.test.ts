import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../app';
import { buildAccount } from '../factories';

/**
 * Every module's figures for a month and a place equal what the test counts itself, in plain
 * JavaScript over every row of the tables, after the demo data of all modules is seeded.
 */
const BEIJING = 8 * 3600 * 1000;
const monthOf = (iso: string | null) => (iso ? new Date(Date.parse(iso) + BEIJING).toISOString().slice(0, 7) : null);
const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);
const oneDecimal = (x: number) => Math.round(x * 10) / 10;
const MEMBERS = new Set(['full', 'probationary']);

describe('module figures (care, jobs, training, party)', () => {
  let t: TestApp;
  let leaderName: string;
  beforeAll(async () => {
    t = await testApp();
    for (const m of t.services.modules) await m.manifest.seedDemo?.(m.services, t.org, t.services.core);
    const a = await buildAccount(t.database.db, { role: 'leader', orgId: t.org.subdistrictId, subdistrictId: t.org.subdistrictId });
    leaderName = a.username;
    // the demo seeds no home visits: record some in the calls' busiest month, one of them scheduled only
    const db = t.database.db;
    const people = await db.selectFrom('care_beneficiaries').select(['id', 'neighborhood_id']).orderBy('id').limit(6).execute();
    const month = (await busyMonths())[0] as string;
    for (const [i, b] of people.entries()) {
      await db
        .insertInto('care_visits')
        .values({
          id: `fig-visit-${i}`,
          subdistrict_id: t.org.subdistrictId,
          neighborhood_id: b.neighborhood_id,
          beneficiary_id: b.id,
          status: i === 5 ? 'scheduled' : 'done',
          scheduled_on: `${month}-1${i}`,
          visitor_account_ids: '[]',
          done_on: i === 5 ? null : `${month}-1${i}`,
          visitors: null,
          condition_seen: null,
          supplies: null,
          concerns: null,
          next_visit_on: null,
          client_key: `fig-visit-${i}`,
          record_key: null,
          created_by: a.id,
          recorded_by: null,
          created_at: new Date().toISOString(),
          updated_at: new Date().toISOString(),
        })
        .execute();
    }
  }, 120_000);
  afterAll(() => t?.close());

  /** what a rate counts on top (its drill-down lists these), and the ids some figures count, per month and place */
  const numerators = new Map<string, Record<string, number>>();
  const ids = new Map<string, Record<string, string[]>>();

  const weakestName = new Map<string, string | undefined>();
  async function expected(month: string, nb: string | null) {
    const db = t.database.db;
    const inNb = (r: { neighborhood_id: string }) => !nb || r.neighborhood_id === nb;
    const calls = (await db.selectFrom('care_calls').selectAll().execute()).filter((r) => inNb(r) && monthOf(r.created_at) === month);
    const needs = await db.selectFrom('care_needs').selectAll().execute();
    const needNb = new Map(needs.map((n) => [n.id, n.neighborhood_id]));
    const delivered = new Set(
      (await db.selectFrom('care_need_events').selectAll().execute())
        .filter((e) => e.to_status === 'delivered' && monthOf(e.at) === month && (!nb || needNb.get(e.need_id) === nb))
        .map((e) => e.need_id),
    );
    const sub = <T>(v: T) => (nb ? null : v);
    const fairs = await db.selectFrom('jobs_fairs').selectAll().execute();
    const created = async (table: 'jobs_seekers' | 'jobs_positions' | 'jobs_applications') =>
      (await db.selectFrom(table).select('created_at').execute()).filter((r) => monthOf(r.created_at) === month).length;
    const sessions = (await db.selectFrom('training_sessions').selectAll().execute()).filter((s) => monthOf(s.starts_at) === month);
    const sessionIds = new Set(sessions.map((s) => s.id));
    const checkins = (await db.selectFrom('training_checkins').selectAll().execute()).filter(
      (c) => sessionIds.has(c.session_id) && c.checked_in_at,
    );
    const attempts = (await db.selectFrom('training_attempts').selectAll().execute()).filter(
      (a) => monthOf(a.submitted_at) === month && Number(a.max_score) > 0,
    );
    const tags = new Map((await db.selectFrom('training_questions').select(['id', 'tags']).execute()).map((q) => [q.id, q.tags]));
    const byTag = new Map<string, number[]>();
    for (const r of (await db.selectFrom('training_responses').selectAll().execute()).filter((r) => monthOf(r.answered_at) === month)) {
      for (const tag of (tags.get(r.question_id) ?? '').split('|').filter(Boolean))
        byTag.set(tag, [...(byTag.get(tag) ?? []), Number(r.score) > 0 ? 1 : 0]);
    }
    const members = (await db.selectFrom('party_members').selectAll().execute()).filter((m) => MEMBERS.has(m.status));
    const inScope = members.filter(inNb);
    const activities = (await db.selectFrom('party_activities').selectAll().execute()).filter((a) => monthOf(a.starts_at) === month);
    const actIds = new Set(activities.map((a) => a.id));
    const invited = (await db.selectFrom('party_activity_branches').selectAll().execute()).filter(
      (b) => actIds.has(b.activity_id) && inNb(b),
    );
    const expectedSeats = invited.reduce((n, b) => n + members.filter((m) => m.branch_id === b.branch_id).length, 0);
    const came = new Set(
      (await db.selectFrom('party_checkins').selectAll().execute())
        .filter(
          (c) => actIds.has(c.activity_id) && inNb(c) && members.some((m) => m.person_id === c.person_id && m.branch_id === c.branch_id),
        )
        .map((c) => `${c.activity_id}/${c.person_id}`),
    );
    const inScopePeople = new Set(inScope.map((m) => m.person_id));
    const studied = new Set(
      (await db.selectFrom('party_study_checkins').selectAll().execute())
        .filter((c) => c.day.slice(0, 7) === month && inScopePeople.has(c.person_id))
        .map((c) => c.person_id),
    );
    const gave = new Set(
      (await db.selectFrom('party_donations').selectAll().execute())
        .filter((d) => d.given_on.slice(0, 7) === month && inScopePeople.has(d.person_id))
        .map((d) => d.person_id),
    );
    const reviewed = (await db.selectFrom('party_reports').selectAll().execute()).filter(
      (r) => r.status === 'reviewed' && monthOf(r.reviewed_at) === month && inNb(r),
    );
    const nextMonth = (() => {
      const [y, m] = month.split('-').map(Number) as [number, number];
      return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
    })();
    const expired = (await db.selectFrom('training_committees').selectAll().execute()).filter((c) => inNb(c) && c.term_end < nextMonth);
    const waiting = (await db.selectFrom('party_reports').selectAll().execute()).filter(
      (r) => r.status === 'submitted' && monthOf(r.submitted_at) === month && inNb(r),
    );
    numerators.set(`${month}/${nb}`, {
      'party.attendance_rate': came.size,
      'party.study_active_rate': studied.size,
      'party.donation_rate': gave.size,
      'training.quiz_mean': nb ? 0 : attempts.length,
    });
    ids.set(`${month}/${nb}`, {
      'care.needs_registered': needs.filter((n) => inNb(n) && monthOf(n.created_at) === month).map((n) => n.id),
      'care.calls_reached': [...new Set(calls.filter((c) => c.outcome === 'reached').map((c) => c.beneficiary_id))],
      'party.activities_held': [...new Set(invited.map((b) => b.activity_id))],
      'training.terms_expired': expired.map((c) => c.id),
    });
    const rateOf = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    // the weakest topic's name: the lowest rate, of equal ones the first by name
    weakestName.set(
      `${month} ${nb}`,
      nb ? undefined : [...byTag.entries()].sort((a, b) => rateOf(a[1]) - rateOf(b[1]) || a[0].localeCompare(b[0], 'zh-CN'))[0]?.[0],
    );
    return {
      'training.terms_expired': expired.length,
      'party.reports_waiting': waiting.length,
      'care.calls_phoned': new Set(calls.map((c) => c.beneficiary_id)).size,
      'care.calls_reached': new Set(calls.filter((c) => c.outcome === 'reached').map((c) => c.beneficiary_id)).size,
      'care.needs_registered': needs.filter((n) => inNb(n) && monthOf(n.created_at) === month).length,
      'care.needs_delivered': delivered.size,
      'care.visits_done': (await db.selectFrom('care_visits').selectAll().execute()).filter(
        (v) => inNb(v) && v.status === 'done' && v.done_on?.slice(0, 7) === month,
      ).length,
      'care.deliveries_done': (await db.selectFrom('care_delivery_tasks').selectAll().execute()).filter(
        (d) => inNb(d) && ['delivered', 'confirmed'].includes(d.status) && monthOf(d.delivered_at) === month,
      ).length,
      'jobs.fairs_held': sub(fairs.filter((f) => f.status !== 'draft' && monthOf(f.starts_at) === month).length),
      'jobs.seekers_registered': sub(await created('jobs_seekers')),
      'jobs.positions': sub(await created('jobs_positions')),
      'jobs.applications': sub(await created('jobs_applications')),
      'training.sessions_held': sub(sessions.length),
      'training.attendance': sub(checkins.length),
      'training.quiz_mean': sub(
        attempts.length
          ? oneDecimal((attempts.reduce((s, a) => s + Number(a.score ?? 0) / Number(a.max_score), 0) / attempts.length) * 100)
          : null,
      ),
      'training.weakest_tag_rate': sub(
        byTag.size ? oneDecimal(Math.min(...[...byTag.values()].map((v) => (v.reduce((a, b) => a + b, 0) / v.length) * 100))) : null,
      ),
      'party.activities_held': new Set(invited.map((b) => b.activity_id)).size,
      'party.attendance_rate': pct(came.size, expectedSeats),
      'party.study_active_rate': pct(studied.size, inScope.length),
      'party.reports_reviewed': reviewed.length,
      'party.donation_rate': pct(gave.size, inScope.length),
    } as Record<string, number | null>;
  }

  /** the months the demo data is busiest in: where every module has records to count */
  async function busyMonths() {
    const db = t.database.db;
    const stamps = [
      ...(await db.selectFrom('care_calls').select('created_at as at').execute()),
      ...(await db.selectFrom('party_activities').select('starts_at as at').execute()),
      ...(await db.selectFrom('training_sessions').select('starts_at as at').execute()),
      ...(await db.selectFrom('jobs_fairs').select('starts_at as at').execute()),
    ].map((r) => monthOf(r.at) as string);
    const n = new Map<string, number>();
    for (const m of stamps) n.set(m, (n.get(m) ?? 0) + 1);
    return [...n.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 3)
      .map(([m]) => m);
  }

  it('equal counts made independently from the rows, for the subdistrict and for one neighborhood', async () => {
    const leader = await t.as(leaderName);
    const months = await busyMonths();
    expect(months.length).toBeGreaterThan(0);
    let nonZero = 0;
    for (const month of months) {
      for (const nb of [null, t.org.neighborhoods.白渡 as string]) {
        const res = await leader.get(`/api/figures?month=${month}${nb ? `&orgId=${nb}` : ''}`);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        const got = Object.fromEntries(res.body.figures.map((f: { key: string; value: number | null }) => [f.key, f.value]));
        const want = await expected(month, nb);
        for (const key of Object.keys(want)) expect(got[key], `${key} ${month} ${nb ?? '全街道'}`).toEqual(want[key]);
        const weakest = res.body.figures.find((f: { key: string }) => f.key === 'training.weakest_tag_rate');
        expect(weakest?.detail, `weakest topic ${month}`).toEqual(weakestName.get(`${month} ${nb}`));
        nonZero += Object.values(want).filter((v) => v).length;
        for (const f of res.body.figures) {
          expect(f.how.length, f.key).toBeGreaterThan(5);
          expect(f.records, f.key).toBe(true);
        }
      }
    }
    expect(nonZero).toBeGreaterThan(5);
  });

  it('a neighborhood worker reads their own neighborhood’s figures and not the subdistrict’s', async () => {
    const baidu = await t.as('baidu');
    const months = await busyMonths();
    const own = await baidu.get(`/api/figures?month=${months[0]}&orgId=${t.org.neighborhoods.白渡}`);
    expect(own.status).toBe(200);
    expect(own.body.figures.map((f: { key: string }) => f.key)).toEqual(expect.arrayContaining(['care.calls_reached']));
    const wide = await baidu.get(`/api/figures?month=${months[0]}`);
    expect(wide.body.figures.filter((f: { module: string }) => f.module === 'care')).toEqual([]);
  });

  it('drill down to exactly the records they count, for their module’s staff only', async () => {
    const month = (await busyMonths())[0] as string;
    const staff: Record<string, string> = { care: 'care', jobs: 'jobs', training: 'training', party: 'party' };
    for (const nb of [null, t.org.neighborhoods.白渡 as string]) {
      const want = await expected(month, nb);
      const key = `${month}/${nb}`;
      for (const [figure, value] of Object.entries(want)) {
        const module = figure.split('.')[0] as string;
        // a neighborhood's care records are read by that neighborhood's own staff too
        const who = nb && module === 'care' ? 'baidu' : (staff[module] as string);
        const res = await (await t.as(who)).get(`/api/figures/records?key=${figure}&month=${month}${nb ? `&orgId=${nb}` : ''}`);
        expect(res.status, `${figure} ${JSON.stringify(res.body)}`).toBe(200);
        expect(res.body.figure.value, figure).toEqual(value);
        expect(res.body.truncated, figure).toBe(false);
        const rows = res.body.rows as { id: string; title: string }[];
        for (const r of rows) expect(r.title.length, figure).toBeGreaterThan(0);
        const counted = numerators.get(key)?.[figure] ?? (figure === 'training.weakest_tag_rate' ? null : value);
        if (counted === null) expect(rows.length > 0, figure).toBe(value !== null);
        else expect(rows.length, `${figure} ${nb ?? '全街道'}`).toBe(counted ?? 0);
        const wantIds = ids.get(key)?.[figure];
        if (wantIds) expect(rows.map((r) => r.id).sort(), figure).toEqual([...wantIds].sort());
      }
    }
    // the care office reads care's records, not the party's; a leader lists them without opening the records' pages
    expect((await (await t.as('care')).get(`/api/figures/records?key=party.activities_held&month=${month}`)).status).toBe(404);
    const busy = Object.entries(await expected(month, null)).find(([k, v]) => k.startsWith('care.') && v)?.[0] as string;
    const led = await (await t.as(leaderName)).get(`/api/figures/records?key=${busy}&month=${month}`);
    expect(led.body.rows.length).toBeGreaterThan(0);
    expect(led.body.rows.every((r: { link: string | null }) => r.link === null)).toBe(true);
    const own = await (await t.as('care')).get(`/api/figures/records?key=${busy}&month=${month}`);
    expect(own.body.rows.length).toBe(led.body.rows.length);
    expect(own.body.rows.every((r: { link: string | null }) => r.link?.startsWith('/care/beneficiaries/'))).toBe(true);
  });

  it('count what is overdue this month as the visit and report lists do, and list who', async () => {
    const now = new Date(Date.now() + BEIJING).toISOString().slice(0, 7);
    const figure = async (who: string, key: string) => {
      const res = await (await t.as(who)).get(`/api/figures/records?key=${key}&month=${now}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body as { figure: { value: number; overdue: boolean }; rows: { id: string }[] };
    };
    const visits = await figure('care', 'care.visits_overdue');
    const due = (await (await t.as('care')).get('/api/care/visits/due?state=overdue')).body;
    expect(visits.figure).toMatchObject({ value: due.counts.overdue, overdue: true });
    expect(visits.rows.map((r) => r.id).sort()).toEqual(due.items.map((i: { beneficiaryId: string }) => i.beneficiaryId).sort());
    expect(visits.figure.value).toBeGreaterThan(0);
    const reports = await figure('party', 'party.reports_overdue');
    const owed = (await (await t.as('party')).get('/api/party/reports')).body.overdue as unknown[];
    expect(reports.figure).toMatchObject({ value: owed.length, overdue: true });
    expect(reports.rows).toHaveLength(owed.length);
  });
});
