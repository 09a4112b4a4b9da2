import path from 'node:path';
import { FILE_KIND_LABELS, type FileKind } from '../../../contracts/files';

/** what `file-type` reports for each kind linli accepts */
const DETECTED: Record<string, FileKind> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
};

const BY_EXTENSION: Record<string, FileKind> = {
  '.pdf': 'pdf',
  '.jpg': 'jpeg',
  '.jpeg': 'jpeg',
  '.png': 'png',
  '.docx': 'docx',
  '.pptx': 'pptx',
};

export function kindOfMime(mime: string | undefined): FileKind | null {
  return (mime && DETECTED[mime]) || null;
}

export function kindOfName(name: string): FileKind | null {
  return BY_EXTENSION[path.extname(name).toLowerCase()] ?? null;
}

/** The name as shown and offered on download: no folders, no control characters, not too long. */
export function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return (clean || '未命名文件').slice(0, 200);
}

/**
 * Why content of kind `detected` is refused for a file called `name`, or null when it is accepted.
 * The content decides; the name only picks the clearest message.
 */
export function refusal(name: string, detected: FileKind | null, allowed: readonly FileKind[]): string | null {
  if (detected && allowed.includes(detected)) return null;
  const claimed = kindOfName(name);
  if (claimed && allowed.includes(claimed)) return `文件「${name}」不是有效的 ${FILE_KIND_LABELS[claimed]} 文件`;
  return `文件「${name}」的类型不受支持，请上传 ${allowed.map((k) => FILE_KIND_LABELS[k]).join('、')} 文件`;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} 字节`;
}

/** inline for what a browser shows safely itself, download for the rest */
export function disposition(kind: FileKind, name: string): string {
  const how = kind === 'pdf' || kind === 'jpeg' || kind === 'png' ? 'inline' : 'attachment';
  const ascii = name.replace(/[^\x20-\x7e]/g, '_');
  return `${how}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
