/**
 * Money (DESIGN: integer fen). Donations are entered in yuan (金额（元）) and stored in fen; an
 * amount that is negative, zero, not a number, or finer than one fen is refused in words, before
 * anything is written. A gift in kind is recorded with its value.
 */

export type Parsed = { ok: true; fen: number } | { ok: false; message: string };

const MAX_FEN = Number.MAX_SAFE_INTEGER;

/**
 * `12`, `12.3`, `12.30`, `1,234.50`, `￥8` (full-width digits too) → fen. Numbers from spreadsheet
 * cells are accepted when they are a whole number of fen up to float noise (12.34 is 1233.9999…).
 */
export function yuanToFen(input: string | number): Parsed {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, message: '金额必须是数字' };
    if (input < 0) return { ok: false, message: `金额不能为负数（${input} 元）` };
    const fen = Math.round(input * 100);
    if (Math.abs(input * 100 - fen) > 1e-6 * Math.max(1, Math.abs(input)))
      return { ok: false, message: `金额 ${input} 元精确到了分以下，最多两位小数` };
    return checkFen(fen);
  }
  const raw = input.normalize('NFKC').trim();
  const text = raw
    .replace(/^[¥￥]/, '')
    .replace(/,/g, '')
    .replace(/元$/, '')
    .trim();
  const m = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return { ok: false, message: raw === '' ? '金额不能为空' : `金额「${raw}」不是有效的数字` };
  if (m[1] === '-' && /[1-9]/.test(`${m[2]}${m[3] ?? ''}`)) return { ok: false, message: `金额不能为负数（${raw}）` };
  const decimals = (m[3] ?? '').replace(/0+$/, '');
  if (decimals.length > 2) return { ok: false, message: `金额「${raw}」精确到了分以下，最多两位小数` };
  const yuan = m[2]!.replace(/^0+(?=\d)/, '');
  if (yuan.length > 13) return { ok: false, message: `金额「${raw}」过大` };
  return checkFen(Number(yuan) * 100 + Number(decimals.padEnd(2, '0')));
}

/** An amount already in fen (API input): a positive whole number. */
export function checkFen(fen: number): Parsed {
  if (!Number.isFinite(fen)) return { ok: false, message: '金额必须是数字' };
  if (fen < 0) return { ok: false, message: `金额不能为负数（${fenToYuan(Math.round(fen))} 元）` };
  if (!Number.isInteger(fen)) return { ok: false, message: '金额必须精确到分（以分计的金额须为整数）' };
  if (fen === 0) return { ok: false, message: '金额必须大于 0 元' };
  if (fen > MAX_FEN) return { ok: false, message: '金额过大' };
  return { ok: true, fen };
}

/** 123456 → "1234.56"; −5 → "-0.05". */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(fen);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}
