import { useQuery } from '@tanstack/react-query';
import type { OrgKind, OrgUnit } from '../../contracts/org';
import { api } from '../api';

export const ORG_KEY = ['org', 'tree'] as const;

/** The org units the user may see (their granted subtrees and the ancestors above them). */
export function useOrgUnits() {
  return useQuery({ queryKey: ORG_KEY, queryFn: async () => (await api.get<{ units: OrgUnit[] }>('/api/org/tree')).units });
}

export const CHILD_KIND: Record<OrgKind, OrgKind | null> = {
  district: 'subdistrict',
  subdistrict: 'neighborhood',
  neighborhood: 'estate',
  estate: null,
};

export interface OrgNode extends OrgUnit {
  children: OrgNode[];
}

/** Units as a forest, siblings by sort order then name; a unit whose parent is hidden is a root. */
export function buildForest(units: OrgUnit[]): OrgNode[] {
  const nodes = new Map(units.map((u) => [u.id, { ...u, children: [] as OrgNode[] }]));
  const roots: OrgNode[] = [];
  for (const n of nodes.values()) {
    const parent = n.parentId ? nodes.get(n.parentId) : undefined;
    (parent ? parent.children : roots).push(n);
  }
  const order = (list: OrgNode[]) => {
    list.sort((a, b) => a.sort - b.sort || a.name.localeCompare(b.name, 'zh-CN'));
    for (const n of list) order(n.children);
  };
  order(roots);
  return roots;
}

/** "小东门街道 / 白渡": a unit named by its path below the district. */
export function pathLabel(units: OrgUnit[], id: string): string {
  const byId = new Map(units.map((u) => [u.id, u]));
  const names: string[] = [];
  for (let u = byId.get(id); u; u = u.parentId ? byId.get(u.parentId) : undefined) {
    if (u.kind !== 'district') names.unshift(u.name);
  }
  return names.join(' / ');
}
