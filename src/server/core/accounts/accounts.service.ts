import { uuidv7 } from 'uuidv7';
import type { AccountItem, SecuritySettings } from '../../../contracts/accounts';
import type { Executor } from '../../db/index';
import { scopeFor } from '../access/actor';
import { roleDef } from '../access/roles';
import type { AuthService } from '../auth/auth.service';
import { hashPassword } from '../auth/passwords';
import { auditActor, type Core, nowIso, type RequestContext, requireActor } from '../context';
import { lookupHash, maskPhone } from '../crypto/fields';
import { AppError, forbidden, invalid, notFound } from '../errors';
import { resourceKind } from '../modules/install';
import type { OrgService } from '../org/org.service';
import { presentAccount } from './accounts.presenter';
import * as repo from './accounts.repository';

type GrantInput = { role: string; orgId: string; resourceKind?: string | null; resourceId?: string | null };

export class AccountsService {
  constructor(
    private readonly core: Core,
    private readonly auth: AuthService,
    private readonly org: OrgService,
  ) {}

  async list(ctx: RequestContext, q: { q?: string; role?: string; page: number; pageSize: number }) {
    const scope = scopeFor(requireActor(ctx), 'account:read');
    const { rows, total } = await repo.listAccounts(this.core.db, scope, q, this.core.dialect.ilike);
    const grants = await repo.grantsOfMany(
      this.core.db,
      rows.map((r) => r.id),
    );
    const names = await this.resourceNames(requireActor(ctx).subdistrictId, grants);
    return {
      items: rows.map((r) =>
        presentAccount(
          r,
          grants.filter((g) => g.account_id === r.id),
          names,
        ),
      ),
      total,
    };
  }

  async get(ctx: RequestContext, id: string): Promise<AccountItem> {
    const a = await this.find(this.core.db, ctx, id, 'account:read');
    const grants = await repo.grantsOfMany(this.core.db, [id]);
    return presentAccount(a, grants, await this.resourceNames(requireActor(ctx).subdistrictId, grants));
  }

  /** what a role can be granted on, for the accounts page: a module's resources of the actor's subdistrict */
  async resourceOptions(ctx: RequestContext, kind: string) {
    const def = resourceKind(kind);
    if (!def) throw notFound('授权对象类别');
    const options = await def.options(this.core.db, requireActor(ctx).subdistrictId);
    return { kind, label: def.label['zh-CN'], options };
  }

  /** `kind:id` → name, for the grants on resources among `grants` */
  private async resourceNames(subdistrictId: string, grants: { resource_kind: string | null }[]) {
    const names = new Map<string, string>();
    for (const kind of new Set(grants.map((g) => g.resource_kind).filter((k): k is string => !!k))) {
      for (const o of (await resourceKind(kind)?.options(this.core.db, subdistrictId)) ?? []) names.set(`${kind}:${o.id}`, o.name);
    }
    return names;
  }

  private async find(exec: Executor, ctx: RequestContext, id: string, permission: 'account:read' | 'account:manage' | 'security:manage') {
    const a = await repo.accountInScope(exec, scopeFor(requireActor(ctx), permission), id);
    if (!a) throw notFound('账号');
    return a;
  }

  /** Business roles only, each on an org unit of a kind the role allows, inside the actor's own scope. */
  private async checkGrants(exec: Executor, ctx: RequestContext, grants: GrantInput[]): Promise<void> {
    for (const [i, g] of grants.entries()) {
      const def = roleDef(g.role);
      const path = `roles.${i}.role`;
      if (!def) throw invalid(`未知角色：${g.role}`, [{ path, message: '未知角色' }]);
      if (!def.assignable)
        throw invalid('管理员角色只能由命令行创建（三员分立）', [{ path, message: '管理员角色只能由命令行创建（三员分立）' }]);
      const unit = await this.org.unitInScope(exec, ctx, g.orgId, 'org:manage').catch(() => null);
      if (!unit)
        throw invalid('授权范围不存在或不在您的管理范围内', [{ path: `roles.${i}.orgId`, message: '授权范围不存在或不在您的管理范围内' }]);
      const kinds = def.scopeKinds.map((k) =>
        k === 'subdistrict' ? '街道' : k === 'neighborhood' ? '居民区' : (resourceKind(k)?.label['zh-CN'] ?? k),
      );
      const only = `该角色只能授权到${kinds.join('或')}`;
      if (g.resourceKind || g.resourceId) {
        // a grant on a resource is anchored on the subdistrict the resource belongs to
        const where = `roles.${i}.resourceId`;
        const kind = g.resourceKind ? resourceKind(g.resourceKind) : undefined;
        if (!kind || !g.resourceId || !def.scopeKinds.includes(kind.kind as never)) throw invalid(only, [{ path: where, message: only }]);
        const found = unit.kind === 'subdistrict' && (await kind.options(exec, unit.id)).some((o) => o.id === g.resourceId);
        if (!found) throw invalid('授权对象不存在或不在您的管理范围内', [{ path: where, message: '授权对象不存在或不在您的管理范围内' }]);
      } else if (!def.scopeKinds.includes(unit.kind as 'subdistrict' | 'neighborhood')) {
        throw invalid(only, [{ path: `roles.${i}.orgId`, message: only }]);
      }
    }
  }

  async create(ctx: RequestContext, input: { username: string; displayName: string; initialPassword: string; roles: GrantInput[] }) {
    const actor = requireActor(ctx);
    await this.auth.validateNewPassword(input.initialPassword, input.username, 'initialPassword', actor.subdistrictId);
    const hash = await hashPassword(input.initialPassword);
    const id = await this.core.db.transaction().execute(async (trx) => {
      await this.checkGrants(trx, ctx, input.roles);
      if (await repo.usernameTaken(trx, input.username))
        throw new AppError(409, 'CONFLICT', `账号「${input.username}」已存在`, [{ path: 'username', message: '账号已存在' }]);
      const id = uuidv7();
      await insertStaffAccount(trx, {
        id,
        subdistrictId: actor.subdistrictId,
        username: input.username,
        displayName: input.displayName,
        passwordHash: hash,
        mustChange: true,
      });
      await this.auth.passwords.remember(trx, id, hash);
      await repo.replaceGrants(trx, id, actor.subdistrictId, input.roles, actor.accountId, uuidv7);
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'account.create',
        targetType: 'account',
        targetId: id,
        detail: { after: { username: input.username, displayName: input.displayName, roles: input.roles } },
      });
      return id;
    });
    return this.get(ctx, id);
  }

  async update(
    ctx: RequestContext,
    id: string,
    patch: { displayName?: string; disabled?: boolean; roles?: GrantInput[]; signInPhone?: string | null },
  ) {
    const actor = requireActor(ctx);
    if (id === actor.accountId && (patch.roles || patch.disabled !== undefined)) throw forbidden('不能修改自己的角色或状态');
    await this.core.db.transaction().execute(async (trx) => {
      const a = await this.find(trx, ctx, id, 'account:manage');
      const before = await repo.grantsOfMany(trx, [id]);
      if (before.some((g) => roleDef(g.role)?.admin)) throw forbidden('管理员账号只能由命令行管理（三员分立）');
      if (patch.roles) {
        await this.checkGrants(trx, ctx, patch.roles);
        await repo.replaceGrants(trx, id, a.subdistrict_id, patch.roles, actor.accountId, uuidv7);
      }
      // a sign-in phone (SMS code on the phone pages): one account per phone; kept only as a keyed hash
      const phoneHash = patch.signInPhone ? lookupHash(this.core.keys.lookup, patch.signInPhone) : null;
      if (phoneHash && (await repo.phoneTaken(trx, phoneHash, id)))
        throw new AppError(409, 'CONFLICT', '该手机号已绑定其他账号', [{ path: 'signInPhone', message: '该手机号已绑定其他账号' }]);
      await repo.updateAccount(trx, id, {
        ...(patch.signInPhone !== undefined && { phone_hash: phoneHash }),
        display_name: patch.displayName ?? a.display_name,
        disabled: patch.disabled === undefined ? a.disabled : Number(patch.disabled),
        updated_at: nowIso(),
      });
      // a disabled account or changed roles take effect at once: end its sessions
      if (patch.disabled || patch.roles) await repo.endSessionsOf(trx, id);
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'account.update',
        targetType: 'account',
        targetId: id,
        detail: {
          before: {
            displayName: a.display_name,
            disabled: a.disabled === 1,
            roles: before.map((g) => ({ role: g.role, orgId: g.org_id })),
          },
          after: { ...patch, ...(patch.signInPhone && { signInPhone: maskPhone(patch.signInPhone) }) },
        },
      });
    });
    await this.auth.sessionsChanged(id);
    return this.get(ctx, id);
  }

  async resetPassword(ctx: RequestContext, id: string, newPassword: string): Promise<void> {
    const target = await this.find(this.core.db, ctx, id, 'account:manage');
    await this.auth.validateNewPassword(newPassword, target.username, 'newPassword', target.subdistrict_id);
    await this.auth.passwords.refuseReuse(id, newPassword);
    const hash = await hashPassword(newPassword);
    await this.core.db.transaction().execute(async (trx) => {
      const grants = await repo.grantsOfMany(trx, [id]);
      if (grants.some((g) => roleDef(g.role)?.admin)) throw forbidden('管理员账号只能由命令行管理（三员分立）');
      await repo.updateAccount(trx, id, { password_hash: hash, must_change_password: 1, updated_at: nowIso() });
      await this.auth.passwords.remember(trx, id, hash);
      await repo.endSessionsOf(trx, id);
      await this.core.audit.record(trx, auditActor(ctx), { action: 'account.reset_password', targetType: 'account', targetId: id });
    });
    await this.auth.sessionsChanged(id);
  }

  /** security administrator: lift a lockout, clear a lost second factor */
  async securityAction(ctx: RequestContext, id: string, action: 'unlock' | 'reset_totp'): Promise<void> {
    await this.core.db.transaction().execute(async (trx) => {
      await this.find(trx, ctx, id, 'security:manage');
      const set = action === 'unlock' ? { locked_until: null, failed_count: 0 } : { totp_enabled: 0, totp_secret: null };
      await repo.updateAccount(trx, id, { ...set, updated_at: nowIso() });
      // unlocking forgets wrong TOTP codes too; a cleared second factor forgets its state and ends the sessions
      await repo.clearTotpState(trx, id, action === 'unlock' ? 'failures' : 'all');
      if (action === 'reset_totp') await repo.endSessionsOf(trx, id);
      await this.core.audit.record(trx, auditActor(ctx), { action: `account.${action}`, targetType: 'account', targetId: id });
    });
    await this.auth.sessionsChanged(id);
  }

  async saveSecuritySettings(ctx: RequestContext, value: SecuritySettings): Promise<void> {
    const before = await this.core.settings.security();
    await this.core.db.transaction().execute(async (trx) => {
      await this.core.settings.saveSecurity(trx, value, requireActor(ctx).accountId);
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'security.settings',
        targetType: 'settings',
        targetId: 'security',
        detail: { before, after: value },
      });
    });
    await this.auth.sessionsChanged(null);
  }

  async sessions(ctx: RequestContext, accountId?: string) {
    const rows = await repo.sessionsOf(this.core.db, scopeFor(requireActor(ctx), 'security:manage'), accountId);
    return rows.map((s) => ({
      id: s.id.slice(0, 16),
      accountId: s.account_id,
      username: s.username,
      ip: s.ip,
      userAgent: s.user_agent,
      createdAt: s.created_at,
      lastSeenAt: s.last_seen_at,
    }));
  }

  /** Sessions are shown by a prefix of their id only; ending one takes effect at the next request. */
  async endSession(ctx: RequestContext, idPrefix: string): Promise<void> {
    const all = await repo.sessionsOf(this.core.db, scopeFor(requireActor(ctx), 'security:manage'));
    const s = all.find((x) => x.id.slice(0, 16) === idPrefix);
    if (!s) throw notFound('会话');
    await this.core.db.transaction().execute(async (trx) => {
      await repo.endSession(trx, s.id);
      await this.core.audit.record(trx, auditActor(ctx), { action: 'session.end', targetType: 'account', targetId: s.account_id });
    });
    await this.auth.sessionsChanged(s.account_id);
  }
}

/** kept here for the seed, the command line and the tests; the query lives in the repository */
export const insertStaffAccount = repo.insertStaffAccount;
