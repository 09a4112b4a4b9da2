import { z } from 'zod';
import { RoleGrant } from './auth';
import { Id, PageQuery, pageOf } from './common';

export const RoleInfo = z.object({
  code: z.string(),
  admin: z.boolean(),
  assignable: z.boolean(),
  /** org-tree levels (subdistrict, neighborhood) or a module's resource kinds (`jobs.employer`) */
  scopeKinds: z.array(z.string()),
  permissions: z.array(z.string()),
});
export const RoleList = z.object({ roles: z.array(RoleInfo) });

export const AccountItem = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  kind: z.enum(['staff', 'resident']),
  disabled: z.boolean(),
  locked: z.boolean(),
  totpEnabled: z.boolean(),
  mustChangePassword: z.boolean(),
  roles: z.array(RoleGrant),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type AccountItem = z.infer<typeof AccountItem>;
export const AccountPage = pageOf(AccountItem);

export const AccountQuery = PageQuery.extend({
  q: z.string().trim().max(64).optional(),
  role: z.string().max(40).optional(),
});

/** a role on a place of the org tree (`orgId`), or on one of a module's resources (`resourceKind` + `resourceId`) */
export const GrantInput = z.object({
  role: z.string().min(1),
  orgId: Id,
  resourceKind: z.string().max(40).nullish(),
  resourceId: Id.nullish(),
});

export const ResourceOptions = z.object({
  kind: z.string(),
  label: z.string(),
  options: z.array(z.object({ id: Id, name: z.string() })),
});

export const Username = z
  .string()
  .trim()
  .regex(/^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/, '账号须以字母开头，3–32 位字母、数字、点、下划线或横线');

export const CreateAccountBody = z.object({
  username: Username,
  displayName: z.string().trim().min(1, '请输入姓名').max(40),
  initialPassword: z.string().min(1, '请输入初始密码').max(256),
  roles: z.array(GrantInput).min(1, '至少授予一个角色').max(20),
});

export const UpdateAccountBody = z.object({
  displayName: z.string().trim().min(1, '请输入姓名').max(40).optional(),
  disabled: z.boolean().optional(),
  roles: z.array(GrantInput).min(1, '至少授予一个角色').max(20).optional(),
  /** the phone this account signs in with by SMS code on the phone pages (a volunteer's); null unbinds */
  signInPhone: z
    .string()
    .regex(/^1[3-9]\d{9}$/, '请输入 11 位手机号码')
    .nullable()
    .optional(),
});

export const ResetPasswordBody = z.object({ newPassword: z.string().min(1, '请输入新密码').max(256) });

export const SessionItem = z.object({
  id: Id,
  accountId: Id,
  username: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
});
export const SessionList = z.object({ sessions: z.array(SessionItem) });

export const SecuritySettings = z.object({
  passwordMinLength: z.number().int().min(8).max(64),
  passwordMinClasses: z.number().int().min(2).max(4),
  lockoutThreshold: z.number().int().min(3).max(20),
  lockoutMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  idleMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60),
  absoluteHours: z.number().int().min(1).max(72),
  staffTotpRequired: z.boolean(),
});
export type SecuritySettings = z.infer<typeof SecuritySettings>;
