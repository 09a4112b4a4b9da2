/**
 * Calendar days as `YYYY-MM-DD` strings (the day in Asia/Shanghai, worked out by the caller). Pure
 * arithmetic on day numbers; no time zones here.
 */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01; throws on a malformed or impossible date. */
export function dayNumber(date: string): number {
  const m = DAY.exec(date);
  if (!m) throw new Error(`日期「${date}」格式不对，应为 YYYY-MM-DD`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const back = new Date(ms).toISOString().slice(0, 10);
  if (back !== date) throw new Error(`日期「${date}」不存在`);
  return ms / 86_400_000;
}

export function dateOf(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** Monday of the ISO week containing `day`. */
export function weekStart(day: number): number {
  const weekday = (new Date(day * 86_400_000).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return day - weekday;
}

export function monthStart(date: string): number {
  return dayNumber(`${date.slice(0, 7)}-01`);
}

/** `2026Q4` for any day of October–December 2026. */
export function quarterOf(date: string): string {
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}Q${Math.floor((month - 1) / 3) + 1}`;
}

/** First and last day of a quarter `YYYYQn`. */
export function quarterBounds(quarter: string): { first: string; last: string } {
  const m = /^(\d{4})Q([1-4])$/.exec(quarter);
  if (!m) throw new Error(`季度「${quarter}」格式不对，应为如 2026Q4`);
  const year = Number(m[1]);
  const q = Number(m[2]);
  const first = dateOf(Date.UTC(year, (q - 1) * 3, 1) / 86_400_000);
  const last = dateOf(Date.UTC(year, q * 3, 1) / 86_400_000 - 1);
  return { first, last };
}

export function nextQuarter(quarter: string): string {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(5));
  return q === 4 ? `${year + 1}Q1` : `${year}Q${q + 1}`;
}
