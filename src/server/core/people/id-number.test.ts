import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDigit, parseIdNumber } from './id-number';

const TODAY = '2024-06-01';

function make(region: string, birth: string, seq: string): string {
  const first17 = `${region}${birth}${seq}`;
  return first17 + checkDigit(first17);
}

describe('GB 11643 resident ID numbers', () => {
  it('accepts a valid number and derives birth date and gender', () => {
    const id = make('310101', '19900307', '123');
    const r = parseIdNumber(id, TODAY);
    expect(r).toEqual({ ok: true, info: { value: id, birthDate: '1990-03-07', gender: 'male', converted: false } });
    const f = parseIdNumber(make('310101', '19900307', '124'), TODAY);
    expect(f.ok && f.info.gender).toBe('female');
  });

  it('accepts the check digit X, in either case and full width', () => {
    // 11010519491231002X is the standard's own example
    expect(checkDigit('11010519491231002')).toBe('X');
    for (const v of ['11010519491231002X', '11010519491231002x', '１１０１０５１９４９１２３１００２Ｘ', ' 110105 19491231 002X ']) {
      const r = parseIdNumber(v, TODAY);
      expect(r.ok && r.info.value, v).toBe('11010519491231002X');
    }
  });

  it('converts 15-digit numbers to 18 digits', () => {
    const r = parseIdNumber('310101900307123', TODAY);
    expect(r.ok && r.info).toEqual({ value: make('310101', '19900307', '123'), birthDate: '1990-03-07', gender: 'male', converted: true });
  });

  it('rejects a wrong check digit', () => {
    const id = make('310101', '19900307', '123');
    const wrong = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
    expect(parseIdNumber(wrong, TODAY)).toEqual({ ok: false, message: '身份证号校验位不正确，请核对号码' });
  });

  it('rejects a birth date in the future or one that does not exist', () => {
    const future = parseIdNumber(make('310101', '20300101', '123'), TODAY);
    expect(future.ok).toBe(false);
    expect(!future.ok && future.message).toContain('晚于今天');
    const feb30 = parseIdNumber(make('310101', '19900230', '123'), TODAY);
    expect(!feb30.ok && feb30.message).toContain('1990-02-30 不存在');
    expect(parseIdNumber(make('310101', '20000229', '123'), TODAY).ok).toBe(true);
    expect(parseIdNumber(make('310101', '19000229', '123'), TODAY).ok).toBe(false);
  });

  it('rejects wrong lengths, letters and region codes', () => {
    expect(parseIdNumber('31010119900307123', TODAY)).toMatchObject({ ok: false, message: expect.stringContaining('当前为 17 位') });
    expect(parseIdNumber('3101011990030712A3', TODAY)).toMatchObject({ ok: false, message: expect.stringContaining('前 17 位须为数字') });
    expect(parseIdNumber(make('990101', '19900307', '123'), TODAY)).toMatchObject({
      ok: false,
      message: expect.stringContaining('地区码'),
    });
  });

  it('round-trips every generated valid number, and catches every single-digit typo', () => {
    const region = fc.constantFrom('310101', '110105', '440303', '510104', '650102');
    const date = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2024-05-31T00:00:00Z'), noInvalidDate: true });
    const seq = fc.integer({ min: 0, max: 999 }).map((n) => String(n).padStart(3, '0'));
    fc.assert(
      fc.property(region, date, seq, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (r, d, s, pos, delta) => {
        const birth = d.toISOString().slice(0, 10).replace(/-/g, '');
        const id = make(r, birth, s);
        const parsed = parseIdNumber(id, TODAY);
        expect(parsed.ok && parsed.info.value).toBe(id);
        expect(parsed.ok && parsed.info.gender).toBe(Number(s[2]) % 2 ? 'male' : 'female');
        // MOD 11-2 detects any single substituted digit
        const typo = id.slice(0, pos) + String((Number(id[pos]) + delta) % 10) + id.slice(pos + 1);
        expect(parseIdNumber(typo, TODAY).ok).toBe(false);
      }),
    );
  });

  it('never throws on arbitrary input', () => {
    fc.assert(fc.property(fc.string(), (s) => void parseIdNumber(s, TODAY)));
  });
});
