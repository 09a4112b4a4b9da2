import type { TestApp } from '../../../../../test/app';
import { systemContext } from '../../../../../test/factories';
import type { ScopeFixtures } from '../../../../../test/scope-fixtures';

/** a bulletin of 白渡, drafted from its figures (zeros on an empty month are figures too) */
const baiduBulletin = async (t: TestApp) =>
  (await t.services.bulletin.draft(systemContext(t), { month: '2026-11', orgId: t.org.neighborhoods.白渡 as string })).id;

/** The bulletin's routes with an id: a bulletin of 白渡 for each (see test/scope-fixtures.ts). */
export const scopeFixtures: ScopeFixtures = {
  fixtures: Object.fromEntries(
    [
      'GET /api/bulletin/bulletins/:id',
      'GET /api/bulletin/bulletins/:id/history',
      'PUT /api/bulletin/bulletins/:id/section',
      'PUT /api/bulletin/bulletins/:id/order',
      'GET /api/bulletin/bulletins/:id/photos',
      'PUT /api/bulletin/bulletins/:id/photos',
      'GET /api/bulletin/bulletins/:id/photos/:fileId',
      'POST /api/bulletin/bulletins/:id/approve',
      'POST /api/bulletin/bulletins/:id/reopen',
      'POST /api/bulletin/bulletins/:id/publish',
      'GET /api/bulletin/bulletins/:id/wechat',
      'GET /api/bulletin/bulletins/:id/pdf',
      'GET /api/bulletin/bulletins/:id/docx',
    ].map((route) => [route, baiduBulletin]),
  ),
  bodies: {
    'PUT /api/bulletin/bulletins/:id/section': { sectionId: 'x', headline: '标题', html: '<p>正文</p>' },
    'PUT /api/bulletin/bulletins/:id/order': { sectionIds: ['x'] },
    'PUT /api/bulletin/bulletins/:id/photos': { sectionId: 'x', photos: [] },
    'POST /api/bulletin/bulletins/:id/publish': { robots: [] },
  },
};
