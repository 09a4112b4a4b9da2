import type { TestApp } from '../../../../../test/app';
import { systemContext } from '../../../../../test/factories';
import type { ScopeFixtures } from '../../../../../test/scope-fixtures';
import { branchIn, buildActivity, buildBranch, buildMember, buildPartyCampaign } from './party-factories';

/** The party module's routes with an id: a record of 白渡 for each (see test/scope-fixtures.ts). */
export const scopeFixtures: ScopeFixtures = {
  fixtures: {
    'GET /api/party/branches/:id': (t) => buildBranch(t),
    'GET /api/party/members/:id': async (t) => (await buildMember(t)).id,
    'PATCH /api/party/members/:id': async (t) => (await buildMember(t)).id,
    'GET /api/party/activities/:id': async (t) => (await buildActivity(t)).id,
    'POST /api/party/activities/:id/notify': async (t) => (await buildActivity(t)).id,
    'POST /api/party/activities/:id/checkins': async (t) => (await buildActivity(t)).id,
    'PUT /api/party/activities/:id/minutes': async (t) => (await buildActivity(t)).id,
    'POST /api/party/thought-photos/:id/publishable': async (t) => photoOf(t),
    'GET /api/party/packages/:id': async (t) => packageOf(t),
    'POST /api/party/packages/:id/files': async (t) => packageOf(t),
    'POST /api/party/packages/:id/remind': async (t) => packageOf(t),
    'POST /api/party/reports/:id/review': async (t) => reportOf(t),
    'GET /api/party/campaigns/:id': async (t) => (await buildPartyCampaign(t)).id,
    'POST /api/party/campaigns/:id/donations': async (t) => (await buildPartyCampaign(t)).id,
  },
  bodies: {
    'PATCH /api/party/members/:id': { note: '改' },
    'POST /api/party/activities/:id/notify': {},
    'POST /api/party/activities/:id/checkins': { memberId: '00000000-0000-7000-8000-000000000000' },
    'PUT /api/party/activities/:id/minutes': { minutes: '记录' },
    'POST /api/party/reports/:id/review': { status: 'reviewed' },
    'POST /api/party/packages/:id/remind': {},
    'POST /api/party/thought-photos/:id/publishable': { publishable: true },
    'POST /api/party/campaigns/:id/donations': {
      clientKey: 'outsider-gift-1',
      memberId: '00000000-0000-7000-8000-000000000000',
      amount: 10,
      givenOn: '2026-11-10',
    },
  },
  resources: { 'party.branch': (t, subdistrictId) => branchIn(t, subdistrictId) },
};

async function packageOf(t: TestApp) {
  const p = await t.services.party.study.createPackage(systemContext(t), {
    title: '学习包',
    branchIds: [await buildBranch(t)],
    materials: [{ title: '学习提纲', body: '内容' }],
  });
  return p.id;
}

async function reportOf(t: TestApp) {
  const m = await buildMember(t, { status: 'probationary' });
  const id = `00000000-0000-7000-8000-${m.id.slice(-12)}`;
  await t.database.db
    .insertInto('party_reports')
    .values({
      id,
      subdistrict_id: t.org.subdistrictId,
      neighborhood_id: t.org.neighborhoods.白渡 as string,
      person_id: m.personId,
      branch_id: await buildBranch(t),
      kind: 'thought_report',
      quarter: '2026Q4',
      title: '思想汇报',
      body: '正文',
      client_key: `fixture-${m.id}`,
      submitted_at: new Date().toISOString(),
      submitted_on: '2026-11-30',
      status: 'submitted',
      review_comment: null,
      reviewed_by: null,
      reviewed_at: null,
    })
    .execute();
  return id;
}

/** a photo under a member's thought of a 白渡 activity (the row only: the walker never opens the file) */
async function photoOf(t: TestApp) {
  const branchId = await buildBranch(t);
  const m = await buildMember(t, { branchId });
  const a = await buildActivity(t, [branchId]);
  const thoughtId = `00000000-0000-7000-8001-${m.id.slice(-12)}`;
  const fileId = `00000000-0000-7000-8002-${m.id.slice(-12)}`;
  const now = new Date().toISOString();
  await t.database.db
    .insertInto('party_thoughts')
    .values({
      id: thoughtId,
      subdistrict_id: t.org.subdistrictId,
      neighborhood_id: t.org.neighborhoods.白渡 as string,
      activity_id: a.id,
      person_id: m.personId,
      branch_id: branchId,
      client_key: `fixture-${m.id}`,
      text: '心得',
      created_at: now,
    })
    .execute();
  await t.database.db
    .insertInto('party_thought_photos')
    .values({
      file_id: fileId,
      subdistrict_id: t.org.subdistrictId,
      thought_id: thoughtId,
      activity_id: a.id,
      publishable: 0,
      created_at: now,
    })
    .execute();
  return fileId;
}
