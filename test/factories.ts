import { uuidv7 } from 'uuidv7';
import type { Services } from '../src/server/app';
import { systemActor } from '../src/server/core/access/actor';
import { replaceGrants } from '../src/server/core/accounts/accounts.repository';
import { insertStaffAccount } from '../src/server/core/accounts/accounts.service';
import { allPermissions } from '../src/server/core/modules/install';
import type { PersonInput } from '../src/server/core/people/people.service';
import type { Executor } from '../src/server/db/index';
import { insertOrgTree, type SeededOrg } from '../src/server/seed/org';
import { idNumber as idNumberFor } from './xlsx';

let n = 0;

/** A staff account with one role on one org unit; the password hash is a placeholder (sign in with `as`). */
export async function buildAccount(
  db: Executor,
  o: {
    role: string;
    orgId: string;
    subdistrictId: string;
    username?: string;
    displayName?: string;
    /** a grant on a module's resource (orgId is then the subdistrict) */
    resource?: { kind: string; id: string };
  },
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
  await replaceGrants(
    db,
    id,
    o.subdistrictId,
    [{ role: o.role, orgId: o.orgId, resourceKind: o.resource?.kind, resourceId: o.resource?.id }],
    null,
    uuidv7,
  );
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
    actor: systemActor(t.org.subdistrictId, allPermissions()),
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

let beneficiarySeq = 0;

/** A beneficiary (优抚对象) in the demo subdistrict, 白渡 unless told, made through the care service. */
export async function buildBeneficiary(
  t: { services: Services; org: SeededOrg },
  o: {
    neighborhood?: string;
    name?: string;
    category?: string;
    livingSituation?: '独居' | '空巢' | '与子女同住' | '养老机构' | '其他';
    phone?: string;
  } = {},
) {
  beneficiarySeq++;
  const ctx = { actor: systemActor(t.org.subdistrictId, allPermissions()), requestId: uuidv7(), ip: 'test', userAgent: null };
  const cats = await t.services.care.beneficiaries.categories(ctx);
  const category = cats.find((c) => c.name === (o.category ?? '复员军人')) ?? cats[0];
  const detail = await t.services.care.beneficiaries.create(ctx, {
    name: o.name ?? `优抚对象${beneficiarySeq}`,
    idNumber: idNumberFor(`1938${String(1 + (beneficiarySeq % 12)).padStart(2, '0')}0${1 + (beneficiarySeq % 9)}`, 100 + beneficiarySeq),
    phone: o.phone ?? `139${String(10000000 + beneficiarySeq).slice(-8)}`,
    neighborhoodId: t.org.neighborhoods[o.neighborhood ?? '白渡'] as string,
    road: '中山南路',
    lane: String(100 + beneficiarySeq),
    building: '3',
    room: '201',
    categoryId: category?.id as string,
    livingSituation: o.livingSituation ?? '独居',
    priorityReasons: ['慢性病'],
  });
  return detail;
}

/** A campaign over 白渡 whose calls go to the 白渡 neighborhood staff `baidu`. */
export async function buildCampaign(t: { services: Services; org: SeededOrg }, o: { title?: string; neighborhood?: string } = {}) {
  const ctx = { actor: systemActor(t.org.subdistrictId, allPermissions()), requestId: uuidv7(), ip: 'test', userAgent: null };
  const callers = await t.services.care.beneficiaries.careAccounts(ctx);
  const baidu = callers.find((c) => c.name.startsWith('白渡居委')) ?? callers[0];
  return t.services.care.campaigns.create(ctx, {
    title: o.title ?? '春节电话慰问',
    startsOn: '2026-11-20',
    endsOn: '2026-12-20',
    talkingPoints: '问候身体情况；提醒勤洗手、戴口罩；询问生活需要。',
    filter: { neighborhoodIds: [t.org.neighborhoods[o.neighborhood ?? '白渡'] as string] },
    splitMode: 'evenly',
    callerIds: [baidu?.id as string],
    maxAttempts: 3,
  });
}

export function systemContext(t: { org: SeededOrg }) {
  return { actor: systemActor(t.org.subdistrictId, allPermissions()), requestId: uuidv7(), ip: 'test', userAgent: null };
}
