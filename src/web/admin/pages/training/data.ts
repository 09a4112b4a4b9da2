import type { TKey } from '../../../i18n';

export const TRAINING_KEY = ['training'] as const;

/** 第 3 题 / 完成 2／8 步 and the like come from messages; this formats a nullable statistic. */
export const stat = (v: number | null | undefined, digits = 1) => (v === null || v === undefined ? '—' : v.toFixed(digits));

export const roleKey = (r: string): TKey => `training.role.${r}`;
export const kindKey = (k: string): TKey => `training.kind.${k}`;
