import type { OrgUnit } from '../../../contracts/org';
import type { OrgRow } from './org.repository';

export const presentUnit = (r: OrgRow): OrgUnit => ({
  id: r.id,
  parentId: r.parent_id,
  kind: r.kind as OrgUnit['kind'],
  name: r.name,
  code: r.code,
  sort: r.sort,
});
