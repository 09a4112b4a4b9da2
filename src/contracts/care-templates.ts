import { z } from 'zod';
import { Id } from './common';

/** Talking-point templates (慰问话术模板) staff keep; a new campaign starts from one. */
export const TalkingTemplate = z.object({
  id: Id,
  name: z.string(),
  talkingPoints: z.string(),
  sort: z.number().int(),
  active: z.boolean(),
});
export type TalkingTemplate = z.infer<typeof TalkingTemplate>;
export const TalkingTemplateList = z.object({ templates: z.array(TalkingTemplate) });
export const TalkingTemplateBody = z.object({
  name: z.string().trim().min(1, '请输入模板名称').max(30, '模板名称不能超过 30 个字'),
  talkingPoints: z.string().trim().min(1, '请输入慰问要点').max(2000, '慰问要点不能超过 2000 个字'),
  active: z.boolean().default(true),
});
export const TalkingTemplatePatch = TalkingTemplateBody.partial();
