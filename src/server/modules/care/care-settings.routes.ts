import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { scopeFor } from '../../core/access/actor';
import { auditActor, type Core, nowIso, requireActor } from '../../core/context';
import { forbidden } from '../../core/errors';
import { maskWebhook } from '../../core/notify/notify.domain';
import { robotWebhook, setRobotWebhook } from './urgent';

const tags = ['care'];
const RobotSetting = z.object({ webhook: z.string().nullable() });
const RobotBody = z.object({
  webhook: z
    .string()
    .trim()
    .max(500, '地址不能超过 500 个字符')
    .refine((v) => v === '' || /^https?:\/\/\S+$/.test(v), '请填写以 https:// 开头的群机器人地址')
    .nullable(),
});

/** the care office's WeCom group robot, told of urgent needs; shown masked, set by who manages care subdistrict-wide */
export const careSettingsRoutes: FastifyPluginAsyncZod<{ core: Core }> = async (app, { core }) => {
  app.get(
    '/api/care/settings/robot',
    { config: { access: 'care:manage' }, schema: { tags, response: { 200: RobotSetting } } },
    async (req) => {
      const hook = await robotWebhook(core, core.db, requireActor(req.ctx).subdistrictId);
      return { webhook: hook ? maskWebhook(hook) : null };
    },
  );
  app.put(
    '/api/care/settings/robot',
    { config: { access: 'care:manage' }, schema: { tags, body: RobotBody, response: { 200: RobotSetting } } },
    async (req) => {
      const actor = requireActor(req.ctx);
      if (!scopeFor(actor, 'care:manage').subdistrictIds.includes(actor.subdistrictId)) throw forbidden('群机器人由街道优抚科统一设置');
      const hook = req.body.webhook || null;
      await core.db.transaction().execute(async (trx) => {
        await setRobotWebhook(core, trx, actor.subdistrictId, hook, nowIso());
        await core.audit.record(trx, auditActor(req.ctx), {
          action: 'care.robot_set',
          targetType: 'care_settings',
          targetId: actor.subdistrictId,
          detail: { set: !!hook },
        });
      });
      return { webhook: hook ? maskWebhook(hook) : null };
    },
  );
};
