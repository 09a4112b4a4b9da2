import { pinyin } from 'pinyin-pro';

/**
 * Password rules. The default meets MLPS 2.0 level 3 (等保三级): at least 12 characters from
 * at least 3 of 4 classes, and nothing common or guessable.
 */
export interface PasswordPolicy {
  minLength: number;
  minClasses: number;
}

export const DEFAULT_POLICY: PasswordPolicy = { minLength: 12, minClasses: 3 };

// Bases of the passwords that head every breach list; a candidate is refused when it is one of
// these with digits, years or symbols around it.
const COMMON_BASES = [
  'password',
  'passw0rd',
  'p@ssw0rd',
  'p@ssword',
  'qwerty',
  'qwertyuiop',
  'asdfgh',
  'asdfghjkl',
  'zxcvbn',
  'zxcvbnm',
  'iloveyou',
  'admin',
  'administrator',
  'welcome',
  'letmein',
  'monkey',
  'dragon',
  'master',
  'sunshine',
  'princess',
  'football',
  'baseball',
  'superman',
  'trustno1',
  'abc',
  'abcd',
  'abcdef',
  'woaini',
  'wodemima',
  'mima',
  'zhangwei',
  'wangwei',
  'root',
  'test',
  'guest',
  'changeme',
  'linli',
  'huangpu',
  'shanghai',
  'beijing',
  'china',
  'aa',
  'aaa',
  'qazwsx',
  '1qaz2wsx',
  'qwe',
  'asd',
  'zxc',
];
const KEYBOARD_ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'abcdefghijklmnopqrstuvwxyz'];

export function characterClasses(pw: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((r) => r.test(pw)).length;
}

function isSequenceOrRepeat(core: string): boolean {
  if (core.length < 3) return true;
  if (new Set(core).size <= 2) return true;
  const lower = core.toLowerCase();
  return KEYBOARD_ROWS.some((row) => row.includes(lower) || [...row].reverse().join('').includes(lower));
}

/** The product's names: never part of a password, whatever the place. */
const PRODUCT_WORDS = ['linli', '邻里'];
const PLACE_SUFFIX = /(街道办事处|街道|办事处|新区|区|县|市|镇|乡)$/;

/**
 * The words a password must not contain for a place: the product's names, and each place name
 * (e.g. 小东门街道, 黄浦区) with and without its suffix, in characters and in toneless pinyin.
 */
export function placeWords(names: string[]): string[] {
  const words = new Set(PRODUCT_WORDS);
  for (const name of names) {
    const stem = name.trim().replace(PLACE_SUFFIX, '');
    if ([...stem].length < 2) continue;
    words.add(stem);
    const syllables = pinyin(stem, { toneType: 'none', type: 'array', v: true }).filter((x) => /^[a-z]+$/i.test(x));
    if (syllables.length > 0) words.add(syllables.join('').toLowerCase());
  }
  return [...words];
}

/** Length as a person counts it: code points, so an emoji is one character (not two UTF-16 units). */
export const passwordLength = (pw: string) => [...pw].length;

/** Returns the reasons a password is refused (Chinese, shown to the user); empty when it passes. */
export function checkPassword(pw: string, policy: PasswordPolicy, context: { username?: string; places?: string[] } = {}): string[] {
  const problems: string[] = [];
  if (passwordLength(pw) < policy.minLength) problems.push(`密码至少 ${policy.minLength} 位`);
  if (characterClasses(pw) < policy.minClasses) {
    problems.push(`密码须包含大写字母、小写字母、数字、符号中的至少 ${policy.minClasses} 类`);
  }
  const lower = pw.toLowerCase();
  const core = lower.replace(/[^a-z]/g, '');
  const stripped = lower.replace(/^[^a-z]+|[^a-z]+$/g, '').replace(/(19|20)\d\d$/, '');
  if (COMMON_BASES.includes(core) || COMMON_BASES.includes(stripped) || isSequenceOrRepeat(lower.replace(/[^a-z0-9]/g, ''))) {
    problems.push('密码过于常见或有规律，请换一个');
  } else if (/(.)\1{3,}/.test(pw) || KEYBOARD_ROWS.some((row) => hasRun(lower, row, 6))) {
    problems.push('密码含有连续或重复字符，请换一个');
  }
  if (context.username && context.username.length >= 3 && lower.includes(context.username.toLowerCase())) {
    problems.push('密码不能包含账号名');
  }
  const squeezed = lower.replace(/[^a-z\p{Script=Han}]/gu, '');
  if ((context.places ?? PRODUCT_WORDS).some((w) => lower.includes(w) || squeezed.includes(w))) {
    problems.push('密码不能包含系统名称或本街道、区的地名（含拼音），如 linli、邻里');
  }
  return problems;
}

function hasRun(pw: string, row: string, n: number): boolean {
  for (let i = 0; i + n <= row.length; i++) {
    const run = row.slice(i, i + n);
    if (pw.includes(run) || pw.includes([...run].reverse().join(''))) return true;
  }
  return false;
}
