import { pinyin } from 'pinyin-pro';

/**
 * Pure rules about people: phone numbers, names, pinyin for search, addresses. No I/O.
 */

/** NFKC (full-width digits and letters → plain), skipped for the common all-half-width input */
export function nfkc(s: string): string {
  return /[\uff00-\uffef\u3000]/.test(s) ? s.normalize('NFKC') : s;
}

// printable ASCII and the CJK Unified Ideographs have no compatibility decomposition: NFKC leaves them as they are
const NFKC_STABLE = /^[\x20-\x7e\u4e00-\u9fff]*$/;

/** Exactly `s.normalize('NFKC')`, without the cost for the usual plain-ASCII or plain-Chinese cell. */
export function toNfkc(s: string): string {
  return NFKC_STABLE.test(s) ? s : s.normalize('NFKC');
}

export type PhoneResult = { ok: true; value: string } | { ok: false; message: string };

function digitsOf(raw: string): string {
  return nfkc(raw).replace(/[\s\u00a0()（）-]/g, '');
}

/** Mainland mobile numbers: 11 digits starting 13–19; +86 / 0086 prefixes are dropped. */
export function parseMobile(raw: string, label = '手机号码'): PhoneResult {
  let v = digitsOf(raw);
  if (/^(\+86|0086)\d+$/.test(v)) v = v.replace(/^(\+86|0086)/, '');
  if (!/^\d+$/.test(v)) return { ok: false, message: `${label}只能包含数字` };
  if (v.length !== 11) return { ok: false, message: `${label}应为 11 位数字，当前为 ${v.length} 位` };
  if (!/^1[3-9]/.test(v)) return { ok: false, message: `${label}不是有效的手机号码（应以 13–19 开头）` };
  return { ok: true, value: v };
}

/** A mobile, or a landline with or without area code and extension (021-63281234, 63281234-801). */
export function parsePhone(raw: string, label = '电话'): PhoneResult {
  const v = digitsOf(raw.replace(/转/g, '-'));
  const compact = v.replace(/^(\+86|0086)/, '');
  if (/^1\d{10}$/.test(compact)) return parseMobile(compact, label);
  const land = raw
    .normalize('NFKC')
    .replace(/[\s\u00a0()（）]/g, '')
    .replace(/转/g, '-');
  // area codes: 010 and 02x have three digits, all others four
  const m = land.match(/^(0[12]\d|0[3-9]\d{2})?-?([2-9]\d{6,7})(?:-(\d{1,6}))?$/);
  if (!m) return { ok: false, message: `${label}应为 11 位手机号码或固定电话（如 021-63281234）` };
  return { ok: true, value: `${m[1] ? `${m[1]}-` : ''}${m[2]}${m[3] ? `-${m[3]}` : ''}` };
}

export function phoneTail(phone: string): string {
  return phone.replace(/\D/g, '').slice(-4);
}

export function normalizeName(raw: string): string {
  return toNfkc(raw)
    .replace(/\s+/g, ' ')
    .replace(/[.．・•]/g, '·')
    .trim();
}

const PINYIN_OPTS = { toneType: 'none', type: 'array', surname: 'head', v: true, nonZh: 'removed' } as const;
// names repeat (a subdistrict has many 王伟 and 张敏), and pinyin-pro's segmentation is the dearest step of an import row
const pinyinMemo = new Map<string, { full: string; initials: string }>();
const PINYIN_MEMO_SIZE = 20_000;

/** Full pinyin and initials, lower-case, no tones, ü as v, surnames read as surnames (单 → shan). */
export function namePinyin(name: string): { full: string; initials: string } {
  const known = pinyinMemo.get(name);
  if (known) return { ...known };
  const syllables = pinyin(name, PINYIN_OPTS).filter((s) => /^[a-zv]+$/i.test(s));
  const r = {
    full: syllables.join('').toLowerCase(),
    initials: syllables
      .map((s) => s[0])
      .join('')
      .toLowerCase(),
  };
  if (pinyinMemo.size >= PINYIN_MEMO_SIZE) pinyinMemo.clear();
  pinyinMemo.set(name, r);
  return { ...r };
}

const UNIT_AT_END = { 弄: /弄$/, 号: /号$/, 室: /室$/ } as const;

/** Shanghai addresses say 100弄 5号 301室; users often type the unit into the cell as well. */
export function addressPart(raw: string, unit: '弄' | '号' | '室'): string {
  return toNfkc(raw).trim().replace(UNIT_AT_END[unit], '').trim();
}

export interface AddressParts {
  road: string | null;
  lane: string | null;
  building: string | null;
  room: string | null;
}

export function formatAddress(a: AddressParts, neighborhood?: string | null): string {
  const parts = [a.road ?? '', a.lane ? `${a.lane}弄` : '', a.building ? `${a.building}号` : '', a.room ? `${a.room}室` : ''].join('');
  return [neighborhood, parts].filter(Boolean).join(' ');
}

/** What a search box string means: an ID number, a phone, a tail of either, pinyin, or a name. */
export type SearchTerm =
  | { kind: 'id'; value: string }
  | { kind: 'phone'; value: string }
  | { kind: 'tail'; tail: string; idPrefix: string | null }
  | { kind: 'pinyin'; value: string }
  | { kind: 'name'; value: string };

export function classifySearch(raw: string): SearchTerm | null {
  const q = raw.normalize('NFKC').replace(/\s+/g, '').trim();
  if (!q) return null;
  // a masked ID as shown in lists (310101********1234) or a bare masked tail (****1234)
  const masked = q.match(/^(\d{6})?\*{2,}(\d{3}[\dXx])$/);
  if (masked) return { kind: 'tail', tail: (masked[2] as string).toUpperCase(), idPrefix: masked[1] ?? null };
  if (/^\d{3}\*{2,}\d{4}$/.test(q)) return { kind: 'tail', tail: q.slice(-4), idPrefix: null };
  if (/^\d{3}[\dXx]$/.test(q)) return { kind: 'tail', tail: q.toUpperCase(), idPrefix: null };
  if (/^(\d{15}|\d{17}[\dXx])$/.test(q)) return { kind: 'id', value: q.toUpperCase() };
  if (/^(\+86|0086)?1\d{10}$/.test(q)) return { kind: 'phone', value: q.replace(/^(\+86|0086)/, '') };
  if (/^[a-zA-Z]+$/.test(q)) return { kind: 'pinyin', value: q.toLowerCase().replace(/u:|ü/g, 'v') };
  return { kind: 'name', value: q };
}
