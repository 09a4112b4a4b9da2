import type { TestApp } from '../../../../../test/app';
import { buildBeneficiary, systemContext } from '../../../../../test/factories';
import type { ScopeFixture } from '../../../../../test/scope-fixtures';
import { ensureRules } from '../visits.service';

/** Home visits' routes with an id: a record of 白渡 (a rule is the subdistrict's), spread into care's scope fixtures. */
export const visitFixtures: Record<string, ScopeFixture> = {
  'PUT /api/care/visit-rules/:id': async (t) => (await ensureRules(t.database.db, t.org.subdistrictId))[0]?.id as string,
  'GET /api/care/visits/:id': async (t) => baiduVisit(t),
  'PATCH /api/care/visits/:id': async (t) => baiduVisit(t),
  'POST /api/care/visits/:id/record': async (t) => baiduVisit(t),
  'POST /api/care/visits/:id/photos': async (t) => baiduVisit(t),
  // the walker puts the same id in both places: the visit is not found before the photo is looked for
  'PUT /api/care/visits/:id/photos/:fileId/publishable': async (t) => baiduVisit(t),
};

export const visitBodies: Record<string, unknown> = {
  'PUT /api/care/visit-rules/:id': { name: '重点关注对象每月走访', anyFlag: true, intervalDays: 20 },
  'PATCH /api/care/visits/:id': { scheduledOn: '2026-12-24' },
  'PUT /api/care/visits/:id/photos/:fileId/publishable': { publishable: true, consent: true },
  'POST /api/care/visits/:id/record': { clientKey: 'outsider-visit-1', doneOn: '2026-12-01', visitors: '外人', conditionSeen: '不应记下' },
};

let seq = 0;
async function baiduVisit(t: TestApp): Promise<string> {
  const b = await buildBeneficiary(t);
  const v = await t.services.care.visits.schedule(systemContext(t), {
    clientKey: `fixture-visit-${++seq}-${b.id}`,
    beneficiaryId: b.id,
    scheduledOn: '2026-12-20',
    visitorAccountIds: [],
  });
  return v.id;
}
