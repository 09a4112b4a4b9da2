import { useCallback, useEffect, useState } from 'react';
import type { Permission } from '../../../contracts/permissions';
import { navigate } from '../router';
import { useSession } from '../session';

// The phone-page kit: what every module's phone pages use — one screen's GET, a gate by permission,
// a one-time line for the next screen, client keys for submits that must count once.

type Load<T> = { data?: T; error?: unknown; loading: boolean; reload: () => void };

/** A GET for one screen: loads when `key` is set and whenever it changes; `reload` asks again. */
export function useLoad<T>(key: string | null, fn: () => Promise<T>): Load<T> {
  const [state, setState] = useState<{ key: string | null; data?: T; error?: unknown; loading: boolean }>({ key, loading: true });
  const [n, setN] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names what `fn` fetches
  useEffect(() => {
    if (key === null) return;
    let live = true;
    setState((s) => ({ ...s, key, loading: true, error: undefined }));
    fn().then(
      (data) => live && setState({ key, data, loading: false }),
      (error) => live && setState({ key, error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [key, n]);
  const reload = useCallback(() => setN((x) => x + 1), []);
  return { data: state.key === key ? state.data : undefined, error: state.error, loading: state.loading, reload };
}

/**
 * Staff phone pages: a visitor who is not signed in goes to the staff sign-in, which brings them
 * back here. A signed-in person without `permission` is told so.
 */
export type StaffState = { status: 'loading' } | { status: 'ready' } | { status: 'forbidden' } | { status: 'error'; error: unknown };

export function useStaffSession(permission: Permission): StaffState {
  const session = useSession();
  const me = session.status === 'ready' ? session.me : null;
  useEffect(() => {
    if (session.status === 'ready' && (!session.me || session.me.pending)) {
      window.location.replace(`/login?from=${encodeURIComponent(window.location.pathname)}`);
    }
  }, [session]);
  if (session.status === 'error') return { status: 'error', error: session.error };
  if (!me || me.pending) return { status: 'loading' };
  return me.permissions.includes(permission) ? { status: 'ready' } : { status: 'forbidden' };
}

/** A line to show on the next screen (after saving a call), read once. */
let flash: string | null = null;
export function setFlash(text: string): void {
  flash = text;
}
export function takeFlash(): string | null {
  const f = flash;
  flash = null;
  return f;
}

/** A key made once per call form, so a retry or a double tap is counted once by the server. */
export function newClientKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID exists only on https or localhost; getRandomValues everywhere
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

export { navigate };
