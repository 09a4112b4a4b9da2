import dayjs from 'dayjs';

/** A server timestamp (ISO, UTC) in local time. */
export function formatTime(iso: string | null | undefined, withSeconds = false): string {
  if (!iso) return '—';
  return dayjs(iso).format(withSeconds ? 'YYYY-MM-DD HH:mm:ss' : 'YYYY-MM-DD HH:mm');
}

const BROWSERS: [RegExp, string][] = [
  [/Edg\/(\d+)/, 'Edge'],
  [/OPR\/(\d+)/, 'Opera'],
  [/MicroMessenger\/(\d+)/, 'WeChat'],
  [/Firefox\/(\d+)/, 'Firefox'],
  [/Chrome\/(\d+)/, 'Chrome'],
  [/Version\/(\d+).*Safari/, 'Safari'],
];

/** "Chrome 156 · Linux" from a user-agent string: enough to tell one's sessions apart. */
export function browserOf(ua: string | null): string {
  if (!ua) return '—';
  let browser = ua.slice(0, 24);
  for (const [re, name] of BROWSERS) {
    const m = ua.match(re);
    if (m) {
      browser = `${name} ${m[1]}`;
      break;
    }
  }
  const os = ['Windows', 'Android', 'iPhone', 'iPad', 'Mac OS X', 'Linux'].find((o) => ua.includes(o))?.replace('Mac OS X', 'macOS');
  return os ? `${browser} · ${os}` : browser;
}
