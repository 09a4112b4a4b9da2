import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ChangePasswordBody, LoginBody, Me, SmsRequestBody, SmsVerifyBody, TotpCodeBody, TotpSetup } from '../../../contracts/auth';
import { Ok } from '../../../contracts/common';
import { clearSessionCookie, setSessionCookie } from '../../http/guard';
import { unauthorized } from '../errors';
import type { AuthService } from './auth.service';
import { type Limit, limitPerAddress } from './rate-limit';

const ok = { ok: true as const };

export const authRoutes: FastifyPluginAsyncZod<{ auth: AuthService }> = async (app, { auth }) => {
  // per client address, counted in the database: every app process shares them
  const perMinute = (max: number): Limit => ({ max, windowMs: 60_000 });
  const limited = (name: string, max: number) => ({ onRequest: limitPerAddress(auth.limiter, name, perMinute(max)) });

  app.post(
    '/api/auth/login',
    { config: { access: 'public' }, ...limited('login', 10), schema: { tags: ['auth'], body: LoginBody, response: { 200: Ok } } },
    async (req, reply) => {
      const { token } = await auth.login(req.ctx, req.body.username, req.body.password);
      setSessionCookie(req, reply, token);
      return ok;
    },
  );

  app.get('/api/auth/me', { config: { access: 'signed-in-partial' }, schema: { tags: ['auth'], response: { 200: Me } } }, async (req) => {
    if (!req.session) throw unauthorized();
    return auth.me(req.session);
  });

  app.post(
    '/api/auth/logout',
    { config: { access: 'signed-in-partial' }, schema: { tags: ['auth'], response: { 200: Ok } } },
    async (req, reply) => {
      await auth.logout(req.ctx);
      clearSessionCookie(req, reply);
      return ok;
    },
  );

  app.post(
    '/api/auth/password',
    { config: { access: 'signed-in-partial' }, schema: { tags: ['auth'], body: ChangePasswordBody, response: { 200: Ok } } },
    async (req) => {
      await auth.changePassword(req.ctx, req.session?.pending ?? null, req.body.currentPassword, req.body.newPassword);
      return ok;
    },
  );

  app.post(
    '/api/auth/totp/setup',
    { config: { access: 'signed-in-partial' }, schema: { tags: ['auth'], response: { 200: TotpSetup } } },
    async (req) => auth.beginTotp(req.ctx, req.session?.pending ?? null),
  );

  app.post(
    '/api/auth/totp/enable',
    {
      config: { access: 'signed-in-partial' },
      ...limited('totp', 10),
      schema: { tags: ['auth'], body: TotpCodeBody, response: { 200: Ok } },
    },
    async (req) => {
      await auth.enableTotp(req.ctx, req.session?.pending ?? null, req.body.code);
      return ok;
    },
  );

  app.post(
    '/api/auth/totp/verify',
    {
      config: { access: 'signed-in-partial' },
      ...limited('totp', 10),
      schema: { tags: ['auth'], body: TotpCodeBody, response: { 200: Ok } },
    },
    async (req) => {
      await auth.verifyTotp(req.ctx, req.session?.pending ?? null, req.body.code);
      return ok;
    },
  );

  app.post(
    '/api/auth/sms/request',
    {
      config: { access: 'public' },
      ...limited('sms-request', 5),
      schema: { tags: ['auth'], body: SmsRequestBody, response: { 200: Ok } },
    },
    async (req) => {
      await auth.requestSmsCode(req.ctx, req.body.phone);
      return ok;
    },
  );

  app.post(
    '/api/auth/sms/verify',
    { config: { access: 'public' }, ...limited('sms-verify', 10), schema: { tags: ['auth'], body: SmsVerifyBody, response: { 200: Ok } } },
    async (req, reply) => {
      const { token } = await auth.verifySmsCode(req.ctx, req.body.phone, req.body.code);
      setSessionCookie(req, reply, token);
      return ok;
    },
  );
};
