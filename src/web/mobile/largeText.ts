import { useSyncExternalStore } from 'react';

/** Large-text mode (适老化): a class on <html> that the stylesheet scales from, kept in localStorage. */
const KEY = 'linli.largeText';
const listeners = new Set<() => void>();

function read(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

let on = typeof window !== 'undefined' && read();

export function applyLargeText(): void {
  document.documentElement.classList.toggle('large-text', on);
}

export function setLargeText(value: boolean): void {
  on = value;
  try {
    localStorage.setItem(KEY, value ? '1' : '0');
  } catch {
    // private mode: lasts for this page only
  }
  applyLargeText();
  for (const l of listeners) l();
}

export function useLargeText(): [boolean, (value: boolean) => void] {
  const value = useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => on,
    () => false,
  );
  return [value, setLargeText];
}
