import { TRAINING_PERMISSIONS } from '../../../contracts/training.vocab';
import { defineModule } from '../../core/modules/manifest';
import { TRAINING_USAGE, trainingCommand } from './training.cli';

/**
 * Homeowners'-committee training (业委会培训). So far its pure parts: item analysis (with the
 * command `training item-analysis`), quiz grading, targeted training plans and the committee
 * registry's rules in domain/; its tables, routes and pages come with issue #12.
 */
export const trainingModule = defineModule<null>({
  key: 'training',
  label: { 'zh-CN': '业委会培训', en: 'Committee training' },
  permissions: TRAINING_PERMISSIONS,
  extendRoles: { training_staff: ['training:read', 'training:manage'] },
  async register() {
    return null;
  },
  commands: [{ name: 'training', usage: TRAINING_USAGE, run: (args) => trainingCommand(args) }],
});
