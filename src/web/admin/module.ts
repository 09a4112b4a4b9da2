import type { ComponentType, LazyExoticComponent, ReactNode } from 'react';
import type { Permission } from '../../contracts/permissions';
import type { Lang, TKey } from '../i18n';

/**
 * One entry of the admin route table (after Ant Design Pro's config/routes.ts): its path, the
 * locale key of its menu label and page title, the access flag it needs, and the page, loaded
 * lazily so each page is its own chunk. An entry with `children` is a menu group.
 */
export interface AppRoute {
  path: string;
  name: TKey;
  icon?: ReactNode;
  /** a permission from contracts/permissions.ts; none means any signed-in user */
  access?: Permission;
  component?: LazyExoticComponent<ComponentType>;
  hideInMenu?: boolean;
  children?: AppRoute[];
}

/**
 * A module's part of the admin app. A module adds `src/web/admin/pages/<module>/module.tsx` whose
 * default export is `defineModule({ key, routes, messages })`; routes.tsx picks it up by itself.
 */
export interface AdminModule {
  key: string;
  /** place in the menu; lower first (the foundation's system group is 900) */
  order?: number;
  routes: AppRoute[];
  messages?: Partial<Record<Lang, Record<string, string>>>;
}

export function defineModule(m: AdminModule): AdminModule {
  return m;
}
