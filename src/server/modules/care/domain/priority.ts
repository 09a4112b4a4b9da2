import type { LivingSituation } from './catalogue';

/**
 * Priority flags (重点关注): the reasons staff recorded, plus those that follow from facts the
 * registry already holds, so nobody has to remember to tick 「80岁以上」 on a birthday.
 */
export function priorityFlags(input: {
  manual: string[];
  livingSituation: LivingSituation | null;
  birthDate: string | null;
  today: string;
}): string[] {
  const flags = new Set(input.manual.map((r) => r.trim()).filter(Boolean));
  if (input.livingSituation === '独居') flags.add('独居');
  if (input.livingSituation === '空巢') flags.add('空巢');
  if (input.birthDate && ageOn(input.birthDate, input.today) >= 80) flags.add('80岁以上');
  return [...flags];
}

/** Whole years between a birth date and a day, both `YYYY-MM-DD`. */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** The latest birth date that makes someone `years` old on `today`. */
export function bornOnOrBefore(years: number, today: string): string {
  const [y, m, d] = today.split('-') as [string, string, string];
  const day = m === '02' && d === '29' ? '28' : d;
  return `${String(Number(y) - years).padStart(4, '0')}-${m}-${day}`;
}

/** `重点关注原因` as staff type it: several reasons separated by 、 or ，(or , ; ；). */
export function splitReasons(text: string | null | undefined): string[] {
  if (!text) return [];
  return [
    ...new Set(
      text
        .split(/[、，,;；\s]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}
