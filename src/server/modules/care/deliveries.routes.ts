import type { MultipartFile } from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AssignedRun,
  AssignRunBody,
  ConfirmDeliveryBody,
  CreatedRuns,
  CreateRunsBody,
  DeliveryFigures,
  DeliveryPlan,
  DeliveryPlanBody,
  DeliveryReportFields,
  DeliveryReportResult,
  DeliveryTask,
  DeliveryTaskPage,
  DeliveryTaskQuery,
  DeliveryVolunteerList,
  TaskPhone,
  VolunteerMoveBody,
  VolunteerTaskList,
} from '../../../contracts/care-deliveries';
import { IdParams } from '../../../contracts/common';
import { invalid, invalidField } from '../../core/errors';
import { PHOTO_MAX_UPLOAD } from '../../core/files/photo';
import type { DeliveriesService } from './deliveries.service';

const tags = ['care'];

/** a multipart body's fields and its one photo (field `photo`), read whole: a phone photo is a few MB at most */
async function readReport(parts: AsyncIterableIterator<MultipartFile | { type: 'field'; fieldname: string; value: unknown }>) {
  const fields: Record<string, string> = {};
  let photo: { data: Buffer; name: string } | null = null;
  for await (const part of parts) {
    if (part.type === 'file') {
      const file = part as MultipartFile;
      const data = await file.toBuffer().catch(() => {
        throw invalidField('photo', '照片超过 15 MB，请重新拍照');
      });
      if (file.fieldname === 'photo' && data.length > 0) photo = { data, name: file.filename || '照片' };
    } else fields[part.fieldname] = String(part.value ?? '');
  }
  return { fields, photo };
}

/** §1 deliveries: staff plan, create, follow and confirm (care:*); a volunteer works on their own tasks (volunteer:tasks). */
export const deliveriesRoutes: FastifyPluginAsyncZod<{ deliveries: DeliveriesService }> = async (app, { deliveries }) => {
  app.get(
    '/api/care/deliveries/volunteers',
    { config: { access: 'care:read' }, schema: { tags, response: { 200: DeliveryVolunteerList } } },
    async (req) => ({
      volunteers: (await deliveries.volunteers(req.ctx)).map((v) => ({ id: v.id, name: v.name, neighborhoodNames: v.neighborhoodNames })),
    }),
  );
  app.post(
    '/api/care/deliveries/plan',
    { config: { access: 'care:manage' }, schema: { tags, body: DeliveryPlanBody, response: { 200: DeliveryPlan } } },
    async (req) => deliveries.plan(req.ctx, req.body),
  );
  app.post(
    '/api/care/deliveries/runs',
    { config: { access: 'care:manage' }, schema: { tags, body: CreateRunsBody, response: { 200: CreatedRuns } } },
    async (req) => deliveries.createRuns(req.ctx, req.body),
  );
  app.post(
    '/api/care/deliveries/runs/:id/volunteer',
    { config: { access: 'care:manage' }, schema: { tags, params: IdParams, body: AssignRunBody, response: { 200: AssignedRun } } },
    async (req) => deliveries.assignRun(req.ctx, req.params.id, req.body.volunteerId),
  );
  app.get(
    '/api/care/deliveries/tasks',
    { config: { access: 'care:read' }, schema: { tags, querystring: DeliveryTaskQuery, response: { 200: DeliveryTaskPage } } },
    async (req) => deliveries.list(req.ctx, req.query),
  );
  app.get(
    '/api/care/deliveries/figures',
    { config: { access: 'care:read' }, schema: { tags, response: { 200: DeliveryFigures } } },
    async (req) => ({ figures: await deliveries.figures(req.ctx) }),
  );
  app.get(
    '/api/care/deliveries/tasks/:id',
    { config: { access: 'care:read' }, schema: { tags, params: IdParams, response: { 200: DeliveryTask } } },
    async (req) => deliveries.get(req.ctx, req.params.id),
  );
  app.post(
    '/api/care/deliveries/tasks/:id/confirm',
    { config: { access: 'care:manage' }, schema: { tags, params: IdParams, body: ConfirmDeliveryBody, response: { 200: DeliveryTask } } },
    async (req) => deliveries.confirm(req.ctx, req.params.id, req.body.note),
  );

  // ---- the volunteer's phone pages: their own tasks only; another's is not found
  app.get(
    '/api/care/volunteer/tasks',
    { config: { access: 'volunteer:tasks' }, schema: { tags, response: { 200: VolunteerTaskList } } },
    async (req) => ({ tasks: await deliveries.mine(req.ctx) }),
  );
  app.get(
    '/api/care/volunteer/tasks/:id',
    { config: { access: 'volunteer:tasks' }, schema: { tags, params: IdParams, response: { 200: DeliveryTask } } },
    async (req) => deliveries.mineOne(req.ctx, req.params.id),
  );
  app.post(
    '/api/care/volunteer/tasks/:id/phone',
    { config: { access: 'volunteer:tasks' }, schema: { tags, params: IdParams, response: { 200: TaskPhone } } },
    async (req) => deliveries.phone(req.ctx, req.params.id),
  );
  app.post(
    '/api/care/volunteer/tasks/:id/status',
    { config: { access: 'volunteer:tasks' }, schema: { tags, params: IdParams, body: VolunteerMoveBody, response: { 200: DeliveryTask } } },
    async (req) => deliveries.move(req.ctx, req.params.id, req.body.to),
  );
  // multipart/form-data: clientKey, outcome, note, reason, at, and the photo in field `photo`
  app.post(
    '/api/care/volunteer/tasks/:id/report',
    {
      config: { access: 'volunteer:tasks' },
      schema: { tags, params: IdParams, response: { 200: DeliveryReportResult } },
    },
    async (req) => {
      // another volunteer's task is not found, whatever the body
      await deliveries.mineOne(req.ctx, req.params.id);
      if (!req.isMultipart()) throw invalid('请以表单上传送达报告', [{ path: 'photo', message: '请以表单上传送达报告' }]);
      const { fields, photo } = await readReport(req.parts({ limits: { fileSize: PHOTO_MAX_UPLOAD, files: 1 } }) as never);
      const parsed = DeliveryReportFields.safeParse({
        clientKey: fields.clientKey,
        outcome: fields.outcome,
        note: fields.note || undefined,
        reason: fields.reason || undefined,
      });
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        const path = String(first?.path[0] ?? 'outcome');
        throw invalidField(path, path === 'outcome' ? '请选择已送达或未能送达' : (first?.message ?? '填写有误'));
      }
      const at = fields.at && !Number.isNaN(Date.parse(fields.at)) ? fields.at : undefined;
      return deliveries.report(req.ctx, req.params.id, { ...parsed.data, at }, photo);
    },
  );
};
