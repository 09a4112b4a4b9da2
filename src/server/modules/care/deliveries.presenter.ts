import type { DeliveryItem, DeliveryTask } from '../../../contracts/care-deliveries';
import { maskPhone } from '../../core/crypto/fields';
import type { TaskRow } from './deliveries.repository';
import { NEED_ITEMS } from './domain/catalogue';
import type { DeliveryMode, DeliveryStatus } from './domain/deliveries';

export function presentItems(items: { item: string; quantity: number }[]): DeliveryItem[] {
  return items.map((i) => {
    const meta = NEED_ITEMS.find((m) => m.code === i.item);
    return { item: i.item, label: meta?.label ?? i.item, quantity: i.quantity, unit: meta?.unit ?? '' };
  });
}

/** a task row as the API shows it; the phone masked (the whole number only through the audited reveal) */
export function presentTask(r: TaskRow, decrypt: (v: string) => string): DeliveryTask {
  return {
    id: r.id,
    runId: r.run_id,
    runTitle: r.run_title,
    seq: r.seq,
    beneficiaryId: r.beneficiary_id,
    name: r.name,
    neighborhoodName: r.neighborhood_name,
    address: r.address,
    items: presentItems(JSON.parse(r.items)),
    mode: r.mode as DeliveryMode,
    dueAt: r.due_at,
    volunteerId: r.volunteer_account_id,
    volunteerName: r.volunteer_name,
    status: r.status as DeliveryStatus,
    deliveredAt: r.delivered_at,
    photoUrl: r.photo_file_id ? `/api/files/${r.photo_file_id}` : null,
    note: r.note,
    failReason: r.fail_reason,
    confirmedAt: r.confirmed_at,
    confirmNote: r.confirm_note,
    phoneMasked: r.phone_enc ? maskPhone(decrypt(r.phone_enc)) : null,
  };
}
