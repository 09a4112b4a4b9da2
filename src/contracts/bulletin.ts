import { z } from 'zod';
import { BULLETIN_STATUSES, HISTORY_ACTIONS } from './bulletin.vocab';
import { PublishablePhoto } from './figures';

export const BulletinStatus = z.enum(BULLETIN_STATUSES);

export const BulletinFigure = z.object({
  key: z.string(),
  label: z.string(),
  value: z.number().nullable(),
  /** a word beside the number, e.g. the weakest topic's name */
  detail: z.string().optional(),
  unit: z.string(),
  how: z.string(),
});
export type BulletinFigure = z.infer<typeof BulletinFigure>;

export const BulletinSection = z.object({
  id: z.string(),
  module: z.string(),
  /** the line of work, e.g. 优抚关爱 */
  title: z.string(),
  headline: z.string(),
  /** sanitized HTML: paragraphs with bold/italic/lists only */
  html: z.string(),
  sort: z.number().int(),
  figures: z.array(BulletinFigure),
  /** photos chosen for the section that are still publishable (one un-marked since is left out) */
  photos: z.array(
    z.object({
      fileId: z.string(),
      caption: z.string(),
      date: z.string(),
      place: z.string(),
      source: z.string(),
      /** the image, for a reader of the bulletin */
      url: z.string(),
    }),
  ),
});
export type BulletinSection = z.infer<typeof BulletinSection>;

export const BulletinSummary = z.object({
  id: z.string(),
  month: z.string(),
  org: z.object({ id: z.string(), name: z.string() }),
  title: z.string(),
  issueNo: z.string(),
  status: BulletinStatus,
  createdBy: z.string(),
  createdAt: z.string(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
});
export type BulletinSummary = z.infer<typeof BulletinSummary>;
export const BulletinList = z.object({ bulletins: z.array(BulletinSummary) });

export const Bulletin = BulletinSummary.extend({ sections: z.array(BulletinSection) });
export type Bulletin = z.infer<typeof Bulletin>;

export const DraftBody = z.object({
  month: z.string({ error: '请选择月份' }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM，如 2026-11'),
  /** the subdistrict, or one neighborhood; the actor's subdistrict when left out */
  orgId: z.string().optional(),
  title: z.string().trim().min(1, '请填写简报标题').max(40, '标题不能超过 40 个字').optional(),
});

export const EditSectionBody = z.object({
  sectionId: z.string({ error: '请指定栏目' }),
  headline: z.string().trim().min(1, '请填写栏目标题').max(60, '栏目标题不能超过 60 个字'),
  html: z.string().max(20000, '正文不能超过 20000 个字符'),
});

export const ReorderBody = z.object({ sectionIds: z.array(z.string()).min(1, '请给出栏目顺序') });

export const PublishBody = z.object({
  /** group robots to post the link to (WeCom / DingTalk) */
  robots: z
    .array(z.object({ channel: z.enum(['wecom', 'dingtalk']), webhook: z.url({ error: '机器人地址格式不正确' }) }))
    .max(10, '机器人最多 10 个')
    .default([]),
});
export const PublishResult = z.object({ bulletin: Bulletin, sent: z.object({ robots: z.number().int(), inbox: z.number().int() }) });

export const HistoryEntry = z.object({
  id: z.string(),
  action: z.enum(HISTORY_ACTIONS),
  sectionId: z.string().nullable(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  by: z.string(),
  at: z.string(),
});
export const HistoryList = z.object({ history: z.array(HistoryEntry) });
export const WechatHtml = z.object({ html: z.string() });

/** the month's photos the modules offer this bulletin (publishable, consented, in the reader's reach) */
export const OfferedPhotos = z.object({ photos: z.array(PublishablePhoto.extend({ url: z.string() })) });

export const SectionPhotosBody = z.object({
  sectionId: z.string({ error: '请指定栏目' }),
  photos: z
    .array(
      z.object({
        fileId: z.string({ error: '请选择照片' }),
        caption: z.string().trim().min(1, '请填写图片说明').max(60, '图片说明不能超过 60 个字'),
      }),
    )
    .max(4, '每个栏目最多选 4 张照片'),
});
