import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * Time, once for the whole server. The database and the API hold UTC instants as ISO-8601
 * (`2026-03-01T16:30:00.000Z`); people read times in Beijing time, which exports and other
 * text for humans print with these helpers. Nothing else formats a time by hand.
 */
export const OFFICE_ZONE = 'Asia/Shanghai';

type Instant = Date | string | number;

/** ISO-8601 in UTC, as the API and the database carry it */
/** the instant `months` calendar months before `now`, in the office's calendar: what a retention period keeps */
export function retentionCutoff(months: number, now: Instant = new Date()): Date {
  return dayjs(now).tz(OFFICE_ZONE).subtract(months, 'month').toDate();
}

export function isoUtc(at: Instant = new Date()): string {
  return dayjs(at).toISOString();
}

/** `YYYY-MM-DD HH:mm` in Beijing time (or another dayjs format) */
export function displayTime(at: Instant, format = 'YYYY-MM-DD HH:mm'): string {
  return dayjs(at).tz(OFFICE_ZONE).format(format);
}

/** `YYYY-MM-DD` in Beijing time: the office's calendar day of an instant */
export function displayDate(at: Instant): string {
  return displayTime(at, 'YYYY-MM-DD');
}

/** `YYYYMMDDHHmm` in Beijing time, for file names */
export function fileStamp(at: Instant): string {
  return displayTime(at, 'YYYYMMDDHHmm');
}
