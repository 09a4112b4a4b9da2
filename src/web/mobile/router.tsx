import { type AnchorHTMLAttributes, type ComponentType, type MouseEvent, Suspense, useSyncExternalStore } from 'react';

/**
 * The phone pages' router: a table of exact paths read from location.pathname, with history
 * push/replace. Small on purpose — react-router would cost a sixth of the phone budget.
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
  const Page = routes.find((r) => normalize(r.path) === path)?.component ?? Fallback;
  return (
    <Suspense fallback={null}>
      <Page />
    </Suspense>
  );
}
