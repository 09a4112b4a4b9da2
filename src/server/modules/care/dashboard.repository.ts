import { sql } from 'kysely';
import { type Scope, scopeWhere } from '../../core/access/actor';
import type { Executor } from '../../db/index';

/**
 * Open needs counted by neighborhood, item and age bucket. The covering indexes
 * `care_needs_dash_sd` / `_nb` (migration 20261202_care_visits) hold every column read here, so
 * the count touches the open needs' index entries only, however long the history of closed ones.
 */
export async function openNeedsByItemAge(
  db: Executor,
  scope: Scope,
  open: readonly string[],
  since: { d3: string; d7: string; d30: string },
  neighborhoodId?: string,
) {
  const bucket = sql<string>`case when ${sql.ref('created_at')} >= ${since.d3} then 'le3' when ${sql.ref('created_at')} >= ${since.d7} then 'le7' when ${sql.ref('created_at')} >= ${since.d30} then 'le30' else 'gt30' end`;
  let q = db
    .selectFrom('care_needs')
    .where(scopeWhere(scope, 'subdistrict_id', 'neighborhood_id'))
    .where('status', 'in', [...open]);
  if (neighborhoodId) q = q.where('neighborhood_id', '=', neighborhoodId);
  // the bucket is named in a subquery so both databases group by the same expression
  const rows = await db
    .selectFrom(q.select(['neighborhood_id', 'item', 'quantity', bucket.as('bucket')]).as('o'))
    .select([
      'o.neighborhood_id',
      'o.item',
      'o.bucket',
      sql<number>`count(*)`.as('n'),
      sql<number>`sum(${sql.ref('o.quantity')})`.as('quantity'),
    ])
    .groupBy(['o.neighborhood_id', 'o.item', 'o.bucket'])
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n), quantity: Number(r.quantity) }));
}
