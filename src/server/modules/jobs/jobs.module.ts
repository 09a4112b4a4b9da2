import { JOBS_EMPLOYER_RESOURCE, JOBS_PERMISSIONS } from '../../../contracts/jobs.vocab';
import { defineModule } from '../../core/modules/manifest';
import { FairsService } from './fairs.service';
import { INTERVIEW_AUDIT_LABELS, registerInterviews } from './interviews.module';
import type { InterviewsService } from './interviews.service';
import type { JobsInterviewTables } from './interviews.tables';
import { jobsAuditTargets } from './jobs.audit-targets';
import { JOBS_USAGE, jobsCommand } from './jobs.cli';
import { jobsFigures } from './jobs.figures';
import { jobsHomeCards, jobsPhoneHome } from './jobs.home';
import { positionsImportKind } from './jobs.import';
import { employerOptions } from './jobs.repository';
import { jobsRoutes } from './jobs.routes';
import { seedJobsDemo } from './jobs.seed';
import type { JobsTables } from './jobs.tables';
import * as core0001 from './migrations/20261202_jobs_core';
import * as interviews0002 from './migrations/20261202_jobs_interviews';
import * as availability0003 from './migrations/20261202_jobs_seekers_availability';
import * as revoked0004 from './migrations/20261202_jobs_tokens_revoked';
import { PositionsService } from './positions.service';
import { SCHEDULE_USAGE, scheduleCommand } from './schedule.cli';
import { RESUME_OWNER, SeekersService } from './seekers.service';

export interface JobsServices {
  fairs: FairsService;
  positions: PositionsService;
  seekers: SeekersService;
  interviews: InterviewsService;
}

declare module '../../core/modules/manifest' {
  interface ModuleServices {
    jobs: JobsServices;
  }
}
declare module '../../db/schema' {
  interface DB extends JobsTables, JobsInterviewTables {}
}

const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/**
 * Online job fairs (云招聘), part 1: fairs and their public page, employers and positions (with an
 * Excel import), seekers (core people; SMS sign-in or registered by staff) with consent,
 * explained matching both ways (domain/), applications and statistics. A recruiting partner's
 * account is granted on its employers (`jobs.employer`) and sees only their positions and the
 * consenting applicants. The interview timetable (domain/timetable, `jobs schedule`) is part 2's.
 */
export const jobsModule = defineModule<JobsServices>({
  key: 'jobs',
  label: label('云招聘', 'Job fairs'),
  permissions: JOBS_PERMISSIONS,
  extendRoles: { jobs_staff: ['jobs:read', 'jobs:manage'] },
  roles: [
    {
      code: 'jobs_partner',
      admin: false,
      assignable: true,
      scopeKinds: [JOBS_EMPLOYER_RESOURCE],
      permissions: ['jobs:read', 'jobs:manage'],
      totpRequired: false,
    },
  ],
  resourceKinds: [{ kind: JOBS_EMPLOYER_RESOURCE, label: label('用人单位', 'Employer'), options: employerOptions }],
  figures: jobsFigures,
  migrations: {
    '20261202_jobs_core': core0001,
    '20261202_jobs_interviews': interviews0002,
    '20261202_jobs_seekers_availability': availability0003,
    '20261202_jobs_tokens_revoked': revoked0004,
  },
  auditLabels: {
    'jobs.fair_create': label('新建招聘会', 'Create job fair'),
    'jobs.fair_update': label('修改招聘会', 'Edit job fair'),
    'jobs.fair_publish': label('发布招聘会', 'Publish job fair'),
    'jobs.fair_close': label('结束招聘会', 'Close job fair'),
    'jobs.employer_create': label('新增用人单位', 'Add employer'),
    'jobs.employer_update': label('修改用人单位', 'Edit employer'),
    'jobs.position_create': label('新增岗位', 'Add position'),
    'jobs.position_update': label('修改岗位', 'Edit position'),
    'jobs.seeker_register': label('登记求职者', 'Register job seeker'),
    'jobs.seeker_update': label('修改求职信息', 'Edit job seeker'),
    'jobs.consent_give': label('同意向用人单位提供求职信息', 'Consent to share profile'),
    'jobs.consent_withdraw': label('撤回信息提供同意', 'Withdraw consent'),
    'jobs.apply': label('投递岗位', 'Apply'),
    'jobs.application_withdraw': label('撤回投递', 'Withdraw application'),
    'jobs.application_status': label('投递状态变更', 'Application status change'),
    'jobs.resume_upload': label('上传简历', 'Upload resume'),
    'jobs.seekers_export': label('导出求职者', 'Export job seekers'),
    'jobs.seeker_reveal': label('查看求职者手机号', 'Reveal job seeker phone'),
    ...INTERVIEW_AUDIT_LABELS,
  },
  auditTargets: jobsAuditTargets,
  async register({ app, core, people, imports }) {
    const fairs = new FairsService(core);
    const positions = new PositionsService(core);
    const seekers = new SeekersService(core, people);
    imports.register(positionsImportKind(positions));
    core.files.registerOwner(RESUME_OWNER, (ctx, seekerId) => seekers.mayReadResume(ctx, seekerId));
    await app.register(jobsRoutes, { core, fairs, positions, seekers });
    const interviews = await registerInterviews({ app, core }, seekers);
    return { fairs, positions, seekers, interviews };
  },
  demoAccounts: [
    { username: 'partner', displayName: '用人单位 小东门信息科技 钱女士', role: 'jobs_partner', scope: '上海小东门信息科技有限公司' },
  ],
  seedDemo: seedJobsDemo,
  homeCards: jobsHomeCards,
  phoneHome: jobsPhoneHome,
  commands: [
    {
      name: 'jobs',
      usage: `${JOBS_USAGE.replace(/^用法：npm run linli -- /, '').replace(/\n\s+npm run linli -- /g, '\n  ')}\n  ${SCHEDULE_USAGE}`,
      run: async (args) => {
        if (args[0] === 'schedule') return scheduleCommand(args.slice(1));
        await jobsCommand(args);
        return 0;
      },
    },
  ],
});
