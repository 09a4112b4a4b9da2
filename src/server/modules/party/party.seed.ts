import { uuidv7 } from 'uuidv7';
import { systemActor } from '../../core/access/actor';
import { replaceGrants } from '../../core/accounts/accounts.repository';
import { insertStaffAccount } from '../../core/accounts/accounts.service';
import { hashPassword } from '../../core/auth/passwords';
import type { Core } from '../../core/context';
import { allPermissions } from '../../core/modules/install';
import { checkDigit } from '../../core/people/id-number';
import { DEMO_PASSWORD } from '../../seed/demo';
import type { SeededOrg } from '../../seed/org';
import type { PartyServices } from './party.module';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = ['建国', '秀英', '桂兰', '志强', '玉珍', '德华', '凤英', '国平', '美华', '文斌', '丽娟', '永福'];

/** a valid, clearly fictional ID number */
function idNumber(birth: string, seq: number): string {
  const first17 = `310101${birth}${String(seq).padStart(3, '0')}`;
  return first17 + checkDigit(first17);
}

/** the demo phones of 白渡一支部's members: 13900001001 … 13900001010 (sign in on the phone pages with these) */
export const demoMemberPhone = (generalIndex: number, branchIndex: number, i: number) =>
  `139${String(generalIndex + 1).padStart(2, '0')}${String(branchIndex + 1).padStart(2, '0')}${String(1000 + i + 1).slice(-4)}`;

/**
 * 小东门街道's organisation life: a general branch per neighborhood with 一支部 and 二支部 of ten
 * members each (eight full, one probationary, one activist in 二支部), a themed day in every
 * branch, and an anti-epidemic donation campaign with gifts from 中华, 金坛 and 乔家路 (白渡's
 * branches record theirs on the day). The account `baidu1` is 白渡一支部's secretary.
 */
export async function seedPartyDemo(s: PartyServices, org: SeededOrg, core: Core): Promise<void> {
  const ctx = { actor: systemActor(org.subdistrictId, allPermissions()), requestId: uuidv7(), ip: 'seed', userAgent: null };
  const db = core.db;
  let idx = await s.orgs.ensureStructure(db, org.subdistrictId);
  const generals = idx.all.filter((o) => o.level === 'general_branch').sort((a, b) => a.sort - b.sort);
  for (const g of generals) for (const name of ['一支部', '二支部']) await s.orgs.createBranch(ctx, g.id, name);
  idx = await s.orgs.orgIndex(db, org.subdistrictId);

  let seq = 0;
  await db.transaction().execute(async (trx) => {
    for (const [gi, g] of generals.entries()) {
      const branches = idx.all.filter((o) => o.parent_id === g.id).sort((a, b) => a.sort - b.sort);
      for (const [bi, b] of branches.entries()) {
        for (let i = 0; i < 10; i++) {
          seq++;
          const name = `${SURNAMES[seq % SURNAMES.length]}${GIVEN[(seq * 7) % GIVEN.length]}`;
          const birth = `19${45 + (seq % 30)}${String(1 + (seq % 12)).padStart(2, '0')}${String(1 + (seq % 27)).padStart(2, '0')}`;
          const person = await s.people.upsertByIdNumber(
            trx,
            ctx,
            { name, idNumber: idNumber(birth, 600 + seq), phone: demoMemberPhone(gi, bi, i), neighborhoodId: g.neighborhood_id },
            { source: 'seed' },
          );
          const status = bi === 1 && i === 9 ? 'activist' : i === 8 ? 'probationary' : 'full';
          await s.orgs.upsertMember(trx, ctx, idx, person.personId, {
            branchId: b.id,
            status,
            joinedOn: status === 'activist' ? '2026-03-01' : `19${70 + (seq % 29)}-07-01`,
            branchRole: i === 0 ? 'secretary' : i === 1 ? 'committee' : null,
          });
        }
      }
    }
  });

  const all = idx.branches.map((b) => b.id);
  for (const b of idx.all.filter((o) => o.level === 'branch')) {
    await s.activities.create(ctx, {
      kind: 'themed_day',
      title: `${idx.fullName(b.id)}十一月主题党日`,
      theme: '别样的主题党日 一样的初心使命',
      startsAt: '2026-11-20T06:00:00.000Z',
      mode: 'online',
      location: '腾讯会议 123-456-789',
      agenda: '一、重温入党誓词\n二、学习防疫知识\n三、交流心得',
      branchIds: [b.id],
    });
  }
  const campaign = await s.donations.createCampaign(ctx, {
    name: '抗疫捐款',
    kind: 'donation',
    startsOn: '2026-11-01',
    endsOn: null,
    branchIds: all,
  });
  const baidu = idx.all.find((o) => o.level === 'general_branch' && o.name === '白渡');
  const members = await db
    .selectFrom('party_members')
    .select(['id', 'branch_id'])
    .where('subdistrict_id', '=', org.subdistrictId)
    .where('neighborhood_id', '!=', baidu?.neighborhood_id ?? '-')
    .orderBy('id')
    .execute();
  for (const [i, m] of members.entries()) {
    if (i % 10 === 9) continue; // nine in ten gave
    await s.donations.record(ctx, campaign.id, {
      clientKey: `seed-${m.id}`,
      memberId: m.id,
      amount: 50 + (i % 5) * 50,
      givenOn: '2026-11-10',
      method: i % 2 ? '微信' : '现金',
      receiptNo: `KY-${String(i + 1).padStart(4, '0')}`,
    });
  }
  await s.study.createPackage(ctx, {
    title: '十一月学习包',
    branchIds: all,
    materials: [
      { title: '党员冬春训学习提纲', body: '一、坚定理想信念\n二、发挥先锋模范作用\n三、做好社区防疫' },
      { title: '社区防疫知识问答', url: 'https://www.gov.cn/' },
    ],
  });

  // 白渡一支部's secretary account (scoped to the branch): baidu1 / the demo password
  const b1 = idx.all.find((o) => o.parent_id === baidu?.id && o.name === '一支部');
  if (b1) {
    const id = uuidv7();
    await insertStaffAccount(db, {
      id,
      subdistrictId: org.subdistrictId,
      username: 'baidu1',
      displayName: '白渡一支部书记',
      passwordHash: await hashPassword(DEMO_PASSWORD),
      mustChange: false,
    });
    await replaceGrants(
      db,
      id,
      org.subdistrictId,
      [{ role: 'party_secretary', orgId: org.subdistrictId, resourceKind: 'party.branch', resourceId: b1.id }],
      null,
      uuidv7,
    );
  }
}
