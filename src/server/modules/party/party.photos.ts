import { scopeWhere } from '../../core/access/actor';
import type { PhotoSourceDef } from '../../core/modules/manifest';
import { displayDate } from '../../core/time';
import type { PartyServices } from './party.module';

/**
 * Photos under members' thoughts that a secretary marked 可公开, offered to the monthly bulletin:
 * those of activities held in the month, in the place asked. The caption is the activity's title.
 */
export const partyPhotos: PhotoSourceDef<PartyServices>[] = [
  {
    key: 'party.thought_photos',
    label: { 'zh-CN': '组织生活', en: 'Branch activities' },
    permission: 'party:read',
    async list(s, q) {
      const rows = await s.activities.core.db
        .selectFrom('party_thought_photos as p')
        .innerJoin('party_thoughts as t', 't.id', 'p.thought_id')
        .innerJoin('party_activities as a', 'a.id', 'p.activity_id')
        .innerJoin('org_units as n', 'n.id', 't.neighborhood_id')
        .where(scopeWhere(q.scope, 't.subdistrict_id', 't.neighborhood_id'))
        .where('p.publishable', '=', 1)
        .where('a.starts_at', '>=', q.from)
        .where('a.starts_at', '<', q.to)
        .select(['p.file_id', 'a.title', 'a.starts_at', 'n.name as place'])
        .orderBy('a.starts_at')
        .orderBy('p.file_id')
        .execute();
      return rows.map((r) => ({ fileId: r.file_id, caption: r.title, date: displayDate(r.starts_at), place: r.place }));
    },
  },
];
