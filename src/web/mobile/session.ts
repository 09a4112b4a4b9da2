import { useEffect, useState } from 'react';
import type { Me } from '../../contracts/auth';
import { fetchMe } from '../api';

type State = { status: 'loading' } | { status: 'ready'; me: Me | null } | { status: 'error'; error: unknown };

let cached: Promise<Me | null> | null = null;

/** Forget the signed-in user (after signing in or out), so the next page asks the server again. */
export function resetSession(): void {
  cached = null;
}

/** The signed-in user of the phone pages, fetched once and shared by every page. */
export function useSession(): State {
  const [state, setState] = useState<State>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    cached ??= fetchMe();
    cached.then(
      (me) => live && setState({ status: 'ready', me }),
      (error) => {
        cached = null;
        if (live) setState({ status: 'error', error });
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}
