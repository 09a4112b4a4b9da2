import type { Permission } from '../../../contracts/permissions';
import { type Actor, type Scope, scopeCovers, scopeFor } from '../../core/access/actor';
import { type Core, type RequestContext, requireActor } from '../../core/context';
import { decryptField, maskPhone } from '../../core/crypto/fields';
import { invalidField, notFound } from '../../core/errors';
import type { Executor } from '../../db/index';
import type { Branch, Member, MemberStatus } from './domain/rates';
import * as repo from './party.repository';
import type { PartyOrgsTable } from './party.tables';

/** The subdistrict's party organisations, looked up by id, with branches named as the domain wants them. */
export interface OrgIndex {
  all: PartyOrgsTable[];
  byId: Map<string, PartyOrgsTable>;
  branches: Branch[];
  /** 白渡一支部 */
  fullName(id: string): string;
  generalBranchOf(branchId: string): PartyOrgsTable | undefined;
}

export function indexOrgs(all: PartyOrgsTable[]): OrgIndex {
  const byId = new Map(all.map((o) => [o.id, o] as const));
  const generalBranchOf = (id: string) => {
    const b = byId.get(id);
    return b?.parent_id ? byId.get(b.parent_id) : undefined;
  };
  // general branches in the neighborhoods' order, branches in theirs
  const sortKey = (id: string) => (generalBranchOf(id)?.sort ?? 0) * 10_000 + (byId.get(id)?.sort ?? 0);
  const branches = all
    .filter((o) => o.level === 'branch')
    .map((b) => ({ id: b.id, name: b.name, generalBranch: generalBranchOf(b.id)?.name ?? '' }))
    .sort((a, b) => sortKey(a.id) - sortKey(b.id) || a.name.localeCompare(b.name, 'zh-CN'));
  return {
    all,
    byId,
    branches,
    generalBranchOf,
    fullName(id) {
      const o = byId.get(id);
      if (!o) return '';
      if (o.level !== 'branch') return o.name;
      return `${generalBranchOf(id)?.name ?? ''}${o.name}`;
    },
  };
}

export function toMember(r: Pick<repo.MemberRow, 'person_id' | 'branch_id' | 'status'>): Member {
  return { personId: r.person_id, branchId: r.branch_id, status: r.status as MemberStatus };
}

/** What every party service needs: the org tree and where the actor reaches in it. */
export class PartyBase {
  constructor(readonly core: Core) {}

  decrypt = (v: string) => decryptField(this.core.keys.field, v);
  phoneMasked = (enc: string | null) => (enc ? maskPhone(this.decrypt(enc)) : null);

  async orgIndex(exec: Executor, subdistrictId: string): Promise<OrgIndex> {
    return indexOrgs(await repo.orgs(exec, subdistrictId));
  }

  /** the branches of the actor's subdistrict they reach with a permission */
  branchesInScope(idx: OrgIndex, scope: Scope): string[] {
    const granted = new Set(scope.resources?.[repo.BRANCH_RESOURCE] ?? []);
    return idx.all
      .filter((o) => o.level === 'branch' && (granted.has(o.id) || scopeCovers(scope, o.subdistrict_id, o.neighborhood_id)))
      .map((o) => o.id);
  }

  /** refuses (400, naming the field) a list of branches the actor may not act for, or that do not exist */
  checkBranches(idx: OrgIndex, actor: Actor, permission: Permission, ids: readonly string[], field = 'branchIds'): PartyOrgsTable[] {
    const reach = new Set(this.branchesInScope(idx, scopeFor(actor, permission)));
    const out: PartyOrgsTable[] = [];
    for (const id of new Set(ids)) {
      const b = idx.byId.get(id);
      if (b?.level !== 'branch') throw invalidField(field, '所选支部不存在');
      if (!reach.has(id)) throw invalidField(field, `${idx.fullName(id)}不在您的管辖范围内`);
      out.push(b);
    }
    return out;
  }

  /** the member the signed-in account is, or null */
  async meOrNull(exec: Executor, ctx: RequestContext) {
    return (await repo.memberOfAccount(exec, requireActor(ctx))) ?? null;
  }

  /** the member the signed-in account is; a 404 in words for anyone else */
  async me(exec: Executor, ctx: RequestContext) {
    const m = await this.meOrNull(exec, ctx);
    if (!m) throw notFound('您的党员信息');
    return m;
  }
}
