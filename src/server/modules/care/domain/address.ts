import { formatAddress } from '../../../core/people/people.domain';

/**
 * A beneficiary's address as care shows it: the neighborhood, then the street address — but not
 * the neighborhood twice when the road already starts with its name (乔家路 居民区, 乔家路 12 弄).
 */
export function streetAddress(
  a: { road: string | null; lane: string | null; building: string | null; room: string | null },
  neighborhood: string | null,
): string {
  const road = (a.road ?? '').trim();
  const repeats = !!neighborhood && road.startsWith(neighborhood);
  return formatAddress(a, repeats ? null : neighborhood);
}
