import { z } from 'zod';
import { NeedItem, Urgency } from './care';
import { DELIVERY_MODES, DELIVERY_STATUSES } from './care-deliveries.vocab';
import { Id, PageQuery, pageOf } from './common';

export * from './care-deliveries.vocab';

export const DeliveryStatus = z.enum(DELIVERY_STATUSES);
export const DeliveryMode = z.enum(DELIVERY_MODES);

/** one line of what to deliver: 口罩 × 20 个 */
export const DeliveryItem = z.object({ item: z.string(), label: z.string(), quantity: z.number().int(), unit: z.string() });
export type DeliveryItem = z.infer<typeof DeliveryItem>;

export const ClientKey = z.string().trim().min(8, '提交编号无效，请刷新后重试').max(64);

/** which verified needs to deliver, and who is available today */
export const DeliveryPlanBody = z.object({
  items: z.array(NeedItem).max(20).optional(),
  neighborhoodIds: z.array(Id).max(50).optional(),
  urgencies: z.array(Urgency).max(3).optional(),
  volunteers: z
    .array(z.object({ accountId: Id, capacity: z.number().int().min(1, '可配送户数至少为 1').max(100).nullable() }))
    .max(100)
    .default([]),
  maxPerRun: z.number().int().min(1).max(30).default(8),
});
export type DeliveryPlanBody = z.input<typeof DeliveryPlanBody>;

export const PlanHousehold = z.object({
  beneficiaryId: Id,
  name: z.string(),
  address: z.string(),
  urgency: Urgency,
  needIds: z.array(Id),
  items: z.array(DeliveryItem),
});
export const PlannedRun = z.object({
  neighborhoodId: Id,
  neighborhoodName: z.string(),
  title: z.string(),
  volunteerId: Id.nullable(),
  households: z.array(PlanHousehold),
});
export type PlannedRun = z.infer<typeof PlannedRun>;
export const DeliveryPlan = z.object({ runs: z.array(PlannedRun), needs: z.number().int(), households: z.number().int() });
export type DeliveryPlan = z.infer<typeof DeliveryPlan>;

export const CreateRunsBody = z.object({
  clientKey: ClientKey,
  mode: DeliveryMode,
  dueAt: z.string().datetime({ offset: true, message: '请选择送达时限' }),
  runs: z
    .array(
      z.object({
        title: z.string().trim().min(1).max(80),
        volunteerId: Id.nullable(),
        households: z
          .array(z.object({ beneficiaryId: Id, needIds: z.array(Id).min(1).max(50) }))
          .min(1)
          .max(50),
      }),
    )
    .min(1, '请至少选择一条配送路线')
    .max(200),
});
export type CreateRunsBody = z.input<typeof CreateRunsBody>;
export const CreatedRuns = z.object({ runIds: z.array(Id), tasks: z.number().int(), duplicate: z.boolean() });

export const DeliveryTask = z.object({
  id: Id,
  runId: Id,
  runTitle: z.string(),
  seq: z.number().int(),
  beneficiaryId: Id,
  name: z.string(),
  neighborhoodName: z.string(),
  address: z.string(),
  items: z.array(DeliveryItem),
  mode: DeliveryMode,
  dueAt: z.string(),
  volunteerId: Id.nullable(),
  volunteerName: z.string().nullable(),
  status: DeliveryStatus,
  deliveredAt: z.string().nullable(),
  photoUrl: z.string().nullable(),
  note: z.string().nullable(),
  failReason: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  confirmNote: z.string().nullable(),
  /** the beneficiary's phone, masked; the whole number only through the audited reveal */
  phoneMasked: z.string().nullable(),
});
export type DeliveryTask = z.infer<typeof DeliveryTask>;
export const DeliveryTaskPage = pageOf(DeliveryTask);
export const DeliveryTaskQuery = PageQuery.extend({ status: DeliveryStatus.optional(), neighborhoodId: Id.optional() });
export type DeliveryTaskQuery = z.input<typeof DeliveryTaskQuery>;

/** give a run (its tasks not yet taken) to another volunteer */
export const AssignRunBody = z.object({ volunteerId: Id });
export const AssignedRun = z.object({ runId: Id, volunteerId: Id, tasks: z.number().int() });

export const ConfirmDeliveryBody = z.object({ note: z.string().trim().max(500).nullish() });

export const VolunteerTaskList = z.object({ tasks: z.array(DeliveryTask) });
export const VolunteerMoveBody = z.object({ to: z.enum(['taken', 'on_way']) });
export const TaskPhone = z.object({ phone: z.string().nullable() });
/** the fields of a report sent as multipart/form-data beside the photo (field `photo`) */
export const DeliveryReportFields = z.object({
  clientKey: ClientKey,
  outcome: z.enum(['delivered', 'failed']),
  note: z.string().trim().max(500).optional(),
  reason: z.string().trim().max(200).optional(),
});
export const DeliveryReportResult = z.object({ task: DeliveryTask, duplicate: z.boolean() });

export const DeliveryVolunteer = z.object({ id: Id, name: z.string(), neighborhoodNames: z.array(z.string()) });
export const DeliveryVolunteerList = z.object({ volunteers: z.array(DeliveryVolunteer) });

/** done and pending deliveries by neighborhood (the dashboard's figures) */
export const DeliveryFigure = z.object({
  neighborhoodId: Id,
  neighborhoodName: z.string(),
  done: z.number().int(),
  pending: z.number().int(),
  failed: z.number().int(),
});
export const DeliveryFigures = z.object({ figures: z.array(DeliveryFigure) });
