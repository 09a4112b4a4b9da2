import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { OFFICE_ZONE } from '../time';

dayjs.extend(utc);
dayjs.extend(timezone);

/** A calendar month in the office's time zone, as ISO UTC bounds [from, to): what figures count. */
export function monthRange(month: string): { from: string; to: string } {
  const start = dayjs.tz(`${month}-01 00:00`, OFFICE_ZONE);
  return { from: start.toDate().toISOString(), to: start.add(1, 'month').toDate().toISOString() };
}

/** the `n` months up to and including `month`, oldest first (for a 12-month trend) */
export function monthsBack(month: string, n: number): string[] {
  const end = dayjs(`${month}-01`);
  return Array.from({ length: n }, (_, i) => end.subtract(n - 1 - i, 'month').format('YYYY-MM'));
}

/** the month as calendar days [first, next), for columns that hold a date (YYYY-MM-DD), not an instant */
export function monthDays(month: string): { first: string; next: string } {
  const start = dayjs(`${month}-01`);
  return { first: start.format('YYYY-MM-DD'), next: start.add(1, 'month').format('YYYY-MM-DD') };
}

/** the day a state figure is taken on: the month's last day, or today for the month under way */
export function asOfDay(month: string, today: string): string {
  const last = dayjs(`${month}-01`).endOf('month').format('YYYY-MM-DD');
  return today < last ? today : last;
}
