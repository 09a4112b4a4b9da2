import type { z } from 'zod';
import type { CallOutcome, HealthStatus, LivingStatus, Mood, NeedItem, Urgency } from '../../../../contracts/care';

// The care vocabularies as plain arrays: importing the zod schemas themselves would put zod into
// the phone bundle. `satisfies` keeps them equal to the contracts' enums.
type Every<T extends string> = readonly T[];
export const OUTCOMES = ['reached', 'busy', 'no_answer', 'wrong_number', 'refused'] as const satisfies Every<z.infer<typeof CallOutcome>>;
export const HEALTH = ['good', 'fair', 'poor', 'hospitalised'] as const satisfies Every<z.infer<typeof HealthStatus>>;
export const LIVING = ['normal', 'difficult', 'urgent'] as const satisfies Every<z.infer<typeof LivingStatus>>;
export const MOODS = ['good', 'fair', 'low'] as const satisfies Every<z.infer<typeof Mood>>;
export const ITEMS = [
  'masks',
  'thermometer',
  'disinfectant',
  'staples',
  'vegetables',
  'medicine',
  'escort',
  'counselling',
  'other',
] as const satisfies Every<z.infer<typeof NeedItem>>;
export const URGENCIES = ['normal', 'urgent', 'critical'] as const satisfies Every<z.infer<typeof Urgency>>;
