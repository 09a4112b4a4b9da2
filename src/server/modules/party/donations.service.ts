import { uuidv7 } from 'uuidv7';
import type { CampaignRates, CreateCampaignBody, RecordDonationBody } from '../../../contracts/party';
import type { DonationKind } from '../../../contracts/party.vocab';
import { type Scope, scopeFor } from '../../core/access/actor';
import { auditActor, nowIso, type RequestContext, requireActor } from '../../core/context';
import { conflict, forbidden, invalidField, notFound } from '../../core/errors';
import type { Executor } from '../../db/index';
import { donationRefusal } from './domain/guards';
import { yuanToFen } from './domain/money';
import { donationRates, type MemberStatus } from './domain/rates';
import { type OrgIndex, PartyBase, toMember } from './party.base';
import * as repo from './party.repository';
import type { PartyCampaignsTable, PartyDonationsTable } from './party.tables';

export type DonationWrite = {
  campaign: PartyCampaignsTable;
  campaignBranchIds: string[];
  member: repo.MemberRow;
  amountFen: number;
  kind?: DonationKind;
  givenOn: string;
  method?: string | null;
  receiptNo?: string | null;
  note?: string | null;
  clientKey?: string | null;
};

/** rates over the branches of a campaign in reach (every branch when `reach` is null: the command line) */
export async function campaignRates(
  exec: Executor,
  c: PartyCampaignsTable,
  idx: OrgIndex,
  reach: Set<string> | null,
): Promise<CampaignRates> {
  const links = (await repo.branchLinks(exec, 'party_campaign_branches', 'campaign_id', [c.id])).map((l) => l.branch_id);
  const branchIds = links.filter((b) => !reach || reach.has(b));
  const members = await repo.membersOfBranches(exec, c.subdistrict_id, branchIds);
  const gifts = (await repo.donations(exec, [c.id])).filter((d) => branchIds.includes(d.branch_id));
  return donationRates(
    { name: c.name, branchIds },
    idx.branches,
    members.map(toMember),
    gifts.map((d) => ({ personId: d.person_id, branchId: d.branch_id, amountFen: d.amount_fen })),
  );
}

/** Donation campaigns (抗疫捐款, 特殊党费): who gave what, and participation per branch and general branch. */
export class DonationsService extends PartyBase {
  ratesOf(exec: Executor, c: PartyCampaignsTable, idx: OrgIndex, scope: Scope | null): Promise<CampaignRates> {
    return campaignRates(exec, c, idx, scope ? new Set(this.branchesInScope(idx, scope)) : null);
  }

  private async item(exec: Executor, c: PartyCampaignsTable, idx: OrgIndex, scope: Scope) {
    const rates = await this.ratesOf(exec, c, idx, scope);
    const links = (await repo.branchLinks(exec, 'party_campaign_branches', 'campaign_id', [c.id])).map((l) => l.branch_id);
    const members = rates.generalBranches.reduce((s, g) => s + g.members, 0);
    const donors = rates.generalBranches.reduce((s, g) => s + g.donors, 0);
    return {
      id: c.id,
      name: c.name,
      kind: c.kind as DonationKind,
      startsOn: c.starts_on,
      endsOn: c.ends_on,
      branches: links.map((id) => ({ id, name: idx.fullName(id) })),
      members,
      donors,
      rate: members === 0 ? null : Math.round((donors / members) * 1e4) / 1e4,
      totalFen: rates.generalBranches.reduce((s, g) => s + g.totalFen, 0),
      rates,
    };
  }

  async list(ctx: RequestContext) {
    const actor = requireActor(ctx);
    const scope = scopeFor(actor, 'party:read');
    const idx = await this.orgIndex(this.core.db, actor.subdistrictId);
    const out = [];
    for (const c of await repo.listCampaigns(this.core.db, scope)) {
      const { rates: _r, ...item } = await this.item(this.core.db, c, idx, scope);
      out.push(item);
    }
    return out;
  }

  async get(ctx: RequestContext, id: string) {
    const actor = requireActor(ctx);
    const scope = scopeFor(actor, 'party:read');
    const c = await repo.campaignInScope(this.core.db, scope, id);
    if (!c) throw notFound('捐款活动');
    const idx = await this.orgIndex(this.core.db, actor.subdistrictId);
    const members = await repo.membersOfBranches(this.core.db, actor.subdistrictId, this.branchesInScope(idx, scope));
    const memberOf = new Map(members.map((m) => [m.person_id, m.id] as const));
    // amounts: the office's and the giver's own branch secretary's (the scope), no one else's
    const gifts = await repo.donations(this.core.db, [c.id], scope);
    return {
      ...(await this.item(this.core.db, c, idx, scope)),
      donations: gifts.map((d) => this.presentDonation(d, idx, memberOf.get(d.person_id) ?? null)),
    };
  }

  presentDonation(d: PartyDonationsTable & { name: string }, idx: OrgIndex, memberId: string | null) {
    return {
      id: d.id,
      memberId,
      name: d.name,
      branch: idx.fullName(d.branch_id),
      amountFen: d.amount_fen,
      kind: d.kind as DonationKind,
      givenOn: d.given_on,
      method: d.method,
      receiptNo: d.receipt_no,
      note: d.note,
    };
  }

  /** a campaign is the office's: it covers branches of several general branches */
  async createCampaign(ctx: RequestContext, body: CreateCampaignBody) {
    const actor = requireActor(ctx);
    if (!scopeFor(actor, 'party:manage').subdistrictIds.includes(actor.subdistrictId)) throw forbidden('捐款活动由街道党建办发起');
    const id = await this.core.db.transaction().execute(async (trx) => {
      const idx = await this.orgIndex(trx, actor.subdistrictId);
      const branches = this.checkBranches(idx, actor, 'party:manage', body.branchIds);
      if (body.endsOn && body.endsOn < body.startsOn) throw invalidField('endsOn', '结束日期不能早于开始日期');
      if (await repo.campaignByName(trx, actor.subdistrictId, body.name)) throw conflict(`已有名为「${body.name}」的捐款活动`);
      const id = uuidv7();
      await repo.insertCampaign(
        trx,
        {
          id,
          subdistrict_id: actor.subdistrictId,
          name: body.name,
          kind: body.kind,
          starts_on: body.startsOn,
          ends_on: body.endsOn ?? null,
          created_at: nowIso(),
        },
        branches.map((b) => ({ branch_id: b.id, neighborhood_id: b.neighborhood_id as string })),
      );
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'party.campaign_create',
        targetType: 'party_campaign',
        targetId: id,
        detail: { after: { name: body.name, kind: body.kind, branches: branches.length } },
      });
      return id;
    });
    return this.get(ctx, id);
  }

  /**
   * Writes one gift inside the caller's transaction. The same receipt number in a campaign is the
   * same gift (updated, not added); the same client key is a repeated submit (counted once).
   */
  async writeDonation(
    trx: Executor,
    ctx: RequestContext,
    idx: OrgIndex,
    w: DonationWrite,
  ): Promise<{ id: string; outcome: 'created' | 'updated' | 'unchanged' }> {
    const actor = requireActor(ctx);
    const refusal = donationRefusal(
      { name: w.campaign.name, branchIds: w.campaignBranchIds },
      { name: w.member.name, branchId: w.member.branch_id, status: w.member.status as MemberStatus },
      idx.fullName,
    );
    if (refusal) throw invalidField('memberId', refusal);
    if (w.clientKey) {
      const same = await repo.donationByKey(trx, w.campaign.id, w.clientKey);
      if (same) return { id: same.id, outcome: 'unchanged' };
    }
    const values = {
      person_id: w.member.person_id,
      branch_id: w.member.branch_id,
      neighborhood_id: w.member.neighborhood_id,
      amount_fen: w.amountFen,
      kind: w.kind ?? (w.campaign.kind as DonationKind),
      given_on: w.givenOn,
      method: w.method ?? null,
      note: w.note ?? null,
    };
    if (w.receiptNo) {
      const same = await repo.donationByReceipt(trx, w.campaign.id, w.receiptNo);
      if (same) {
        if (same.person_id !== w.member.person_id) throw invalidField('receiptNo', `收据号「${w.receiptNo}」已登记为另一人的捐款`);
        const changed = (Object.keys(values) as (keyof typeof values)[]).some((k) => same[k] !== values[k]);
        if (!changed) return { id: same.id, outcome: 'unchanged' };
        await repo.updateDonation(trx, same.id, values);
        await this.core.audit.record(trx, auditActor(ctx), {
          action: 'party.donation_record',
          targetType: 'party_donation',
          targetId: same.id,
          detail: { campaign: w.campaign.name, before: { amountFen: same.amount_fen }, after: { amountFen: w.amountFen } },
        });
        return { id: same.id, outcome: 'updated' };
      }
    }
    const id = uuidv7();
    await repo.insertDonation(trx, {
      id,
      subdistrict_id: w.campaign.subdistrict_id,
      campaign_id: w.campaign.id,
      receipt_no: w.receiptNo ?? null,
      client_key: w.clientKey ?? null,
      recorded_by: actor.system ? null : actor.accountId,
      created_at: nowIso(),
      ...values,
    });
    await this.core.audit.record(trx, auditActor(ctx), {
      action: 'party.donation_record',
      targetType: 'party_donation',
      targetId: id,
      detail: { campaign: w.campaign.name, after: { amountFen: w.amountFen } },
    });
    return { id, outcome: 'created' };
  }

  async record(ctx: RequestContext, campaignId: string, body: RecordDonationBody) {
    const actor = requireActor(ctx);
    const scope = scopeFor(actor, 'party:manage');
    await this.core.db.transaction().execute(async (trx) => {
      const c = await repo.campaignInScope(trx, scope, campaignId);
      if (!c) throw notFound('捐款活动');
      const amount = yuanToFen(body.amount);
      if (!amount.ok) throw invalidField('amount', amount.message);
      const member = await repo.memberInScope(trx, scope, body.memberId);
      if (!member) throw notFound('党员');
      const idx = await this.orgIndex(trx, actor.subdistrictId);
      const links = (await repo.branchLinks(trx, 'party_campaign_branches', 'campaign_id', [c.id])).map((l) => l.branch_id);
      await this.writeDonation(trx, ctx, idx, {
        campaign: c,
        campaignBranchIds: links,
        member,
        amountFen: amount.fen,
        kind: body.kind,
        givenOn: body.givenOn,
        method: body.method,
        receiptNo: body.receiptNo,
        note: body.note,
        clientKey: body.clientKey,
      });
    });
    return this.get(ctx, campaignId);
  }

  async myDonations(ctx: RequestContext) {
    const actor = requireActor(ctx);
    const me = await this.meOrNull(this.core.db, ctx);
    if (!me) return { donations: [], totalFen: 0 };
    const idx = await this.orgIndex(this.core.db, actor.subdistrictId);
    const rows = await repo.donationsOfPerson(this.core.db, actor.subdistrictId, me.person_id);
    return {
      donations: rows.map((d) => ({ ...this.presentDonation(d, idx, me.id), campaign: d.campaign })),
      totalFen: rows.reduce((s, d) => s + d.amount_fen, 0),
    };
  }
}
