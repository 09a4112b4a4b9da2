import { type AnchorHTMLAttributes, type ComponentType, type MouseEvent, Suspense, useSyncExternalStore } from 'react';

/**
 * The phone pages' router: a table of paths read from location.pathname (a `:name` segment matches
 * any one segment and is read with `useParams`), with history push/replace. Small on purpose —
 * react-router would cost a sixth of the phone budget.
 */
export interface PhoneRoute {
  path: string;
  component: ComponentType;
}

const listeners = new Set<() => void>();
const emit = () => {
  for (const l of listeners) l();
};
if (typeof window !== 'undefined') window.addEventListener('popstate', emit);

function subscribe(cb: () => void) {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

/** `/m/login/` and `/m/login` are the same page. */
export function normalize(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

/** The named segments of `pattern` in `path`, or null when it does not match: `/m/x/:id` ~ `/m/x/42` → `{ id: '42' }`. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = normalize(pattern).split('/');
  const got = normalize(path).split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (const [i, w] of want.entries()) {
    const g = got[i] as string;
    if (w.startsWith(':')) {
      if (!g) return null;
      try {
        params[w.slice(1)] = decodeURIComponent(g);
      } catch {
        return null;
      }
    } else if (w !== g) return null;
  }
  return params;
}

/** The route for a path: an exact path wins over a pattern. */
export function findRoute(routes: PhoneRoute[], path: string): { route: PhoneRoute; params: Record<string, string> } | null {
  const exact = routes.find((r) => normalize(r.path) === normalize(path));
  if (exact) return { route: exact, params: {} };
  for (const route of routes) {
    const params = matchPath(route.path, path);
    if (params) return { route, params };
  }
  return null;
}

let currentRoutes: PhoneRoute[] = [];

/** The current page's `:name` segments. */
export function useParams(): Record<string, string> {
  const path = usePath();
  return findRoute(currentRoutes, path)?.params ?? {};
}

export function usePath(): string {
  return useSyncExternalStore(
    subscribe,
    () => normalize(window.location.pathname),
    () => '/m',
  );
}

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (opts.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.scrollTo(0, 0);
  emit();
}

/** A link that moves within the phone pages without reloading. */
export function Link({ to, onClick, ...rest }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const go = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={go} {...rest} />;
}

export function Router({ routes, fallback: Fallback }: { routes: PhoneRoute[]; fallback: ComponentType }) {
  const path = usePath();
  currentRoutes = routes;
  const Page = findRoute(routes, path)?.route.component ?? Fallback;
  return (
    <Suspense fallback={null}>
      <Page />
    </Suspense>
  );
}
