import type { ContactChange, Gender, PersonDetail, PersonItem } from '../../../contracts/people';
import type { PersonContactHistoryTable } from '../../db/schema';
import { maskIdNumber, maskPhone } from '../crypto/fields';
import { formatAddress } from './people.domain';
import type { PersonRow } from './people.repository';

/** decrypts a stored field; presenters only ever show the masked result */
export type Decrypt = (stored: string) => string;

const masked = (decrypt: Decrypt, stored: string | null, mask: (v: string) => string) => (stored ? mask(decrypt(stored)) : null);

export function presentPerson(r: PersonRow, decrypt: Decrypt): PersonItem {
  const address = { road: r.road, lane: r.lane, building: r.building, room: r.room };
  return {
    id: r.id,
    name: r.name,
    gender: (r.gender as Gender | null) ?? null,
    // the year only: month and day are exactly the digits the masked ID number hides
    birthDate: r.birth_date ? `${r.birth_date.slice(0, 4)}-**-**` : null,
    idNumberMasked: masked(decrypt, r.id_number_enc, maskIdNumber),
    phoneMasked: masked(decrypt, r.phone_enc, maskPhone),
    altPhoneMasked: masked(decrypt, r.alt_phone_enc, maskPhone),
    neighborhoodId: r.neighborhood_id,
    neighborhoodName: r.neighborhood_name,
    address: { ...address, text: formatAddress(address, r.neighborhood_name) },
    updatedAt: r.updated_at,
  };
}

export function presentChange(h: PersonContactHistoryTable, decrypt: Decrypt): ContactChange {
  const phone = h.field !== 'address';
  const show = (v: string | null) => (v === null ? null : phone ? maskPhone(decrypt(v)) : v);
  return {
    id: h.id,
    field: h.field as ContactChange['field'],
    before: show(h.before_value),
    after: show(h.after_value),
    source: h.source,
    changedAt: h.changed_at,
    changedBy: h.changed_by_name,
  };
}

export function presentDetail(r: PersonRow, history: PersonContactHistoryTable[], decrypt: Decrypt): PersonDetail {
  return { ...presentPerson(r, decrypt), createdAt: r.created_at, contactHistory: history.map((h) => presentChange(h, decrypt)) };
}

export const GENDER_LABEL: Record<Gender, string> = { male: '男', female: '女' };
