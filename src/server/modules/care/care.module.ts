import { CARE_PERMISSIONS } from '../../../contracts/care.vocab';
import { defineModule } from '../../core/modules/manifest';
import { BeneficiariesService } from './beneficiaries.service';
import { campaignLive } from './campaigns.live';
import { CampaignsService } from './campaigns.service';
import { careAuditTargets } from './care.audit-targets';
import { careFigures } from './care.figures';
import { careHomeCards, carePhoneHome } from './care.home';
import { beneficiariesImportKind } from './care.import';
import { careRoutes } from './care.routes';
import { seedCareDemo } from './care.seed';
import type { CareTables } from './care.tables';
import * as m0010 from './migrations/0010_care';
import { NeedsService } from './needs.service';

export interface CareServices {
  beneficiaries: BeneficiariesService;
  campaigns: CampaignsService;
  needs: NeedsService;
}

declare module '../../core/modules/manifest' {
  interface ModuleServices {
    care: CareServices;
  }
}
declare module '../../db/schema' {
  interface DB extends CareTables {}
}

const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** Care for entitled beneficiaries (优抚对象关爱): registry, phone check-in campaigns, needs list. */
export const careModule = defineModule<CareServices>({
  key: 'care',
  label: label('优抚关爱', 'Care'),
  permissions: CARE_PERMISSIONS,
  extendRoles: {
    // the care office reveals its beneficiaries' ID numbers and phones, not the whole registry's
    care_staff: ['care:read', 'care:manage', 'care:call', 'care:reveal'],
    neighborhood_staff: ['care:read', 'care:manage', 'care:call'],
    volunteer: ['volunteer:tasks', 'care:call'],
  },
  figures: careFigures,
  migrations: { '0010_care': m0010 },
  auditLabels: {
    'care.beneficiary_create': label('新增优抚对象', 'Add beneficiary'),
    'care.beneficiary_update': label('修改优抚对象', 'Edit beneficiary'),
    'care.reveal': label('查看优抚对象敏感信息', 'Reveal beneficiary field'),
    'care.call_reveal': label('慰问时查看电话', 'Reveal phone for a call'),
    'care.call_record': label('记录电话慰问', 'Record a call'),
    'care.campaign_create': label('新建慰问活动', 'Create campaign'),
    'care.category_create': label('新增优抚类别', 'Add category'),
    'care.need_create': label('登记需求', 'Register need'),
    'care.need_status': label('需求状态变更', 'Need status change'),
    'care.todo_done': label('完成待办', 'Close to-do'),
    'care.export': label('导出优抚对象', 'Export beneficiaries'),
    'care.needs_export': label('导出需求清单', 'Export needs'),
  },
  auditTargets: careAuditTargets,
  async register({ app, core, people, imports }) {
    const beneficiaries = new BeneficiariesService(core, people);
    const campaigns = new CampaignsService(core, beneficiaries);
    const needs = new NeedsService(core);
    imports.register(beneficiariesImportKind(people, beneficiaries));
    core.live.register(campaignLive(campaigns));
    await app.register(careRoutes, { core, beneficiaries, campaigns, needs });
    return { beneficiaries, campaigns, needs };
  },
  seedDemo: seedCareDemo,
  homeCards: careHomeCards,
  phoneHome: carePhoneHome,
});
