import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation';
import * as m0002 from './0002_people';
import * as m0003 from './0003_imports';
import * as m0004 from './0004_notify_files';
import * as m0011 from './0011_list_indexes';
import * as m0012 from './0012_auth_hardening';
import * as m0013 from './0013_multi_process';
import * as m0014 from './0014_grant_resources';
import * as m0015 from './0015_audit_head_mac';
import * as m0016perf from './0016_perf_people_list_index';
import * as m0017 from './0017_audit_anchor';
import * as m0018 from './0018_session_via';
import * as m0019 from './0019_grants_per_resource';
import * as m0020people from './0020_people_superseded_indexes';

/**
 * Core's migrations, in order. Add new files here; never edit a merged one. Each module keeps its
 * own beside its code and names them in its manifest (care's first, `0010_care`, was frozen before
 * modules owned theirs; later ones are named `<yyyymmdd>_<module>_…`).
 */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_people': m0002,
  '0003_imports': m0003,
  '0004_notify_files': m0004,
  '0011_list_indexes': m0011,
  '0012_auth_hardening': m0012,
  '0013_multi_process': m0013,
  '0014_grant_resources': m0014,
  '0015_audit_head_mac': m0015,
  '0016_perf_people_list_index': m0016perf,
  '0017_audit_anchor': m0017,
  '0018_session_via': m0018,
  '0019_grants_per_resource': m0019,
  '0020_people_superseded_indexes': m0020people,
};
