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
    expect(stats).toMatchObject({ seekers: 20, consenting: 18, positions: 20, applications: 5 });
    const cov = (await jobs.get(`/api/jobs/fairs/${fairs[0].id}/coverage`)).body;
    expect(cov).toMatchObject({ seekers: 20, positions: 20, goodCount: 3 });
    expect(cov.coverage).toBeGreaterThan(0);
    expect(cov.maxLoadRatio).toBeLessThanOrEqual(1);
    for (const p of cov.byPosition) expect(p.load).toBeLessThanOrEqual(p.capacity);
    const partner = await t.as('partner');
    const employers = (await partner.get('/api/jobs/employers')).body.employers;
    expect(employers.map((e: { name: string }) => e.name)).toEqual(['上海小东门信息科技有限公司']);
    const apps = (await partner.get('/api/jobs/applications')).body.applications;
    expect(apps.length).toBeGreaterThan(0);
    expect(apps.every((a: { employerName: string }) => a.employerName === '上海小东门信息科技有限公司')).toBe(true);
  });
});
