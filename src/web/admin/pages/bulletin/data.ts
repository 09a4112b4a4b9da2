import dayjs from 'dayjs';

export const BULLETIN_KEY = ['bulletin'] as const;

/** this month in the office's calendar (Beijing time), YYYY-MM */
export const thisMonth = () => dayjs(Date.now() + 8 * 3600 * 1000 + new Date().getTimezoneOffset() * 60_000).format('YYYY-MM');

export const showValue = (v: number | null, unit: string) => (v === null ? '—' : `${v}${unit === '%' ? '%' : ` ${unit}`}`);
