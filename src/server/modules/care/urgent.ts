import type { Core } from '../../core/context';
import { decryptField, encryptField } from '../../core/crypto/fields';
import type { Executor } from '../../db/index';
import { itemLabel, URGENCY_LABEL } from './domain/timeline-text';

/** the needs that cannot wait: 紧急 and 特急 */
export const isUrgent = (urgency: string) => urgency === 'urgent' || urgency === 'critical';

interface UrgentFacts {
  subdistrictId: string;
  neighborhoodId: string;
  beneficiaryId: string;
  /** the person's name, masked to the surname in the robot's group message */
  name: string;
  neighborhoodName: string;
  staffAccountId: string | null;
  needs: { id: string; item: string; quantity: number; urgency: string; note: string | null }[];
}

/** the facts of a beneficiary row (beneficiaries.repository) and its new needs */
export function urgentFacts(
  b: {
    id: string;
    subdistrict_id: string;
    neighborhood_id: string;
    name: string;
    neighborhood_name: string;
    staff_account_id: string | null;
  },
  needs: UrgentFacts['needs'],
): UrgentFacts {
  return {
    subdistrictId: b.subdistrict_id,
    neighborhoodId: b.neighborhood_id,
    beneficiaryId: b.id,
    name: b.name,
    neighborhoodName: b.neighborhood_name,
    staffAccountId: b.staff_account_id,
    needs,
  };
}

const maskedName = (name: string) => `${name.slice(0, 1)}${'*'.repeat(Math.max(1, name.length - 1))}`;

/**
 * An urgent need tells the responsible staff at once, in the caller's transaction (core notify's
 * outbox): the paired staff member, or else the care staff of the subdistrict and of the
 * person's neighborhood, in their inbox; and the care office's WeCom group robot when one is set.
 */
export async function notifyUrgentNeeds(core: Core, trx: Executor, f: UrgentFacts, createdBy: string): Promise<number> {
  const urgent = f.needs.filter((n) => isUrgent(n.urgency));
  if (urgent.length === 0) return 0;
  const what = urgent
    .map((n) => `${itemLabel(n.item)} × ${n.quantity}（${URGENCY_LABEL[n.urgency]}）${n.note ? `：${n.note}` : ''}`)
    .join('；');
  const link = `/care/beneficiaries/${f.beneficiaryId}`;
  let staff: string[];
  if (f.staffAccountId) staff = [f.staffAccountId];
  else {
    const rows = await trx
      .selectFrom('accounts as a')
      .innerJoin('account_roles as r', 'r.account_id', 'a.id')
      .select('a.id')
      .where('a.subdistrict_id', '=', f.subdistrictId)
      .where('a.disabled', '=', 0)
      .where('a.kind', '=', 'staff')
      .where((eb) =>
        eb.or([
          eb.and([eb('r.role', '=', 'care_staff'), eb('r.org_id', '=', f.subdistrictId)]),
          eb.and([eb('r.role', '=', 'neighborhood_staff'), eb('r.org_id', '=', f.neighborhoodId)]),
        ]),
      )
      .execute();
    staff = [...new Set(rows.map((r) => r.id))];
  }
  const source = { module: 'care', type: 'care_beneficiary', id: f.beneficiaryId };
  for (const accountId of staff) {
    await core.notify.enqueue(trx, {
      subdistrictId: f.subdistrictId,
      neighborhoodId: f.neighborhoodId,
      to: { channel: 'inapp', accountId },
      subject: `紧急需求：${f.neighborhoodName} ${f.name}`,
      template: '{neighborhood} {name} 登记了紧急需求：{what}。请尽快安排。',
      variables: { neighborhood: f.neighborhoodName, name: f.name, what },
      link,
      source,
      createdBy,
    });
  }
  const robot = await robotWebhook(core, trx, f.subdistrictId);
  if (robot) {
    await core.notify.enqueue(trx, {
      subdistrictId: f.subdistrictId,
      neighborhoodId: f.neighborhoodId,
      to: { channel: 'wecom', webhook: robot },
      // the group sees the surname only
      template: '【紧急需求】{neighborhood} {name}：{what}。请负责同志尽快安排。',
      variables: { neighborhood: f.neighborhoodName, name: maskedName(f.name), what },
      source,
      createdBy,
    });
  }
  return staff.length + (robot ? 1 : 0);
}

export async function robotWebhook(core: Core, db: Executor, subdistrictId: string): Promise<string | null> {
  const row = await db
    .selectFrom('care_settings')
    .select('robot_webhook_enc')
    .where('subdistrict_id', '=', subdistrictId)
    .executeTakeFirst();
  return row?.robot_webhook_enc ? decryptField(core.keys.field, row.robot_webhook_enc) : null;
}

export async function setRobotWebhook(core: Core, db: Executor, subdistrictId: string, webhook: string | null, at: string) {
  const value = webhook ? encryptField(core.keys.field, webhook) : null;
  const existing = await db
    .selectFrom('care_settings')
    .select('subdistrict_id')
    .where('subdistrict_id', '=', subdistrictId)
    .executeTakeFirst();
  if (existing)
    await db
      .updateTable('care_settings')
      .set({ robot_webhook_enc: value, updated_at: at })
      .where('subdistrict_id', '=', subdistrictId)
      .execute();
  else await db.insertInto('care_settings').values({ subdistrict_id: subdistrictId, robot_webhook_enc: value, updated_at: at }).execute();
}
