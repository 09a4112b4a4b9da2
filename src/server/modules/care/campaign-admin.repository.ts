import { type Scope, scopeWhere } from '../../core/access/actor';
import type { Executor } from '../../db/index';

/** every task of a campaign inside the scope, with the person and the caller, in list order */
export async function tasksOf(db: Executor, scope: Scope, campaignId: string) {
  return db
    .selectFrom('care_call_tasks as t')
    .innerJoin('care_beneficiaries as b', 'b.id', 't.beneficiary_id')
    .innerJoin('persons as p', 'p.id', 'b.person_id')
    .innerJoin('org_units as n', 'n.id', 't.neighborhood_id')
    .leftJoin('accounts as a', 'a.id', 't.caller_account_id')
    .select([
      't.id',
      't.beneficiary_id',
      't.status',
      't.attempts',
      't.last_outcome',
      't.last_attempt_at',
      't.caller_account_id',
      'a.display_name as caller_name',
      'p.name',
      'p.phone_enc',
      'p.road',
      'p.lane',
      'p.building',
      'p.room',
      'n.name as neighborhood_name',
      'n.sort as neighborhood_sort',
      'p.name_pinyin',
    ])
    .where('t.campaign_id', '=', campaignId)
    .where(scopeWhere(scope, 't.subdistrict_id', 't.neighborhood_id'))
    .orderBy('n.sort')
    .orderBy('p.name_pinyin')
    .orderBy('t.id')
    .execute();
}

export async function updateCampaign(
  db: Executor,
  id: string,
  patch: Partial<{ title: string; starts_on: string; ends_on: string; talking_points: string; updated_at: string }>,
) {
  const r = await db.updateTable('care_campaigns').set(patch).where('id', '=', id).where('status', '=', 'active').executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** moves the still-pending tasks among `taskIds` of the campaign (inside the scope) to another caller */
export async function reassignTasks(db: Executor, scope: Scope, campaignId: string, taskIds: string[], callerId: string) {
  const r = await db
    .updateTable('care_call_tasks')
    .set({ caller_account_id: callerId })
    .where('campaign_id', '=', campaignId)
    .where('id', 'in', taskIds)
    .where('status', '=', 'pending')
    .where(scopeWhere(scope, 'subdistrict_id', 'neighborhood_id'))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function closeCampaign(db: Executor, id: string, by: string, at: string, summary: string) {
  const r = await db
    .updateTable('care_campaigns')
    .set({ status: 'closed', closed_at: at, closed_by: by, summary, updated_at: at })
    .where('id', '=', id)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
