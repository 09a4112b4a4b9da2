import { JOBS_PERMISSIONS } from '../../../contracts/jobs.vocab';
import { defineModule } from '../../core/modules/manifest';
import { JOBS_USAGE, jobsCommand } from './jobs.cli';
import { SCHEDULE_USAGE, scheduleCommand } from './schedule.cli';

/**
 * Online job fairs (云招聘). So far its pure parts: explained person–position matching and the
 * fair-level recommendation, the interview timetable in domain/, with the commands `jobs match`,
 * `jobs fair` and `jobs schedule`; its
 * tables, routes and pages come with issues #9 and #10.
 */
export const jobsModule = defineModule<null>({
  key: 'jobs',
  label: { 'zh-CN': '云招聘', en: 'Job fairs' },
  permissions: JOBS_PERMISSIONS,
  extendRoles: { jobs_staff: ['jobs:read', 'jobs:manage'] },
  async register() {
    return null;
  },
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
