import type { Kysely } from 'kysely';
import { CARE_PERMISSIONS } from '../../../contracts/care.vocab';
import { defineModule } from '../../core/modules/manifest';
import type { DB } from '../../db/schema';
import { BeneficiariesService } from './beneficiaries.service';
import { campaignAdminRoutes } from './campaign-admin.routes';
import { CampaignAdminService } from './campaign-admin.service';
import { campaignLive } from './campaigns.live';
import { CampaignsService } from './campaigns.service';
import { careAuditTargets } from './care.audit-targets';
import { careFigures } from './care.figures';
import { careHomeCards, carePhoneHome } from './care.home';
import { beneficiariesImportKind } from './care.import';
import { careRoutes } from './care.routes';
import { seedCareDemo } from './care.seed';
import type { CareTables } from './care.tables';
import { careSettingsRoutes } from './care-settings.routes';
import type { DeliveryFigures } from './dashboard.service';
import { deliveryAuditTargets } from './deliveries.audit-targets';
import { deliveryFigures, deliveryTimeline } from './deliveries.repository';
import { deliveriesRoutes } from './deliveries.routes';
import { DeliveriesService } from './deliveries.service';
import * as m0010 from './migrations/0010_care';
import * as m20261202deliveries from './migrations/20261202_care_deliveries';
import * as m20261202fixes from './migrations/20261202_care_fixes';
import * as m20261202Visits from './migrations/20261202_care_visits';
import * as m20261202VisitsPhotoConsent from './migrations/20261202_care_visits_photo_consent';
import { NeedsService } from './needs.service';
import { templatesRoutes } from './templates.routes';
import { TemplatesService } from './templates.service';
import { timelineRoutes } from './timeline.routes';
import { OWN_SOURCES, TimelineService } from './timeline.service';
import type { VisitsServices } from './visits.register';
import { registerVisits } from './visits.register';
import { visitTimeline } from './visits.service';

export interface CareServices extends VisitsServices {
  beneficiaries: BeneficiariesService;
  campaigns: CampaignsService;
  needs: NeedsService;
  timeline: TimelineService;
  templates: TemplatesService;
  deliveries: DeliveriesService;
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

/** the dashboard's delivery figures: done and pending over every neighborhood in the scope */
const deliveryTotals: DeliveryFigures = async (db, scope) => {
  const rows = await deliveryFigures(db as Kysely<DB>, scope);
  return { done: rows.reduce((n, r) => n + r.done, 0), pending: rows.reduce((n, r) => n + r.pending, 0) };
};

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
  migrations: {
    '0010_care': m0010,
    '20261202_care_fixes': m20261202fixes,
    '20261202_care_deliveries': m20261202deliveries,
    '20261202_care_visits': m20261202Visits,
    '20261202_care_visits_photo_consent': m20261202VisitsPhotoConsent,
  },
  figures: careFigures,
  // home-visit photos only with the visited person's consent; delivery photos stay private
  bulletinPhotos: [
    {
      key: 'care.visit_photos',
      label: label('上门走访', 'Home visits'),
      permission: 'care:read',
      list: (s, q) => s.visits.publishablePhotos(q.scope, q.month),
    },
  ],
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
    'care.note_add': label('添加工作记录', 'Add a note'),
    'care.campaign_update': label('修改慰问活动', 'Edit campaign'),
    'care.campaign_reassign': label('改派慰问通话', 'Reassign calls'),
    'care.campaign_close': label('结束慰问活动', 'Close campaign'),
    'care.campaign_export': label('导出通话清单', 'Export call list'),
    'care.robot_set': label('设置紧急需求群机器人', 'Set the urgent-needs robot'),
    'care.template_create': label('新增慰问话术模板', 'Add talking-point template'),
    'care.template_update': label('修改慰问话术模板', 'Edit talking-point template'),
    'care.delivery_create': label('安排配送任务', 'Create delivery runs'),
    'care.delivery_status': label('配送任务状态变更', 'Delivery status change'),
    'care.delivery_report': label('报告配送结果', 'Report a delivery'),
    'care.delivery_confirm': label('回访确认送达', 'Confirm a delivery'),
    'care.delivery_assign': label('改派配送志愿者', 'Reassign a delivery run'),
    'care.delivery_phone_reveal': label('配送时查看电话', 'Reveal phone for a delivery'),
    'care.visit_rule_save': label('保存走访规则', 'Save visit rule'),
    'care.visit_schedule': label('安排上门走访', 'Schedule home visit'),
    'care.visit_record': label('登记上门走访', 'Record home visit'),
    'care.visit_photo': label('上传走访照片', 'Add visit photo'),
    'care.visit_photo_publishable': label('标记走访照片可公开（受访者同意）', 'Mark a visit photo publishable (consent)'),
    'care.visit_robot': label('设置走访提醒机器人', 'Set visit reminder robot'),
    'care.dashboard_export': label('导出关爱看板', 'Export care dashboard'),
  },
  auditTargets: { ...careAuditTargets, ...deliveryAuditTargets },
  async register({ app, core, people, imports }) {
    const beneficiaries = new BeneficiariesService(core, people);
    const campaigns = new CampaignsService(core, beneficiaries);
    const needs = new NeedsService(core);
    imports.register(beneficiariesImportKind(people, beneficiaries));
    core.live.register(campaignLive(campaigns));
    await app.register(careRoutes, { core, beneficiaries, campaigns, needs });
    const timeline = new TimelineService(core, people, [...OWN_SOURCES, deliveryTimeline, visitTimeline]);
    await app.register(timelineRoutes, { timeline });
    await app.register(careSettingsRoutes, { core });
    const templates = new TemplatesService(core);
    await app.register(templatesRoutes, { templates });
    await app.register(campaignAdminRoutes, { admin: new CampaignAdminService(core, campaigns, beneficiaries) });
    const deliveries = new DeliveriesService(core, beneficiaries);
    await app.register(deliveriesRoutes, { deliveries });
    return { beneficiaries, campaigns, needs, timeline, templates, deliveries, ...(await registerVisits(app, core, deliveryTotals)) };
  },
  seedDemo: seedCareDemo,
  homeCards: careHomeCards,
  phoneHome: carePhoneHome,
});
