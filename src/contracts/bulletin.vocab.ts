/** The bulletin module's vocabularies (工作简报), zod-free so the phone pages can take them. */

export const BULLETIN_PERMISSIONS = ['bulletin:read', 'bulletin:manage'] as const;
export type BulletinPermission = (typeof BULLETIN_PERMISSIONS)[number];
declare module './permissions' {
  interface ModulePermissions extends Record<BulletinPermission, true> {}
}

export const BULLETIN_STATUSES = ['draft', 'approved', 'published'] as const;
export type BulletinStatus = (typeof BULLETIN_STATUSES)[number];
export const BULLETIN_STATUS_LABELS: Record<BulletinStatus, string> = { draft: '草稿', approved: '已审核', published: '已发布' };

export const HISTORY_ACTIONS = ['draft', 'edit', 'reorder', 'photos', 'approve', 'reopen', 'publish'] as const;
export type HistoryAction = (typeof HISTORY_ACTIONS)[number];
export const HISTORY_ACTION_LABELS: Record<HistoryAction, string> = {
  draft: '生成草稿',
  edit: '修改内容',
  reorder: '调整顺序',
  photos: '选择图片',
  approve: '审核通过',
  reopen: '退回修改',
  publish: '发布',
};
