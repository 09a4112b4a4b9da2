import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation';
import * as m0002 from './0002_people';
import * as m0003 from './0003_imports';
import * as m0004 from './0004_notify_files';
import * as m0010 from './0010_care';
import * as m0011 from './0011_list_indexes';
import * as m0012 from './0012_people_list_index';

/** Every migration, in order. Add new files here; never edit a merged one. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_people': m0002,
  '0003_imports': m0003,
  '0004_notify_files': m0004,
  '0010_care': m0010,
  '0011_list_indexes': m0011,
  '0012_people_list_index': m0012,
};
