import type { OrgKind } from '../../../contracts/org';

export const CHILD_KIND: Record<OrgKind, OrgKind | null> = {
  district: 'subdistrict',
  subdistrict: 'neighborhood',
  neighborhood: 'estate',
  estate: null,
};

export interface PathUnit {
  id: string;
  path: string;
}

/** Units an actor sees: the subtrees it was granted, and the ancestors that lead to them. */
export function visibleUnits<T extends PathUnit>(units: T[], grantedIds: string[]): T[] {
  const roots = units.filter((u) => grantedIds.includes(u.id)).map((u) => u.path);
  return units.filter((u) => roots.some((r) => u.path.startsWith(r) || r.startsWith(u.path)));
}

export function isInside(unit: PathUnit, units: PathUnit[], grantedIds: string[]): boolean {
  return units.some((g) => grantedIds.includes(g.id) && unit.path.startsWith(g.path));
}
