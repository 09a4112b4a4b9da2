import { PARTY_PERMISSIONS } from '../../../contracts/party.vocab';
import { defineModule } from '../../core/modules/manifest';
import type { PeopleService } from '../../core/people/people.service';
import { ActivitiesService, THOUGHT_PHOTO_OWNER } from './activities.service';
import { DonationsService } from './donations.service';
import * as m20261202 from './migrations/20261202_party_core';
import * as m20261202photos from './migrations/20261202_party_photos';
import { MonthlyService } from './monthly.service';
import { OrgsService } from './orgs.service';
import { partyAuditTargets } from './party.audit-targets';
import { indexOrgs } from './party.base';
import { PARTY_USAGE, partyCommand } from './party.cli';
import { partyFigures } from './party.figures';
import { partyHomeCards } from './party.home';
import { donationsImportKind, membersImportKind } from './party.import';
import { partyPhotos } from './party.photos';
import { BRANCH_RESOURCE, orgs } from './party.repository';
import { partyRoutes } from './party.routes';
import { seedPartyDemo } from './party.seed';
import type { PartyTables } from './party.tables';
import { MATERIAL_FILE_OWNER, StudyService } from './study.service';

export interface PartyServices {
  people: PeopleService;
  orgs: OrgsService;
  activities: ActivitiesService;
  study: StudyService;
  donations: DonationsService;
  monthly: MonthlyService;
}

declare module '../../core/modules/manifest' {
  interface ModuleServices {
    party: PartyServices;
  }
}
declare module '../../db/schema' {
  interface DB extends PartyTables {}
}

const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** Organisation life (组织生活, issue 13): branches and members, activities, study, reports, donations. */
export const partyModule = defineModule<PartyServices>({
  key: 'party',
  label: label('党建', 'Party building'),
  permissions: PARTY_PERMISSIONS,
  extendRoles: { party_staff: ['party:read', 'party:manage'] },
  roles: [
    {
      code: 'party_secretary',
      admin: false,
      assignable: true,
      scopeKinds: [BRANCH_RESOURCE],
      permissions: ['party:read', 'party:manage', 'org:read'],
      totpRequired: false,
    },
  ],
  resourceKinds: [
    {
      kind: BRANCH_RESOURCE,
      label: label('党支部', 'Party branch'),
      async options(db, subdistrictId) {
        const idx = indexOrgs(await orgs(db, subdistrictId));
        return idx.branches.map((b) => ({ id: b.id, name: idx.fullName(b.id) }));
      },
    },
  ],
  figures: partyFigures,
  bulletinPhotos: partyPhotos,
  migrations: { '20261202_party_core': m20261202, '20261202_party_photos': m20261202photos },
  auditLabels: {
    'party.branch_create': label('新增党支部', 'Add branch'),
    'party.member_save': label('保存党员信息', 'Save member'),
    'party.member_export': label('导出党员名册', 'Export members'),
    'party.activity_create': label('新建组织生活活动', 'Create activity'),
    'party.activity_notify': label('发送活动通知', 'Send activity notice'),
    'party.checkin': label('活动签到', 'Check in'),
    'party.checkin_on_behalf': label('代签到', 'Check in on behalf'),
    'party.thought': label('发表心得', 'Post a thought'),
    'party.thought_photo': label('上传心得照片', 'Add a photo to a thought'),
    'party.photo_publishable': label('标记照片可公开', 'Mark a photo publishable'),
    'party.minutes': label('保存会议记录', 'Save minutes'),
    'party.package_create': label('发送学习包', 'Send study package'),
    'party.material_upload': label('上传学习资料', 'Upload study material'),
    'party.study_remind': label('提醒学习打卡', 'Study reminder'),
    'party.package_remind': label('提醒未读学习资料', 'Remind unread materials'),
    'party.report_submit': label('提交思想汇报', 'Submit report'),
    'party.report_review': label('审阅思想汇报', 'Review report'),
    'party.campaign_create': label('新建捐款活动', 'Create campaign'),
    'party.donation_record': label('登记捐款', 'Record donation'),
    'party.monthly_export': label('导出组织生活月报', 'Export monthly report'),
  },
  async register({ app, core, people, imports }) {
    const orgs = new OrgsService(core, people);
    const activities = new ActivitiesService(core);
    const study = new StudyService(core);
    const donations = new DonationsService(core);
    const monthly = new MonthlyService(core);
    core.files.registerOwner(MATERIAL_FILE_OWNER, (ctx, materialId) => study.mayOpenFile(ctx, materialId));
    core.files.registerOwner(THOUGHT_PHOTO_OWNER, (ctx, thoughtId) => activities.maySeeThought(ctx, thoughtId));
    imports.register(membersImportKind(people, orgs));
    imports.register(donationsImportKind(orgs, donations));
    await app.register(partyRoutes, { orgs, activities, study, donations, monthly });
    return { people, orgs, activities, study, donations, monthly };
  },
  auditTargets: partyAuditTargets,
  demoAccounts: [{ username: 'baidu1', displayName: '白渡一支部书记', role: 'party_secretary', scope: '白渡 一支部' }],
  seedDemo: seedPartyDemo,
  homeCards: partyHomeCards,
  async phoneHome(s, ctx) {
    if (!ctx.actor) return [];
    const me = await s.orgs.meOrNull(s.orgs.core.db, ctx);
    return me
      ? [{ key: 'party.home', module: 'party', title: '组织生活', description: '活动签到、学习打卡、思想汇报', link: '/m/party' }]
      : [];
  },
  commands: [{ name: 'party', usage: PARTY_USAGE, run: (args) => partyCommand(args) }],
});
