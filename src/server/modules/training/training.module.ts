import { TRAINING_PERMISSIONS } from '../../../contracts/training.vocab';
import { RateLimiter } from '../../core/auth/rate-limit';
import { defineModule } from '../../core/modules/manifest';
import { BankService } from './bank.service';
import * as m20261202 from './migrations/20261202_training_core';
import * as m20261202i from './migrations/20261202_training_invitations';
import { quizLive } from './quizzes.live';
import { QuizzesService } from './quizzes.service';
import { MATERIAL_OWNER, RegistryService } from './registry.service';
import { TRAINING_USAGE, trainingCommand } from './training.cli';
import { trainingFigures } from './training.figures';
import { trainingHomeCards, trainingPhoneHome } from './training.home';
import { questionsImportKind } from './training.import';
import { trainingRoutes } from './training.routes';
import { seedTrainingDemo } from './training.seed';
import type { TrainingTables } from './training.tables';

export interface TrainingServices {
  registry: RegistryService;
  bank: BankService;
  quizzes: QuizzesService;
}

declare module '../../core/modules/manifest' {
  interface ModuleServices {
    training: TrainingServices;
  }
}
declare module '../../db/schema' {
  interface DB extends TrainingTables {}
}

const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/**
 * Homeowners'-committee training (业委会培训, issue 12): the committee registry with 换届改选 and
 * 规范化 checklists, training sessions with phone check-in, the question bank (with Excel import),
 * live (随堂测试) and self-paced quizzes, results with item analysis, needs surveys and proposed
 * sessions. Participants join a quiz on their phone with a 6-digit code, name and phone.
 */
export const trainingModule = defineModule<TrainingServices>({
  key: 'training',
  label: label('业委会培训', 'Committee training'),
  permissions: TRAINING_PERMISSIONS,
  extendRoles: { training_staff: ['training:read', 'training:manage'] },
  migrations: { '20261202_training_core': m20261202, '20261202_training_invitations': m20261202i },
  figures: trainingFigures,
  auditLabels: {
    'training.committee_create': label('登记业委会', 'Register committee'),
    'training.committee_update': label('修改业委会', 'Edit committee'),
    'training.committee_tick': label('勾选业委会检查项', 'Tick committee checklist'),
    'training.checklist_add': label('新增规范化检查项', 'Add checklist item'),
    'training.session_create': label('新建培训场次', 'Create training session'),
    'training.session_update': label('修改培训场次', 'Edit training session'),
    'training.register': label('培训报名', 'Register for a session'),
    'training.checkin': label('培训签到', 'Session check-in'),
    'training.session_material': label('上传培训材料', 'Upload session material'),
    'training.session_invite': label('发送培训邀请', 'Send session invitations'),
    'training.question_create': label('新增题目', 'Add question'),
    'training.question_update': label('修改题目', 'Edit question'),
    'training.quiz_create': label('新建测验', 'Create quiz'),
    'training.live_step': label('随堂测试操作', 'Live quiz step'),
    'training.join': label('加入测验', 'Join quiz'),
    'training.survey': label('提交培训需求', 'Submit needs survey'),
  },
  async register({ app, core, people, imports }) {
    // wrong join and check-in codes are counted per address in the database, like sign-in failures
    const limiter = new RateLimiter(core.db);
    const registry = new RegistryService(core, people, limiter);
    const bank = new BankService(core);
    const quizzes = new QuizzesService(core, limiter);
    core.files.registerOwner(MATERIAL_OWNER, (ctx, id) => registry.materialVisible(ctx, id));
    imports.register(questionsImportKind(bank));
    core.live.register(quizLive(quizzes));
    await app.register(trainingRoutes, { core, registry, bank, quizzes });
    return { registry, bank, quizzes };
  },
  seedDemo: (services, org) => seedTrainingDemo(services, org),
  homeCards: trainingHomeCards,
  phoneHome: trainingPhoneHome,
  commands: [{ name: 'training', usage: TRAINING_USAGE, run: (args) => trainingCommand(args) }],
});
