import { ApiError, type Query } from '../api';
import { t } from '../i18n';

/** The file name a `content-disposition` header gives (the UTF-8 form first: names are Chinese). */
export function fileNameOf(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = header.match(/filename\*=UTF-8''([^;]+)/i);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // a broken encoding: try the plain form
    }
  }
  return header.match(/filename="([^"]+)"/i)?.[1] ?? fallback;
}

/**
 * Downloads a file the server builds (an Excel export) with the session's cookie. Fetched rather
 * than opened as a link, so a refusal shows as the server's message instead of a page of JSON.
 */
export async function downloadFile(path: string, query: Query, fallbackName: string): Promise<string> {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const url = params.size ? `${path}?${params}` : path;
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', t('error.network'));
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    throw new ApiError(res.status, body?.error?.code ?? `HTTP_${res.status}`, body?.error?.message ?? t('error.unknown'));
  }
  const name = fileNameOf(res.headers.get('content-disposition'), fallbackName);
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
  return name;
}
