import { useEffect, useState } from 'react';
import type { StaffState } from '../../kit/session';
import { useSession } from '../../session';
import { onOutboxChange, queued } from './outbox';

/**
 * The volunteer's pages: someone not signed in goes to the phone sign-in (SMS code), which leads
 * back to the phone home; a signed-in account without `volunteer:tasks` is told so.
 */
export function useVolunteerSession(): StaffState {
  const session = useSession();
  const me = session.status === 'ready' ? session.me : null;
  useEffect(() => {
    if (session.status === 'ready' && (!session.me || session.me.pending)) {
      window.location.replace(`/m/login?from=${encodeURIComponent(window.location.pathname)}`);
    }
  }, [session]);
  if (session.status === 'error') return { status: 'error', error: session.error };
  if (!me || me.pending) return { status: 'loading' };
  return me.permissions.includes('volunteer:tasks') ? { status: 'ready' } : { status: 'forbidden' };
}

/** online or not, as the browser tells it */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

/** the tasks whose reports wait in the outbox, kept current */
export function useQueuedTasks(): string[] {
  const [n, setN] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    const read = () =>
      void queued().then(
        (q) => live && setN(q.map((r) => r.taskId)),
        () => undefined,
      );
    read();
    const off = onOutboxChange(read);
    return () => {
      live = false;
      off();
    };
  }, []);
  return n;
}
