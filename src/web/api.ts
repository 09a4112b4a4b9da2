import type { Me } from '../contracts/auth';
import type { ErrorEnvelope } from '../contracts/common';
import { t } from './i18n';

/**
 * The one way the web talks to the server (admin app and phone pages alike): same-origin cookies,
 * JSON, the session's CSRF token on every unsafe method, and the server's error envelope
 * `{ error: { code, message, fields } }` turned into an `ApiError`. This file is also the one
 * place that turns an error into what the user reads (`errorText`, `formFieldErrors`). No antd here:
 * the phone bundle imports it too.
 */

export type FieldError = { path: string; message: string };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
let csrfToken: string | null = null;

/** The CSRF token of the current session, from `/api/auth/me`; cleared at sign-out. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

export async function request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // a FormData body (a file upload) sets its own multipart content type
  const form = typeof FormData !== 'undefined' && body instanceof FormData;
  if (body !== undefined && !form) headers['content-type'] = 'application/json';
  if (UNSAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(withQuery(path, query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : form ? (body as FormData) : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', t('error.network'));
  }
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: a proxy's error page, say
  }
  if (!res.ok) {
    const envelope = (data as Partial<ErrorEnvelope> | null)?.error;
    if (envelope?.code) throw new ApiError(res.status, envelope.code, envelope.message, envelope.fields ?? [], envelope.requestId);
    throw new ApiError(res.status, `HTTP_${res.status}`, t('error.unknown'));
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  del: <T>(path: string) => request<T>('DELETE', path),
  /** multipart upload, e.g. an import file in field `file` */
  postForm: <T>(path: string, form: FormData) => request<T>('POST', path, form),
};

/** The signed-in user, or null when nobody is; remembers the session's CSRF token. */
export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/api/auth/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

export async function signOut(): Promise<void> {
  try {
    await api.post('/api/auth/logout');
  } finally {
    setCsrfToken(null);
  }
}

// ---- what the user reads -------------------------------------------------------------------

/** The sentence to show for an error: the server's own (Chinese) message, or ours for a network failure. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) return err.message || t('error.unknown');
  return t('error.unknown');
}

/** The server's field errors as form field names: `roles.0.orgId` → `['roles', 0, 'orgId']`. */
export function fieldName(path: string): (string | number)[] {
  return path
    .split('.')
    .filter((p) => p !== '')
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** Field errors grouped per field, in the shape antd's `form.setFields` takes. */
export function formFieldErrors(err: unknown): { name: (string | number)[]; errors: string[] }[] {
  if (!(err instanceof ApiError)) return [];
  const byPath = new Map<string, string[]>();
  for (const f of err.fields) {
    if (!f.path) continue;
    byPath.set(f.path, [...(byPath.get(f.path) ?? []), f.message]);
  }
  return [...byPath].map(([path, errors]) => ({ name: fieldName(path), errors }));
}
