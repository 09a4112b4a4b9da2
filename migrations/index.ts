import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation';
import * as m0003 from './0003_notify_files';

/** Every migration, in order. Add new files here; never edit a merged one. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0003_notify_files': m0003,
};
