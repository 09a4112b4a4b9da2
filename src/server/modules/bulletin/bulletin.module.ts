import { BULLETIN_PERMISSIONS } from '../../../contracts/bulletin.vocab';
import { defineModule } from '../../core/modules/manifest';
import { closePdfBrowser } from './bulletin.output';
import { bulletinRoutes } from './bulletin.routes';
import { BulletinService } from './bulletin.service';
import type { BulletinTables } from './bulletin.tables';
import * as m20261202 from './migrations/20261202_bulletin_core';
import * as m20261202photos from './migrations/20261202_bulletin_photos';

declare module '../../core/modules/manifest' {
  interface ModuleServices {
    bulletin: BulletinService;
  }
}
declare module '../../db/schema' {
  interface DB extends BulletinTables {}
}

const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** The monthly work bulletin (工作简报), written from every module's figures through core. */
export const bulletinModule = defineModule<BulletinService>({
  key: 'bulletin',
  label: label('工作简报', 'Bulletin'),
  permissions: BULLETIN_PERMISSIONS,
  extendRoles: {
    // 党建办 edits the subdistrict's paper and reads every line of work's figures (figures only, no records) to write it
    party_staff: ['bulletin:read', 'bulletin:manage', 'overview:read'],
    // 街道领导 reads, and approves, the bulletin
    leader: ['bulletin:read', 'bulletin:manage'],
  },
  migrations: { '20261202_bulletin_core': m20261202, '20261202_bulletin_photos': m20261202photos },
  auditLabels: {
    'bulletin.draft': label('生成简报草稿', 'Draft bulletin'),
    'bulletin.edit': label('修改简报内容', 'Edit bulletin'),
    'bulletin.reorder': label('调整简报栏目顺序', 'Reorder bulletin'),
    'bulletin.photos': label('选择简报图片', 'Choose bulletin photos'),
    'bulletin.approve': label('审核简报', 'Approve bulletin'),
    'bulletin.reopen': label('退回简报修改', 'Reopen bulletin'),
    'bulletin.publish': label('发布简报', 'Publish bulletin'),
    'bulletin.download': label('下载简报', 'Download bulletin'),
  },
  auditTargets: {
    bulletin: async (db, ids) => {
      const rows = ids.length
        ? await db.selectFrom('bulletin_bulletins').select(['id', 'title', 'month']).where('id', 'in', ids).execute()
        : [];
      return new Map(rows.map((r) => [r.id, `${r.title}（${r.month}）`]));
    },
  },
  async register({ app, core, figures }) {
    const bulletins = new BulletinService(core, figures);
    await app.register(bulletinRoutes, { bulletins, publicUrl: core.config.publicUrl });
    // one Chromium per process for the PDFs, closed with the app
    app.addHook('onClose', () => closePdfBrowser());
    return bulletins;
  },
});
