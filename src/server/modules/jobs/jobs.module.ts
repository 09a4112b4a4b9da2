import { JOBS_PERMISSIONS } from '../../../contracts/jobs.vocab';
import { defineModule } from '../../core/modules/manifest';
import { JOBS_USAGE, jobsCommand } from './jobs.cli';

/**
 * Online job fairs (云招聘). So far its pure parts: explained person–position matching and the
 * fair-level recommendation in domain/, with the commands `jobs match` and `jobs fair`; its
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
      usage: JOBS_USAGE.replace(/^用法：npm run linli -- /, '').replace(/\n\s+npm run linli -- /g, '\n  '),
      run: async (args) => {
        await jobsCommand(args);
        return 0;
      },
    },
  ],
});
