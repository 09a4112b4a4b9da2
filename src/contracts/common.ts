import { z } from 'zod';

export const ErrorEnvelope = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string().optional(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;

export const Id = z.string().min(1).max(64);
export const IdParams = z.object({ id: Id });
/** a live stream resumed by a client that cannot send the Last-Event-ID header */
export const LiveQuery = z.object({ lastEventId: z.string().max(64).optional() });

/** the deepest page a list serves: beyond it, narrow the list with its filters (or export it) */
export const MAX_PAGE = 10_000;

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(MAX_PAGE, `页码不能大于 ${MAX_PAGE}，请用筛选条件缩小范围`).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int() });
}

export const Ok = z.object({ ok: z.literal(true) });
