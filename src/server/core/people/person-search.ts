import { type Expression, type SqlBool, sql } from 'kysely';
import { parseIdNumber } from './id-number';
import { classifySearch } from './people.domain';

/**
 * What one search box string asks of the persons table, already turned into columns and
 * keyed hashes. People's list, care's roll and every other list of persons search through
 * these two functions, so the same string finds the same people everywhere.
 */
export interface PersonSearch {
  idHash?: string;
  phoneHash?: string;
  /** last four of an ID number or a phone */
  tail?: string;
  /** lower-case latin: a prefix of the full pinyin or of the initials */
  pinyin?: string;
  /** a part of the name, taken literally */
  name?: string;
  /** the string could not match anyone (e.g. an ID number with a bad check digit) */
  none?: boolean;
}

/**
 * Reads a search string: an ID number (18 digits, or the 15 of a first-generation card,
 * which is turned into its 18-digit form before hashing), a phone, a tail, pinyin or a name.
 */
export function personSearch(q: string | undefined, hash: (value: string) => string): PersonSearch {
  const term = q ? classifySearch(q) : null;
  if (!term) return {};
  switch (term.kind) {
    case 'id': {
      const id = parseIdNumber(term.value);
      return id.ok ? { idHash: hash(id.info.value) } : { none: true };
    }
    case 'phone':
      return { phoneHash: hash(term.value) };
    case 'tail':
      return { tail: term.tail };
    case 'pinyin':
      return { pinyin: term.value };
    case 'name':
      return { name: term.value };
  }
}

/** `%`, `_` and the escape character itself, escaped for LIKE … ESCAPE '\' */
export const escapeLike = (s: string) => s.replace(/[%_\\]/g, (c) => `\\${c}`);

/**
 * The WHERE condition of a search on a query joined to persons under `alias` (default `p`),
 * or null when the search asks nothing. LIKE says its escape character: SQLite has none by
 * default, so `%` and `_` in a name would otherwise match anything.
 */
export function personSearchWhere(s: PersonSearch, ilike: 'like' | 'ilike', alias = 'p'): Expression<SqlBool> | null {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  const like = (c: string, pattern: string) => sql<SqlBool>`${col(c)} ${sql.raw(ilike)} ${pattern} escape '\\'`;
  const conds: Expression<SqlBool>[] = [];
  if (s.none) conds.push(sql<SqlBool>`1 = 0`);
  if (s.idHash) conds.push(sql<SqlBool>`${col('id_hash')} = ${s.idHash}`);
  if (s.phoneHash) conds.push(sql<SqlBool>`(${col('phone_hash')} = ${s.phoneHash} or ${col('alt_phone_hash')} = ${s.phoneHash})`);
  if (s.tail)
    conds.push(sql<SqlBool>`(${col('id_tail')} = ${s.tail} or ${col('phone_tail')} = ${s.tail} or ${col('alt_phone_tail')} = ${s.tail})`);
  if (s.pinyin) {
    const p = `${escapeLike(s.pinyin)}%`;
    conds.push(sql<SqlBool>`(${like('name_initials', p)} or ${like('name_pinyin', p)})`);
  }
  if (s.name) conds.push(like('name', `%${escapeLike(s.name)}%`));
  if (conds.length === 0) return null;
  return sql<SqlBool>`(${sql.join(conds, sql` and `)})`;
}
