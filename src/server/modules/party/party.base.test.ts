import { describe, expect, it } from 'vitest';
import { indexOrgs } from './party.base';
import type { PartyOrgsTable } from './party.tables';

const org = (id: string, level: string, name: string, parent: string | null, sort: number): PartyOrgsTable => ({
  id,
  subdistrict_id: 'sd',
  neighborhood_id: level === 'committee' ? null : `nb-${parent ?? id}`,
  parent_id: parent,
  level,
  name,
  sort,
  created_at: '2026-12-01T00:00:00.000Z',
});

describe('indexOrgs', () => {
  const idx = indexOrgs([
    org('c', 'committee', '小东门街道党工委', null, 0),
    org('zh', 'general_branch', '中华', 'c', 1),
    org('bd', 'general_branch', '白渡', 'c', 0),
    org('zh2', 'branch', '二支部', 'zh', 2),
    org('zh1', 'branch', '一支部', 'zh', 1),
    org('bd1', 'branch', '一支部', 'bd', 1),
  ]);

  it('lists branches in the neighborhoods’ order, then the branches’ own', () => {
    expect(idx.branches).toEqual([
      { id: 'bd1', name: '一支部', generalBranch: '白渡' },
      { id: 'zh1', name: '一支部', generalBranch: '中华' },
      { id: 'zh2', name: '二支部', generalBranch: '中华' },
    ]);
  });

  it('names a branch with its general branch, and anything else by its own name', () => {
    expect(idx.fullName('zh2')).toBe('中华二支部');
    expect(idx.fullName('bd')).toBe('白渡');
    expect(idx.fullName('nope')).toBe('');
    expect(idx.generalBranchOf('bd1')?.name).toBe('白渡');
  });
});
