import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common';
import {
  ActivityDetail,
  ActivityList,
  BranchSummary,
  CampaignDetail,
  CampaignList,
  CreateActivityBody,
  CreateBranchBody,
  CreateCampaignBody,
  CreateMemberBody,
  CreatePackageBody,
  MaterialView,
  Me,
  MemberDetail,
  MemberExportQuery,
  MemberPage,
  MemberPatch,
  MemberQuery,
  MinutesBody,
  MonthlyReport,
  MonthQuery,
  MyActivityDetail,
  MyDonations,
  MyMaterials,
  MyReports,
  MyStudy,
  NotifyBody,
  NotifyResult,
  OnBehalfBody,
  OrgList,
  PackageDetail,
  PackageList,
  PhotoPublishableBody,
  PostTextBody,
  RecordDonationBody,
  RemindBody,
  RemindResult,
  RemindUnreadBody,
  RemindUnreadResult,
  ReportItem,
  ReportOverview,
  ReviewBody,
  StudyCheckinBody,
  StudyOverview,
  StudyQuery,
  WriteReportBody,
} from '../../../contracts/party';
import { invalidField } from '../../core/errors';
import { attachment, XLSX } from '../../http/download';
import type { ActivitiesService } from './activities.service';
import type { DonationsService } from './donations.service';
import type { MonthlyService } from './monthly.service';
import type { OrgsService } from './orgs.service';
import type { StudyService } from './study.service';

export interface PartyRouteDeps {
  orgs: OrgsService;
  activities: ActivitiesService;
  study: StudyService;
  donations: DonationsService;
  monthly: MonthlyService;
}

const tags = ['party'];
const read = { access: 'party:read' } as const;
const manage = { access: 'party:manage' } as const;
/** a member's own pages: any signed-in account; the service finds the member it is, or answers in words */
const self = { access: 'signed-in' } as const;

export const partyRoutes: FastifyPluginAsyncZod<PartyRouteDeps> = async (app, { orgs, activities, study, donations, monthly }) => {
  // ---- organisations and members
  app.get('/api/party/orgs', { config: read, schema: { tags, response: { 200: OrgList } } }, async (req) => ({
    orgs: await orgs.tree(req.ctx),
  }));
  app.post('/api/party/orgs', { config: manage, schema: { tags, body: CreateBranchBody, response: { 200: OrgList } } }, async (req) => {
    await orgs.createBranch(req.ctx, req.body.generalBranchId, req.body.name);
    return { orgs: await orgs.tree(req.ctx) };
  });
  app.get('/api/party/branches/:id', { config: read, schema: { tags, params: IdParams, response: { 200: BranchSummary } } }, async (req) =>
    orgs.branchSummary(req.ctx, req.params.id),
  );
  app.get('/api/party/members', { config: read, schema: { tags, querystring: MemberQuery, response: { 200: MemberPage } } }, async (req) =>
    orgs.list(req.ctx, req.query),
  );
  app.get('/api/party/members/export', { config: read, schema: { tags, querystring: MemberExportQuery } }, async (req, reply) => {
    const file = await orgs.exportList(req.ctx, req.query);
    return reply.type(XLSX).header('content-disposition', attachment(file.fileName)).send(file.body);
  });
  app.post(
    '/api/party/members',
    { config: manage, schema: { tags, body: CreateMemberBody, response: { 200: MemberDetail } } },
    async (req) => orgs.create(req.ctx, req.body),
  );
  app.get('/api/party/members/:id', { config: read, schema: { tags, params: IdParams, response: { 200: MemberDetail } } }, async (req) =>
    orgs.get(req.ctx, req.params.id),
  );
  app.patch(
    '/api/party/members/:id',
    { config: manage, schema: { tags, params: IdParams, body: MemberPatch, response: { 200: MemberDetail } } },
    async (req) => orgs.update(req.ctx, req.params.id, req.body),
  );

  // ---- activities
  app.get('/api/party/activities', { config: read, schema: { tags, response: { 200: ActivityList } } }, async (req) => ({
    activities: await activities.list(req.ctx),
  }));
  app.post(
    '/api/party/activities',
    { config: manage, schema: { tags, body: CreateActivityBody, response: { 200: ActivityDetail } } },
    async (req) => activities.create(req.ctx, req.body),
  );
  app.get(
    '/api/party/activities/:id',
    { config: read, schema: { tags, params: IdParams, response: { 200: ActivityDetail } } },
    async (req) => activities.get(req.ctx, req.params.id),
  );
  app.post(
    '/api/party/activities/:id/notify',
    { config: manage, schema: { tags, params: IdParams, body: NotifyBody, response: { 200: NotifyResult } } },
    async (req) => activities.notify(req.ctx, req.params.id, req.body.wecomWebhook),
  );
  app.post(
    '/api/party/activities/:id/checkins',
    { config: manage, schema: { tags, params: IdParams, body: OnBehalfBody, response: { 200: ActivityDetail } } },
    async (req) => activities.checkInOnBehalf(req.ctx, req.params.id, req.body.memberId),
  );
  app.post(
    '/api/party/thought-photos/:id/publishable',
    { config: manage, schema: { tags, params: IdParams, body: PhotoPublishableBody, response: { 200: ActivityDetail } } },
    async (req) => activities.setPhotoPublishable(req.ctx, req.params.id, req.body.publishable),
  );
  app.put(
    '/api/party/activities/:id/minutes',
    { config: manage, schema: { tags, params: IdParams, body: MinutesBody, response: { 200: ActivityDetail } } },
    async (req) => activities.setMinutes(req.ctx, req.params.id, req.body.minutes),
  );

  // ---- study packages, check-ins, reports
  app.get('/api/party/packages', { config: read, schema: { tags, response: { 200: PackageList } } }, async (req) => ({
    packages: await study.packages(req.ctx),
  }));
  app.post(
    '/api/party/packages',
    { config: manage, schema: { tags, body: CreatePackageBody, response: { 200: PackageDetail } } },
    async (req) => study.createPackage(req.ctx, req.body),
  );
  app.get('/api/party/packages/:id', { config: read, schema: { tags, params: IdParams, response: { 200: PackageDetail } } }, async (req) =>
    study.package(req.ctx, req.params.id),
  );
  app.post(
    '/api/party/packages/:id/remind',
    { config: manage, schema: { tags, params: IdParams, body: RemindUnreadBody, response: { 200: RemindUnreadResult } } },
    async (req) => study.remindUnread(req.ctx, req.params.id, req.body.branchId),
  );
  app.post(
    '/api/party/packages/:id/files',
    { config: manage, schema: { tags, params: IdParams, response: { 200: PackageDetail } } },
    async (req) => {
      // the package first: outside the actor's reach it is a 404 whatever was sent
      await study.package(req.ctx, req.params.id);
      if (!req.isMultipart()) throw invalidField('file', '请选择要上传的文件（PDF、Word、PPT 或图片）');
      const file = await req.file().catch(() => {
        throw invalidField('file', '文件没有传完整，请重新上传');
      });
      if (!file) throw invalidField('file', '请选择要上传的文件（PDF、Word、PPT 或图片）');
      return study.uploadMaterial(req.ctx, req.params.id, { filename: file.filename, file: file.file });
    },
  );
  app.get('/api/party/study', { config: read, schema: { tags, querystring: StudyQuery, response: { 200: StudyOverview } } }, async (req) =>
    study.overview(req.ctx, req.query.remindAfterDays),
  );
  app.post(
    '/api/party/study/remind',
    { config: manage, schema: { tags, body: RemindBody, response: { 200: RemindResult } } },
    async (req) => study.remind(req.ctx, req.body.remindAfterDays),
  );
  app.get('/api/party/reports', { config: read, schema: { tags, response: { 200: ReportOverview } } }, async (req) =>
    study.reports(req.ctx),
  );
  app.post(
    '/api/party/reports/:id/review',
    { config: manage, schema: { tags, params: IdParams, body: ReviewBody, response: { 200: ReportItem } } },
    async (req) => study.review(req.ctx, req.params.id, req.body.status, req.body.comment),
  );

  // ---- donations
  app.get('/api/party/campaigns', { config: read, schema: { tags, response: { 200: CampaignList } } }, async (req) => ({
    campaigns: await donations.list(req.ctx),
  }));
  app.post(
    '/api/party/campaigns',
    { config: manage, schema: { tags, body: CreateCampaignBody, response: { 200: CampaignDetail } } },
    async (req) => donations.createCampaign(req.ctx, req.body),
  );
  app.get(
    '/api/party/campaigns/:id',
    { config: read, schema: { tags, params: IdParams, response: { 200: CampaignDetail } } },
    async (req) => donations.get(req.ctx, req.params.id),
  );
  app.post(
    '/api/party/campaigns/:id/donations',
    { config: manage, schema: { tags, params: IdParams, body: RecordDonationBody, response: { 200: CampaignDetail } } },
    async (req) => donations.record(req.ctx, req.params.id, req.body),
  );

  // ---- monthly report
  app.get(
    '/api/party/monthly',
    { config: read, schema: { tags, querystring: MonthQuery, response: { 200: MonthlyReport } } },
    async (req) => monthly.report(req.ctx, req.query.month),
  );
  app.get('/api/party/monthly/export', { config: read, schema: { tags, querystring: MonthQuery } }, async (req, reply) => {
    const file = await monthly.exportReport(req.ctx, req.query.month);
    return reply.type(XLSX).header('content-disposition', attachment(file.fileName)).send(file.body);
  });

  // ---- a member's own pages (phone)
  app.get('/api/party/me', { config: self, schema: { tags, response: { 200: Me } } }, async (req) => activities.myHome(req.ctx));
  app.get(
    '/api/party/me/activities/:id',
    { config: self, schema: { tags, params: IdParams, response: { 200: MyActivityDetail } } },
    async (req) => activities.myActivity(req.ctx, req.params.id),
  );
  app.post(
    '/api/party/me/activities/:id/checkin',
    { config: self, schema: { tags, params: IdParams, response: { 200: MyActivityDetail } } },
    async (req) => activities.checkIn(req.ctx, req.params.id),
  );
  app.post(
    '/api/party/me/activities/:id/thoughts',
    { config: self, schema: { tags, params: IdParams, body: PostTextBody, response: { 200: MyActivityDetail } } },
    async (req) => activities.postThought(req.ctx, req.params.id, req.body.clientKey, req.body.text),
  );
  app.post(
    '/api/party/me/thoughts/:id/photos',
    { config: self, schema: { tags, params: IdParams, response: { 200: MyActivityDetail } } },
    async (req) => {
      const missing = () => invalidField('file', '请选择要上传的照片（JPG、PNG）');
      if (!req.isMultipart()) throw missing();
      const file = await req.file().catch(() => {
        throw invalidField('file', '照片没有传完整，请重新上传');
      });
      if (!file) throw missing();
      return activities.addThoughtPhoto(req.ctx, req.params.id, { name: file.filename, stream: file.file });
    },
  );
  app.post(
    '/api/party/me/thoughts/:id/comments',
    { config: self, schema: { tags, params: IdParams, body: PostTextBody, response: { 200: MyActivityDetail } } },
    async (req) => activities.comment(req.ctx, req.params.id, req.body.clientKey, req.body.text),
  );
  app.get('/api/party/me/materials', { config: self, schema: { tags, response: { 200: MyMaterials } } }, async (req) =>
    study.myMaterials(req.ctx),
  );
  app.post(
    '/api/party/me/materials/:id/open',
    { config: self, schema: { tags, params: IdParams, response: { 200: MaterialView } } },
    async (req) => study.openMaterial(req.ctx, req.params.id),
  );
  app.get('/api/party/me/study', { config: self, schema: { tags, response: { 200: MyStudy } } }, async (req) => study.myStudy(req.ctx));
  app.post('/api/party/me/study', { config: self, schema: { tags, body: StudyCheckinBody, response: { 200: MyStudy } } }, async (req) =>
    study.studyCheckIn(req.ctx, req.body.what, req.body.minutes),
  );
  app.get('/api/party/me/reports', { config: self, schema: { tags, response: { 200: MyReports } } }, async (req) =>
    study.myReports(req.ctx),
  );
  app.post('/api/party/me/reports', { config: self, schema: { tags, body: WriteReportBody, response: { 200: MyReports } } }, async (req) =>
    study.writeReport(req.ctx, req.body),
  );
  app.get('/api/party/me/donations', { config: self, schema: { tags, response: { 200: MyDonations } } }, async (req) =>
    donations.myDonations(req.ctx),
  );
};
