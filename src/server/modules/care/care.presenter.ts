import type { z } from 'zod';
import type { BeneficiaryItem, CampaignItem, NeedItemRow } from '../../../contracts/care';
import { maskIdNumber, maskPhone } from '../../core/crypto/fields';
import type { BeneficiaryRow } from './beneficiaries.repository';
import type { CareCampaignsTable } from './care.tables';
import { streetAddress } from './domain/address';
import type { LivingSituation } from './domain/catalogue';
import { ageOn, priorityFlags } from './domain/priority';
import { type ProgressRow, totals } from './domain/queue';
import type { NeedRow } from './needs.repository';

export type Decrypt = (stored: string) => string;

export const reasonsOf = (stored: string) => stored.split('|').filter(Boolean);
export const storeReasons = (reasons: string[]) => (reasons.length ? `|${reasons.join('|')}|` : '');

const masked = (decrypt: Decrypt, stored: string | null, mask: (v: string) => string) => (stored ? mask(decrypt(stored)) : null);

/** priority flags of any row carrying the person's birth date and the care record's reasons */
export function flagsOf(
  r: { priority_reasons: string; living_situation: string | null; birth_date: string | null },
  today: string,
): string[] {
  return priorityFlags({
    manual: reasonsOf(r.priority_reasons),
    livingSituation: (r.living_situation as LivingSituation | null) ?? null,
    birthDate: r.birth_date,
    today,
  });
}

export function presentCampaign(c: CareCampaignsTable, progress: ProgressRow[]): z.infer<typeof CampaignItem> {
  return {
    id: c.id,
    title: c.title,
    startsOn: c.starts_on,
    endsOn: c.ends_on,
    status: c.status as 'active' | 'closed',
    closedAt: c.closed_at ?? null,
    ...totals(progress),
    createdAt: c.created_at,
  };
}

export function presentBeneficiary(r: BeneficiaryRow, decrypt: Decrypt, today: string): BeneficiaryItem {
  const living = (r.living_situation as LivingSituation | null) ?? null;
  return {
    id: r.id,
    personId: r.person_id,
    name: r.name,
    gender: (r.gender as 'male' | 'female' | null) ?? null,
    age: r.birth_date ? ageOn(r.birth_date, today) : null,
    neighborhoodId: r.neighborhood_id,
    neighborhoodName: r.neighborhood_name,
    address: streetAddress(r, r.neighborhood_name),
    phoneMasked: masked(decrypt, r.phone_enc, maskPhone),
    categoryId: r.category_id,
    category: r.category_name,
    livingSituation: living,
    flags: flagsOf(r, today),
    lastContactAt: r.last_contact_at,
    staffName: r.staff_name,
    volunteerName: r.volunteer_name,
  };
}

export function presentBeneficiaryExtras(r: BeneficiaryRow, decrypt: Decrypt) {
  return {
    idNumberMasked: masked(decrypt, r.id_number_enc, maskIdNumber),
    altPhoneMasked: masked(decrypt, r.alt_phone_enc, maskPhone),
    road: r.road,
    lane: r.lane,
    building: r.building,
    room: r.room,
    disabilityGrade: r.disability_grade,
    healthNotes: r.health_notes_enc ? decrypt(r.health_notes_enc) : null,
    priorityReasons: reasonsOf(r.priority_reasons),
    emergencyName: r.emergency_name,
    emergencyPhoneMasked: masked(decrypt, r.emergency_phone_enc, maskPhone),
    note: r.note,
    staffAccountId: r.staff_account_id,
    volunteerAccountId: r.volunteer_account_id,
  };
}

export function presentNeed(r: NeedRow): NeedItemRow {
  return {
    id: r.id,
    beneficiaryId: r.beneficiary_id,
    name: r.name,
    neighborhoodId: r.neighborhood_id,
    neighborhoodName: r.neighborhood_name,
    item: r.item as NeedItemRow['item'],
    quantity: r.quantity,
    urgency: r.urgency as NeedItemRow['urgency'],
    note: r.note,
    status: r.status as NeedItemRow['status'],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function presentCall(r: {
  id: string;
  created_at: string;
  outcome: string;
  caller_name: string | null;
  health_status: string | null;
  living_status: string | null;
  mood: string | null;
  note: string | null;
}) {
  return {
    id: r.id,
    at: r.created_at,
    outcome: r.outcome as 'reached',
    callerName: r.caller_name,
    healthStatus: r.health_status as 'good' | null,
    livingStatus: r.living_status as 'normal' | null,
    mood: r.mood as 'good' | null,
    note: r.note,
  };
}

export function presentTodo(r: {
  id: string;
  beneficiary_id: string;
  name: string;
  neighborhood_name: string;
  kind: string;
  status: string;
  note: string | null;
  created_at: string;
}) {
  return {
    id: r.id,
    beneficiaryId: r.beneficiary_id,
    name: r.name,
    neighborhoodName: r.neighborhood_name,
    kind: r.kind as 'fix_phone' | 'follow_up',
    status: r.status as 'open' | 'done',
    note: r.note,
    createdAt: r.created_at,
  };
}
