import { uuidv7 } from 'uuidv7';
import { PERMISSIONS } from '../src/contracts/permissions';
import type { Services } from '../src/server/app';
import { systemActor } from '../src/server/core/access/actor';
import { replaceGrants } from '../src/server/core/accounts/accounts.repository';
import { insertStaffAccount } from '../src/server/core/accounts/accounts.service';
import type { PersonInput } from '../src/server/core/people/people.service';
import type { Executor } from '../src/server/db/index';
import { insertOrgTree, type SeededOrg } from '../src/server/seed/org';
import { idNumber as idNumberFor } from './xlsx';

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

let personSeq = 0;

/** A person in the demo subdistrict (白渡 unless told), written as the command line would. */
export async function buildPerson(
  t: { services: Services; org: SeededOrg },
  o: Partial<PersonInput> & { neighborhood?: string } = {},
): Promise<{ id: string; idNumber: string }> {
  personSeq++;
  const idNumber = o.idNumber ?? idNumberFor(`1950${String(1 + (personSeq % 12)).padStart(2, '0')}15`, 500 + personSeq);
  const ctx = {
    actor: systemActor(t.org.subdistrictId, PERMISSIONS),
    requestId: uuidv7(),
    ip: 'test',
    userAgent: null,
  };
  const neighborhoodId = o.neighborhoodId ?? t.org.neighborhoods[o.neighborhood ?? '白渡'];
  const r = await t.services.core.db
    .transaction()
    .execute((trx) =>
      t.services.people.upsertByIdNumber(trx, ctx, { name: `测试居民${personSeq}`, ...o, idNumber, neighborhoodId }, { source: 'manual' }),
    );
  return { id: r.personId, idNumber };
}
