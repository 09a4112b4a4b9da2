/**
 * Resident ID numbers (公民身份号码, GB 11643-1999): 6-digit region code, 8-digit birth date,
 * 3-digit sequence (odd = male), 1 check digit (ISO 7064 MOD 11-2, 10 written as X).
 * Numbers issued before 1999 have 15 digits (2-digit year, no check digit) and are converted.
 */

import { toNfkc } from './people.domain';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** Province-level codes of GB/T 2260, plus 81/82/83 used by Hong Kong, Macao and Taiwan residence permits. */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
  83,
]);

export type Gender = 'male' | 'female';

export interface IdNumberInfo {
  /** the 18-character form, upper-case X */
  value: string;
  birthDate: string;
  gender: Gender;
  /** true when the input was a 15-digit number */
  converted: boolean;
}

export type IdNumberResult = { ok: true; info: IdNumberInfo } | { ok: false; message: string };

export function checkDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charCodeAt(i) - 48) * (WEIGHTS[i] as number);
  return CHECK[sum % 11] as string;
}

/** Full-width digits and letters (common when pasted from Word or typed with a Chinese IME) become plain; spaces go. */
export function normalizeIdInput(raw: string): string {
  return toNfkc(raw)
    .replace(/[\s\u00a0-]/g, '')
    .toUpperCase();
}

function realDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

/** Validates and normalises an ID number; `today` (YYYY-MM-DD) bounds the birth date. */
export function parseIdNumber(raw: string, today: string = todayIso()): IdNumberResult {
  let v = normalizeIdInput(raw);
  let converted = false;
  if (v.length === 15) {
    if (!/^\d{15}$/.test(v)) return { ok: false, message: '15 位旧身份证号须全部为数字' };
    const first17 = `${v.slice(0, 6)}19${v.slice(6)}`;
    v = first17 + checkDigit(first17);
    converted = true;
  }
  if (v.length !== 18) return { ok: false, message: `身份证号应为 18 位（或 15 位旧号码），当前为 ${v.length} 位` };
  if (!/^\d{17}[\dX]$/.test(v)) return { ok: false, message: '身份证号格式不正确：前 17 位须为数字，末位为数字或 X' };
  const province = Number(v.slice(0, 2));
  if (!PROVINCES.has(province) || (province < 81 && v.slice(2, 6) === '0000')) {
    return { ok: false, message: `身份证号的地区码 ${v.slice(0, 6)} 不存在` };
  }
  const y = Number(v.slice(6, 10));
  const m = Number(v.slice(10, 12));
  const d = Number(v.slice(12, 14));
  const birthDate = `${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}`;
  if (y < 1900 || !realDate(y, m, d)) return { ok: false, message: `身份证号中的出生日期 ${birthDate} 不存在` };
  if (birthDate > today) return { ok: false, message: `身份证号中的出生日期 ${birthDate} 晚于今天` };
  if (checkDigit(v.slice(0, 17)) !== v[17]) return { ok: false, message: '身份证号校验位不正确，请核对号码' };
  const gender: Gender = Number(v[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, info: { value: v, birthDate, gender, converted } };
}

export function todayIso(now: Date = new Date()): string {
  // the office works in China Standard Time: a birth "today" is judged by Beijing's calendar
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
