import { z } from 'zod';
import { Id } from './common';

export const PendingStep = z.enum(['mfa', 'password_change', 'mfa_setup']);
export type PendingStep = z.infer<typeof PendingStep>;

export const LoginBody = z.object({
  username: z.string().trim().min(1, '请输入账号').max(64),
  password: z.string().min(1, '请输入密码').max(256),
});

export const RoleGrant = z.object({
  role: z.string(),
  orgId: Id,
  orgName: z.string(),
  /** a grant on a module's resource: its kind, id and name (orgName is then its subdistrict) */
  resource: z.object({ kind: z.string(), id: Id, name: z.string() }).nullish(),
});
export type RoleGrant = z.infer<typeof RoleGrant>;

export const Me = z.object({
  account: z.object({
    id: Id,
    username: z.string(),
    displayName: z.string(),
    kind: z.enum(['staff', 'resident']),
    totpEnabled: z.boolean(),
  }),
  subdistrict: z.object({ id: Id, name: z.string() }),
  pending: PendingStep.nullable(),
  permissions: z.array(z.string()),
  roles: z.array(RoleGrant),
  csrfToken: z.string(),
  passwordPolicy: z.object({ minLength: z.number().int(), minClasses: z.number().int() }),
});
export type Me = z.infer<typeof Me>;

export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1, '请输入当前密码').max(256),
  newPassword: z.string().min(1, '请输入新密码').max(256),
});

export const TotpCodeBody = z.object({
  code: z.string().regex(/^\d{6}$/, '请输入 6 位数字验证码'),
});

export const TotpSetup = z.object({ secret: z.string(), otpauthUrl: z.string() });

export const MobilePhone = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, '请输入 11 位手机号码');

export const SmsRequestBody = z.object({ phone: MobilePhone });
export const SmsVerifyBody = z.object({
  phone: MobilePhone,
  code: z.string().regex(/^\d{6}$/, '请输入 6 位短信验证码'),
});
