import type { TestApp } from '../../../../../test/app';
import { buildPerson, systemContext } from '../../../../../test/factories';
import type { MemberStatusCode } from '../../../../contracts/party.vocab';
import type { Executor } from '../../../db/index';

let seq = 0;

/** a branch of a general branch (白渡 unless told), made by the office's service; existing ones are reused */
export async function buildBranch(t: TestApp, o: { generalBranch?: string; name?: string } = {}): Promise<string> {
  const s = t.services.party.orgs;
  const idx = await s.ensureStructure(t.database.db, t.org.subdistrictId);
  const gb = idx.all.find((x) => x.level === 'general_branch' && x.name === (o.generalBranch ?? '白渡'));
  const name = o.name ?? '一支部';
  const have = idx.all.find((x) => x.parent_id === gb?.id && x.name === name);
  if (have) return have.id;
  return s.createBranch(systemContext(t), gb?.id as string, name);
}

/** a branch in any subdistrict (for grants on a resource of another tenant) */
export async function branchIn(t: TestApp, subdistrictId: string): Promise<string> {
  const db: Executor = t.database.db;
  const idx = await t.services.party.orgs.ensureStructure(db, subdistrictId);
  const gb = idx.all.find((x) => x.level === 'general_branch');
  seq++;
  const id = `00000000-0000-7000-8000-${String(100000000000 + seq).slice(-12)}`;
  await db
    .insertInto('party_orgs')
    .values({
      id,
      subdistrict_id: subdistrictId,
      neighborhood_id: gb?.neighborhood_id ?? null,
      parent_id: gb?.id ?? null,
      level: 'branch',
      name: `测试支部${seq}`,
      sort: seq,
      created_at: new Date().toISOString(),
    })
    .execute();
  return id;
}

/** a member of a branch: a new person of the branch's neighborhood */
export async function buildMember(
  t: TestApp,
  o: { branchId?: string; status?: MemberStatusCode; name?: string; phone?: string; neighborhood?: string } = {},
): Promise<{ id: string; personId: string; idNumber: string }> {
  const branchId = o.branchId ?? (await buildBranch(t));
  const person = await buildPerson(t, {
    ...(o.name ? { name: o.name } : {}),
    ...(o.phone ? { phone: o.phone } : {}),
    ...(o.neighborhood ? { neighborhood: o.neighborhood } : {}),
  });
  const s = t.services.party.orgs;
  const ctx = systemContext(t);
  const r = await t.database.db.transaction().execute(async (trx) => {
    const idx = await s.orgIndex(trx, t.org.subdistrictId);
    return s.upsertMember(trx, ctx, idx, person.id, { branchId, status: o.status ?? 'full', joinedOn: '2000-07-01' });
  });
  return { id: r.id, personId: person.id, idNumber: person.idNumber };
}

export async function buildActivity(t: TestApp, branchIds?: string[], title = '主题党日') {
  const ids = branchIds ?? [await buildBranch(t)];
  return t.services.party.activities.create(systemContext(t), {
    kind: 'themed_day',
    title,
    startsAt: '2026-11-20T06:00:00.000Z',
    mode: 'online',
    location: '腾讯会议 123',
    branchIds: ids,
  });
}

export async function buildPartyCampaign(t: TestApp, branchIds?: string[], name?: string) {
  const ids = branchIds ?? [await buildBranch(t)];
  seq++;
  return t.services.party.donations.createCampaign(systemContext(t), {
    name: name ?? `捐款活动${seq}`,
    kind: 'donation',
    startsOn: '2026-11-01',
    endsOn: null,
    branchIds: ids,
  });
}
