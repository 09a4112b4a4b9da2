import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation';

/** Every migration, in order. Add new files here; never edit a merged one. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
};
