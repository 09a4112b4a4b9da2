import { uuidv7 } from 'uuidv7';
import { replaceGrants } from '../src/server/core/accounts/accounts.repository';
import { insertStaffAccount } from '../src/server/core/accounts/accounts.service';
import type { Executor } from '../src/server/db/index';
import { insertOrgTree, type SeededOrg } from '../src/server/seed/org';

let n = 0;

/** A staff account with one role on one org unit; the password hash is a placeholder (sign in with `as`). */
export async function buildAccount(
  db: Executor,
  o: { role: string; orgId: string; subdistrictId: string; username?: string; displayName?: string },
) {
  const id = uuidv7();
  const username = o.username ?? `user${++n}${id.slice(-6)}`;
  await insertStaffAccount(db, {
    id,
    subdistrictId: o.subdistrictId,
    username,
    displayName: o.displayName ?? `测试用户${n}`,
    passwordHash: 'x',
    mustChange: false,
  });
  await replaceGrants(db, id, o.subdistrictId, [{ role: o.role, orgId: o.orgId }], null, uuidv7);
  return { id, username };
}

/** A second subdistrict, for checking that one tenant never sees another's rows. */
export async function buildOtherSubdistrict(db: Executor): Promise<SeededOrg> {
  return insertOrgTree(db, '静安区', '外区街道', { 外区一居: ['外区小区'] });
}
