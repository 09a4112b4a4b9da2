import { z } from 'zod';
import { Id } from './common';

export const OrgKind = z.enum(['district', 'subdistrict', 'neighborhood', 'estate']);
export type OrgKind = z.infer<typeof OrgKind>;

export const OrgUnit = z.object({
  id: Id,
  parentId: Id.nullable(),
  kind: OrgKind,
  name: z.string(),
  code: z.string().nullable(),
  sort: z.number().int(),
});
export type OrgUnit = z.infer<typeof OrgUnit>;

export const OrgTree = z.object({ units: z.array(OrgUnit) });

export const CreateOrgUnitBody = z.object({
  parentId: Id,
  name: z.string().trim().min(1, '请输入名称').max(60, '名称不能超过 60 个字'),
  code: z.string().trim().max(32).optional(),
  sort: z.number().int().min(0).max(9999).optional(),
});

export const UpdateOrgUnitBody = z.object({
  name: z.string().trim().min(1, '请输入名称').max(60, '名称不能超过 60 个字').optional(),
  code: z.string().trim().max(32).nullable().optional(),
  sort: z.number().int().min(0).max(9999).optional(),
});
