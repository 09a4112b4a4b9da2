import { useEffect } from 'react';
import { useSession } from '../../session';

/** A member's pages: whoever is not signed in goes to the SMS sign-in first. */
export function useMemberSession(): 'loading' | 'ready' {
  const session = useSession();
  const me = session.status === 'ready' ? session.me : null;
  useEffect(() => {
    if (session.status === 'ready' && (!session.me || session.me.pending)) window.location.replace('/m/login');
  }, [session]);
  return me && !me.pending ? 'ready' : 'loading';
}

/** 2026-12-05T06:00:00Z → 12月5日 14:00 (Beijing time) */
export function cst(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${hh}:${mm}`;
}

export const yuan = (fen: number) => (fen / 100).toFixed(2);
