import type { DeliveryTask } from '../../../../contracts/care-deliveries';
import { ApiError, api } from '../../../api';

/**
 * The volunteer's outbox: a delivery report is first written to IndexedDB (photo included) under
 * its client key, then sent. A report the phone could not send (no connection, server away) stays
 * and is sent again when the phone is back online; the server counts one key once, so a report is
 * never lost and never counted twice. A report the server refuses in words (4xx) leaves the outbox
 * and its message is kept to be shown.
 */
export interface QueuedReport {
  clientKey: string;
  taskId: string;
  name: string;
  outcome: 'delivered' | 'failed';
  note?: string;
  reason?: string;
  /** when the volunteer reported it (ISO) */
  at: string;
  photo?: Blob;
  photoName?: string;
}

const DB_NAME = 'linli-volunteer';
const STORE = 'outbox';
const FAILED_KEY = 'linli-outbox-failed';

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'clientKey' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function tx<T>(mode: IDBTransactionMode, run: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const t = db.transaction(STORE, mode);
      const req = run(t.objectStore(STORE));
      t.oncomplete = () => resolve(req.result);
      t.onerror = () => reject(t.error);
    });
  } finally {
    db.close();
  }
}

export const queued = (): Promise<QueuedReport[]> => tx('readonly', (s) => s.getAll() as IDBRequest<QueuedReport[]>);
const remove = (key: string) => tx('readwrite', (s) => s.delete(key));

const listeners = new Set<() => void>();
export function onOutboxChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
const changed = () => {
  for (const l of listeners) l();
};

export function takeFailures(): string[] {
  const list = JSON.parse(localStorage.getItem(FAILED_KEY) ?? '[]') as string[];
  localStorage.removeItem(FAILED_KEY);
  return list;
}

let flushing: Promise<void> | null = null;

/** Sends what is queued, oldest first; one flush at a time, so two triggers never send a report twice. */
export function flush(): Promise<void> {
  flushing ??= (async () => {
    try {
      for (const r of (await queued()).sort((a, b) => a.at.localeCompare(b.at))) {
        const form = new FormData();
        form.set('clientKey', r.clientKey);
        form.set('outcome', r.outcome);
        form.set('at', r.at);
        if (r.note) form.set('note', r.note);
        if (r.reason) form.set('reason', r.reason);
        if (r.photo) form.set('photo', r.photo, r.photoName ?? 'photo.jpg');
        try {
          await api.postForm<{ task: DeliveryTask }>(`/api/care/volunteer/tasks/${r.taskId}/report`, form);
        } catch (err) {
          // no connection, or the server away: keep it for the next time
          if (!(err instanceof ApiError) || err.status === 0 || err.status >= 500 || err.status === 429 || err.status === 401) return;
          const failures = JSON.parse(localStorage.getItem(FAILED_KEY) ?? '[]') as string[];
          localStorage.setItem(FAILED_KEY, JSON.stringify([...failures, `${r.name}：${err.message}`]));
        }
        await remove(r.clientKey);
        changed();
      }
    } finally {
      flushing = null;
      changed();
    }
  })();
  return flushing;
}

export async function enqueue(r: QueuedReport): Promise<void> {
  await tx('readwrite', (s) => s.put(r));
  changed();
}

if (typeof window !== 'undefined') window.addEventListener('online', () => void flush());

/**
 * A phone photo made small for a slow connection before it is queued: at most 1600 px, JPEG. What
 * the browser cannot decode is sent as it is, and the server refuses it in words.
 */
export async function shrinkPhoto(file: File): Promise<Blob> {
  try {
    if (typeof createImageBitmap !== 'function') return file;
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, 1600 / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.8));
    return blob && blob.size < file.size ? blob : file;
  } catch {
    return file;
  }
}

const CACHE_KEY = 'linli-volunteer-tasks';
/** the last task list seen, to work from for a while without a connection */
export function cacheTasks(tasks: DeliveryTask[]): void {
  try {
    localStorage.setItem(CACHE_KEY, JSON.stringify(tasks));
  } catch {
    // a full storage only costs the offline copy
  }
}
export function cachedTasks(): DeliveryTask[] | null {
  try {
    return JSON.parse(localStorage.getItem(CACHE_KEY) ?? 'null') as DeliveryTask[] | null;
  } catch {
    return null;
  }
}
