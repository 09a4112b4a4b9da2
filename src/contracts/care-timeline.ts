import { z } from 'zod';
import { Id } from './common';

/** 生活动态: a beneficiary's timeline (issue #11 §4), newest first; see server domain/timeline.ts. */
export const TimelineEntry = z.object({
  key: z.string(),
  kind: z.enum(['call', 'need', 'delivery', 'visit', 'change', 'note']),
  at: z.string(),
  title: z.string(),
  details: z.array(z.string()),
  by: z.string().nullable(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;
export const Timeline = z.object({ beneficiaryId: Id, entries: z.array(TimelineEntry) });
export type Timeline = z.infer<typeof Timeline>;

export const AddNoteBody = z.object({
  /** made once per submission on the client, so a double click adds the note once */
  clientKey: z.string().min(8).max(64),
  text: z.string().trim().min(1, '请输入记录内容').max(500, '记录不能超过 500 个字'),
});
