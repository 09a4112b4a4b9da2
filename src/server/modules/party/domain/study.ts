/**
 * Study check-ins (学习打卡, issue 13 §4): per branch, members active this week and this month;
 * per member, streaks and whether to send a gentle reminder.
 *
 * - The week is the ISO week (Monday to Sunday) containing `today`; the month is today's calendar
 *   month. A member is active in a period with at least one check-in dated in it, up to today.
 * - The rates count full and probationary members, as every party figure does; activists study too
 *   and get their streaks and reminders, but are not in the rate.
 * - Current streak: consecutive days with a check-in ending today — or ending yesterday when there
 *   is none yet today, since today is not over. Longest streak: the longest such run ever.
 * - Reminder: no check-in for `remindAfterDays` days or more (never checked in counts too).
 * Check-ins dated after today (a clock error on a phone) are ignored.
 */

import { dateOf, dayNumber, monthStart, weekStart } from './dates';
import { type Branch, counts, type Member, rate } from './rates';

export interface StudyCheckIn {
  personId: string;
  /** The day studied, YYYY-MM-DD (Asia/Shanghai). */
  date: string;
}

export interface MemberStudy {
  personId: string;
  branchId: string;
  currentStreak: number;
  longestStreak: number;
  lastDate: string | null;
  /** Days since the last check-in; null if never. */
  daysSince: number | null;
  remind: boolean;
}

export interface BranchStudy {
  generalBranch: string;
  branch: string;
  members: number;
  activeWeek: number;
  activeMonth: number;
  weekRate: number | null;
  monthRate: number | null;
}

export const DEFAULT_REMIND_AFTER_DAYS = 3;

export function studyActivity(
  branches: readonly Branch[],
  members: readonly Member[],
  checkIns: readonly StudyCheckIn[],
  today: string,
  remindAfterDays = DEFAULT_REMIND_AFTER_DAYS,
): { branches: BranchStudy[]; members: MemberStudy[] } {
  const t = dayNumber(today);
  const week = weekStart(t);
  const month = monthStart(today);
  const days = new Map<string, Set<number>>();
  for (const c of checkIns) {
    const d = dayNumber(c.date);
    if (d > t) continue;
    if (!days.has(c.personId)) days.set(c.personId, new Set());
    days.get(c.personId)!.add(d);
  }

  const seen = new Set<string>();
  const perMember: MemberStudy[] = [];
  for (const m of members) {
    if (seen.has(m.personId)) continue;
    seen.add(m.personId);
    const mine = [...(days.get(m.personId) ?? [])].sort((a, b) => a - b);
    const last = mine.at(-1);
    let longest = 0;
    let run = 0;
    for (let i = 0; i < mine.length; i++) {
      run = i > 0 && mine[i]! === mine[i - 1]! + 1 ? run + 1 : 1;
      longest = Math.max(longest, run);
    }
    const set = days.get(m.personId) ?? new Set<number>();
    let current = 0;
    let d = set.has(t) ? t : t - 1;
    while (set.has(d)) {
      current++;
      d--;
    }
    const daysSince = last === undefined ? null : t - last;
    perMember.push({
      personId: m.personId,
      branchId: m.branchId,
      currentStreak: current,
      longestStreak: longest,
      lastDate: last === undefined ? null : dateOf(last),
      daysSince,
      remind: daysSince === null || daysSince >= remindAfterDays,
    });
  }

  const statusOf = new Map(members.map((m) => [m.personId, m.status] as const));
  const rows = branches.map((b): BranchStudy => {
    const counted = perMember.filter((m) => m.branchId === b.id && counts(statusOf.get(m.personId)!));
    const activeSince = (from: number) => counted.filter((m) => [...(days.get(m.personId) ?? [])].some((d) => d >= from)).length;
    const activeWeek = activeSince(week);
    const activeMonth = activeSince(month);
    return {
      generalBranch: b.generalBranch,
      branch: b.name,
      members: counted.length,
      activeWeek,
      activeMonth,
      weekRate: rate(activeWeek, counted.length),
      monthRate: rate(activeMonth, counted.length),
    };
  });
  return { branches: rows, members: perMember };
}
