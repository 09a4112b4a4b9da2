import type { Db, Executor } from '../../db/index';
import type { CareNotesTable, CareRecordChangesTable } from './care.tables';
import type { TimelineEntry } from './domain/timeline';
import { callEntry, changeEntry, needEntry, noteEntry } from './domain/timeline-text';

/**
 * The care record's own sources of the timeline (生活动态). Each takes a beneficiary the caller
 * has already found in the actor's scope (timeline.service.ts) and lists its entries.
 */
/** `(db: Kysely<DB>, beneficiaryId)`: the shape deliveries (deliveryTimeline) and visits (visitTimeline) export too */
export type TimelineSource = (db: Db, beneficiaryId: string) => Promise<TimelineEntry[]>;

const LIMIT = 200;

export const callTimeline: TimelineSource = async (db, beneficiaryId) => {
  const rows = await db
    .selectFrom('care_calls as k')
    .leftJoin('accounts as a', 'a.id', 'k.caller_account_id')
    .leftJoin('care_call_tasks as t', 't.id', 'k.task_id')
    .leftJoin('care_campaigns as c', 'c.id', 't.campaign_id')
    .select(['k.id', 'k.created_at', 'k.outcome', 'k.health_status', 'k.living_status', 'k.mood', 'k.note', 'a.display_name', 'c.title'])
    .where('k.beneficiary_id', '=', beneficiaryId)
    .orderBy('k.created_at', 'desc')
    .limit(LIMIT)
    .execute();
  return rows.map((r) =>
    callEntry({
      id: r.id,
      at: r.created_at,
      outcome: r.outcome,
      health: r.health_status,
      living: r.living_status,
      mood: r.mood,
      note: r.note,
      campaign: r.title,
      by: r.display_name,
    }),
  );
};

export const needTimeline: TimelineSource = async (db, beneficiaryId) => {
  const rows = await db
    .selectFrom('care_need_events as e')
    .innerJoin('care_needs as n', 'n.id', 'e.need_id')
    .leftJoin('accounts as a', 'a.id', 'e.by_account_id')
    .select([
      'e.id',
      'e.at',
      'e.from_status',
      'e.to_status',
      'e.note',
      'n.item',
      'n.quantity',
      'n.urgency',
      'n.note as need_note',
      'a.display_name',
    ])
    .where('n.beneficiary_id', '=', beneficiaryId)
    .orderBy('e.at', 'desc')
    .limit(LIMIT)
    .execute();
  return rows.map((r) =>
    needEntry({
      id: r.id,
      at: r.at,
      item: r.item,
      quantity: r.quantity,
      urgency: r.urgency,
      needNote: r.need_note,
      from: r.from_status,
      to: r.to_status,
      note: r.note,
      by: r.display_name,
    }),
  );
};

export const changeTimeline: TimelineSource = async (db, beneficiaryId) => {
  const rows = await db
    .selectFrom('care_record_changes as c')
    .leftJoin('accounts as a', 'a.id', 'c.by_account_id')
    .select(['c.id', 'c.at', 'c.field', 'c.before', 'c.after', 'a.display_name'])
    .where('c.beneficiary_id', '=', beneficiaryId)
    .orderBy('c.at', 'desc')
    .limit(LIMIT)
    .execute();
  return rows.map((r) => changeEntry({ id: r.id, at: r.at, field: r.field, before: r.before, after: r.after, by: r.display_name }));
};

export const noteTimeline: TimelineSource = async (db, beneficiaryId) => {
  const rows = await db
    .selectFrom('care_notes as n')
    .leftJoin('accounts as a', 'a.id', 'n.by_account_id')
    .select(['n.id', 'n.created_at', 'n.text', 'a.display_name'])
    .where('n.beneficiary_id', '=', beneficiaryId)
    .orderBy('n.created_at', 'desc')
    .limit(LIMIT)
    .execute();
  return rows.map((r) => noteEntry({ id: r.id, at: r.created_at, text: r.text, by: r.display_name }));
};

export async function insertChanges(db: Executor, rows: CareRecordChangesTable[]) {
  if (rows.length) await db.insertInto('care_record_changes').values(rows).execute();
}

export async function insertNote(db: Executor, row: CareNotesTable) {
  await db.insertInto('care_notes').values(row).execute();
}

export async function noteByClientKey(db: Executor, clientKey: string) {
  return db.selectFrom('care_notes').selectAll().where('client_key', '=', clientKey).executeTakeFirst();
}
