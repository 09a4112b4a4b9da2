import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../../test/app';
import { jobsModule } from './jobs.module';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('job fair demo data', () => {
  it('seeds a published fair, employers, 20 positions, 20 seekers and an employer account that sees its consenting applicants', async () => {
    await jobsModule.seedDemo?.(t.services.jobs, t.org, t.services.core);
    const jobs = await t.as('jobs');
    const fairs = (await jobs.get('/api/jobs/fairs')).body.fairs;
    expect(fairs).toHaveLength(1);
    expect(fairs[0]).toMatchObject({ status: 'published', positions: 20 });
    expect((await jobs.get('/api/jobs/seekers')).body.total).toBe(20);
    const stats = (await jobs.get('/api/jobs/stats')).body;
    expect(stats).toMatchObject({ seekers: 20, consenting: 18, positions: 20 });
    expect(stats.applications).toBeGreaterThanOrEqual(25);
    const cov = (await jobs.get(`/api/jobs/fairs/${fairs[0].id}/coverage`)).body;
    expect(cov).toMatchObject({ seekers: 20, positions: 20, goodCount: 3 });
    expect(cov.coverage).toBeGreaterThan(0);
    expect(cov.maxLoadRatio).toBeLessThanOrEqual(1);
    for (const p of cov.byPosition) expect(p.load).toBeLessThanOrEqual(p.capacity);
    const cards = (await jobs.get('/api/home/cards')).body.cards;
    expect(cards).toContainEqual(
      expect.objectContaining({ key: 'jobs.overview', figure: expect.objectContaining({ value: stats.applications }) }),
    );
    // the afternoon of the fair: five rooms, a published timetable of about 30 interviews, some held, one missed
    const fairId = fairs[0].id;
    const rooms = (await jobs.get(`/api/jobs/fairs/${fairId}/rooms`)).body.rooms;
    expect(rooms).toHaveLength(5);
    for (const r of rooms) expect(r.meeting).toMatch(/^腾讯会议 \d{3} \d{3} \d{3}$/);
    const tt = (await jobs.get(`/api/jobs/fairs/${fairId}/timetable`)).body;
    expect(tt.publishedAt).not.toBeNull();
    const ivs = tt.rooms.flatMap((r: { interviews: unknown[] }) => r.interviews);
    expect(ivs.length).toBe(stats.applications - tt.unscheduled.length);
    expect(ivs.length).toBeGreaterThanOrEqual(25);
    expect(tt.rooms.filter((r: { interviews: unknown[] }) => r.interviews.length > 0).length).toBeGreaterThanOrEqual(4);
    expect(tt.makespanMinutes).toBeGreaterThanOrEqual(tt.lowerBoundMinutes);
    const report = (await jobs.get(`/api/jobs/fairs/${fairId}/report`)).body;
    // three finished (one passed with an offer), two in the rooms now, one no-show
    expect(report.totals).toMatchObject({ interviewed: 5, noShows: 1, passed: 1, offers: 1 });
    // the fair day is stamped on the fair's date (16 Dec, Beijing time), not the day the demo was seeded
    const onFairDay = (iso: string | null) => iso === null || (iso >= '2026-12-15T16:00:00.000Z' && iso < '2026-12-16T16:00:00.000Z');
    expect(onFairDay(tt.publishedAt)).toBe(true);
    const held = await t.database.db
      .selectFrom('jobs_interviews')
      .select(['status', 'called_at', 'ended_at', 'start_minute'])
      .where('fair_id', '=', fairId)
      .where('status', '!=', 'scheduled')
      .execute();
    expect(held.length).toBeGreaterThanOrEqual(6);
    for (const iv of held) {
      expect(onFairDay(iv.called_at), `${iv.status} called ${iv.called_at}`).toBe(true);
      expect(onFairDay(iv.ended_at), `${iv.status} ended ${iv.ended_at}`).toBe(true);
    }
    // each one called in the afternoon, not before its place in the timetable (13:00 Beijing is 05:00 UTC)
    for (const iv of held.filter((x) => x.called_at)) expect((iv.called_at ?? '') >= '2026-12-16T05:00:00.000Z').toBe(true);
    const events = await t.database.db.selectFrom('jobs_console_events').select('at').where('fair_id', '=', fairId).execute();
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) expect(onFairDay(e.at), e.at).toBe(true);
    const board = (await jobs.get(`/api/jobs/fairs/${fairId}/board`)).body;
    expect(JSON.stringify(board)).toContain('面试间 1');
    const queue = (await jobs.get(`/api/jobs/rooms/${rooms[0].id}/queue`)).body;
    expect(queue).toBeTruthy();
    // the audit page names the records, a seeker by a masked name
    const auditor = await t.as('auditor');
    const seeker = (await auditor.get('/api/audit?action=jobs.seeker_register')).body.items[0];
    expect(seeker.actionLabel).toEqual({ 'zh-CN': '登记求职者', en: 'Register job seeker' });
    expect(seeker.targetName).toMatch(/^求职者 .\*+$/);
    const pos = (await auditor.get('/api/audit?action=jobs.position_create')).body.items[0];
    expect(pos.targetName).toMatch(/^岗位「.+」（.+）$/);
    const partner = await t.as('partner');
    const employers = (await partner.get('/api/jobs/employers')).body.employers;
    expect(employers.map((e: { name: string }) => e.name)).toEqual(['上海小东门信息科技有限公司']);
    const apps = (await partner.get('/api/jobs/applications')).body.applications;
    expect(apps.length).toBeGreaterThan(0);
    expect(apps.every((a: { employerName: string }) => a.employerName === '上海小东门信息科技有限公司')).toBe(true);
  });
});
