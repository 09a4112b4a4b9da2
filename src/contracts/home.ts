import { z } from 'zod';

/**
 * The home page (工作台) and the phone home: each module contributes cards and entries for the
 * signed-in person. Titles and labels come from the server already in Chinese (the staff's own
 * words); `tone` says how urgent a card is, in words as well as colour on the page.
 */
export const HomeCardItem = z.object({ label: z.string(), value: z.number(), link: z.string().optional() });
export const HomeCard = z.object({
  key: z.string(),
  module: z.string(),
  title: z.string(),
  tone: z.enum(['normal', 'warning', 'danger']),
  /** the headline figure */
  figure: z.object({ value: z.number(), unit: z.string(), label: z.string() }).optional(),
  /** short list: to-dos, a breakdown */
  items: z.array(HomeCardItem),
  /** a small bar chart */
  chart: z.object({ labels: z.array(z.string()), values: z.array(z.number()) }).optional(),
  link: z.string(),
});
export type HomeCard = z.infer<typeof HomeCard>;
export const HomeCards = z.object({ cards: z.array(HomeCard) });

export const PhoneEntry = z.object({
  key: z.string(),
  module: z.string(),
  title: z.string(),
  description: z.string(),
  link: z.string(),
  /** a count shown beside the entry (tasks waiting, …) */
  badge: z.number().int().optional(),
});
export type PhoneEntry = z.infer<typeof PhoneEntry>;
export const PhoneHome = z.object({ entries: z.array(PhoneEntry) });
