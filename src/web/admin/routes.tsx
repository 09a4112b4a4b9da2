import { ApartmentOutlined, AuditOutlined, HomeOutlined, SafetyOutlined, SettingOutlined, TeamOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { addMessages } from '../i18n';
import type { AdminModule, AppRoute } from './module';

/**
 * The admin route table. Foundation pages are listed here; each module's pages come from its own
 * `pages/<module>/module.tsx` (found at build time), so adding a module touches no shared file.
 */
const foundation: AppRoute[] = [
  { path: '/', name: 'menu.home', icon: <HomeOutlined />, component: lazy(() => import('./pages/system/HomePage')) },
];

const system: AppRoute = {
  path: '/system',
  name: 'menu.system',
  icon: <SettingOutlined />,
  children: [
    {
      path: '/org',
      name: 'menu.org',
      icon: <ApartmentOutlined />,
      access: 'org:read',
      component: lazy(() => import('./pages/system/OrgPage')),
    },
    {
      path: '/accounts',
      name: 'menu.accounts',
      icon: <TeamOutlined />,
      access: 'account:read',
      component: lazy(() => import('./pages/system/AccountsPage')),
    },
    {
      path: '/security',
      name: 'menu.security',
      icon: <SafetyOutlined />,
      access: 'security:manage',
      component: lazy(() => import('./pages/system/SecurityPage')),
    },
    {
      path: '/audit',
      name: 'menu.audit',
      icon: <AuditOutlined />,
      access: 'audit:read',
      component: lazy(() => import('./pages/system/AuditPage')),
    },
  ],
};

const found = import.meta.glob<AdminModule>('./pages/*/module.tsx', { eager: true, import: 'default' });
const modules = Object.values(found).sort((a, b) => (a.order ?? 500) - (b.order ?? 500));
for (const m of modules) if (m.messages) addMessages(m.messages);

export const routes: AppRoute[] = [...foundation, ...modules.flatMap((m) => m.routes), system];

/** Every page of the table, groups flattened. */
export function pagesOf(table: AppRoute[]): AppRoute[] {
  return table.flatMap((r) => [...(r.component ? [r] : []), ...pagesOf(r.children ?? [])]);
}
