import { z } from 'zod';
import { Id, PageQuery, pageOf } from './common';

/**
 * People registry: one record per real person. ID numbers and phones are always masked
 * here (310101********1234, 138****5678); the full value comes only from the reveal call,
 * which needs `people:reveal` and is audited each time.
 */
export const Gender = z.enum(['male', 'female']);
export type Gender = z.infer<typeof Gender>;

export const PersonQuery = PageQuery.extend({
  /** a name (江平), full pinyin or initials (jiangping, jp), a phone or its last 4 digits, an ID number or its masked tail */
  q: z.string().trim().max(40).optional(),
  neighborhoodId: Id.optional(),
  gender: Gender.optional(),
});
export type PersonQuery = z.infer<typeof PersonQuery>;

/** same filters as the list; the export carries every matching row, not one page */
export const PersonExportQuery = PersonQuery.omit({ page: true, pageSize: true });

export const Address = z.object({
  road: z.string().nullable(),
  lane: z.string().nullable(),
  building: z.string().nullable(),
  room: z.string().nullable(),
  /** 「白渡 中山南路100弄5号301室」 */
  text: z.string(),
});

export const PersonItem = z.object({
  id: Id,
  name: z.string(),
  gender: Gender.nullable(),
  /** `1950-**-**`: shown with the masked ID number, the full date would give the whole number away */
  birthDate: z.string().nullable(),
  idNumberMasked: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  altPhoneMasked: z.string().nullable(),
  neighborhoodId: Id.nullable(),
  neighborhoodName: z.string().nullable(),
  address: Address,
  updatedAt: z.string(),
});
export type PersonItem = z.infer<typeof PersonItem>;
export const PersonPage = pageOf(PersonItem);

export const ContactChange = z.object({
  id: Id,
  field: z.enum(['phone', 'altPhone', 'address']),
  /** phones masked, addresses as text */
  before: z.string().nullable(),
  after: z.string().nullable(),
  source: z.string(),
  changedAt: z.string(),
  changedBy: z.string().nullable(),
});
export type ContactChange = z.infer<typeof ContactChange>;

export const PersonDetail = PersonItem.extend({
  createdAt: z.string(),
  contactHistory: z.array(ContactChange),
});
export type PersonDetail = z.infer<typeof PersonDetail>;

const text = (label: string, max: number) => z.string().trim().max(max, `${label}不能超过 ${max} 个字`);

export const PersonWrite = z.object({
  name: z.string().trim().min(1, '请输入姓名').max(40, '姓名不能超过 40 个字'),
  gender: Gender.optional(),
  /** 18 digits (or a 15-digit old number); validated by the server (GB 11643) */
  idNumber: z.string().trim().min(1, '请输入身份证号').max(24),
  phone: z.string().trim().max(20).nullable().optional(),
  altPhone: z.string().trim().max(24).nullable().optional(),
  neighborhoodId: Id.nullable().optional(),
  road: text('路名', 40).nullable().optional(),
  lane: text('弄', 10).nullable().optional(),
  building: text('号', 10).nullable().optional(),
  room: text('室', 10).nullable().optional(),
});
export const CreatePersonBody = PersonWrite;
export type CreatePersonBody = z.infer<typeof CreatePersonBody>;
export const UpdatePersonBody = PersonWrite.partial();
export type UpdatePersonBody = z.infer<typeof UpdatePersonBody>;

export const UpsertOutcome = z.enum(['created', 'updated', 'unchanged']);
export type UpsertOutcome = z.infer<typeof UpsertOutcome>;
export const CreatePersonResult = z.object({ outcome: UpsertOutcome, person: PersonDetail });

export const RevealField = z.enum(['idNumber', 'phone', 'altPhone']);
export type RevealField = z.infer<typeof RevealField>;
export const RevealBody = z.object({ field: RevealField });
export const RevealResult = z.object({ field: RevealField, value: z.string().nullable() });
