import { type SelectQueryBuilder, sql } from 'kysely';

/**
 * The count of a figure's query: the same builder lists its records, so the number and its
 * drill-down cannot drift apart. `distinct` counts a column's distinct values (people, not calls).
 */
export async function countOf<DB, TB extends keyof DB>(query: SelectQueryBuilder<DB, TB, object>, distinct?: string): Promise<number> {
  const n = distinct ? sql<number | string>`count(distinct ${sql.ref(distinct)})` : sql<number | string>`count(*)`;
  const row = await query.select(n.as('n')).executeTakeFirstOrThrow();
  return Number((row as { n: number | string }).n);
}
