/**
 * Education levels (学历) in the order the registration form offers them. 高中 and 中专 are both
 * upper-secondary, so they share a rank: a 中专 requirement is met by 高中 and the other way round.
 */
export const EDUCATION_LEVELS = ['初中及以下', '高中', '中专', '大专', '本科', '硕士', '博士'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

const RANK: Record<EducationLevel, number> = { 初中及以下: 0, 高中: 1, 中专: 1, 大专: 2, 本科: 3, 硕士: 4, 博士: 5 };

const ALIASES: Record<string, EducationLevel> = {
  初中: '初中及以下',
  小学: '初中及以下',
  初中以下: '初中及以下',
  职高: '中专',
  技校: '中专',
  中技: '中专',
  中职: '中专',
  专科: '大专',
  高职: '大专',
  大学专科: '大专',
  大学本科: '本科',
  学士: '本科',
  研究生: '硕士',
  硕士研究生: '硕士',
  博士研究生: '博士',
};

const ANY = new Set(['不限', '无', '无要求', '学历不限', '']);

export type EducationParse = { kind: 'level'; level: EducationLevel; rank: number } | { kind: 'any' } | { kind: 'unknown'; text: string };

export function parseEducation(text: string | null | undefined): EducationParse {
  const t = (text ?? '').replace(/\s+/g, '').replace(/(及以上|以上|学历)$/u, '');
  if (ANY.has(t)) return { kind: 'any' };
  const level = (EDUCATION_LEVELS as readonly string[]).includes(t) ? (t as EducationLevel) : ALIASES[t];
  if (level) return { kind: 'level', level, rank: RANK[level] };
  return { kind: 'unknown', text: t };
}

export function isEducationText(text: string | null | undefined): boolean {
  return parseEducation(text).kind !== 'unknown';
}
