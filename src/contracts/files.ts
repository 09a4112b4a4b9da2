import { z } from 'zod';
import { Id } from './common';

/** the kinds of upload linli accepts, each checked by content */
export const FILE_KINDS = ['pdf', 'jpeg', 'png', 'docx', 'pptx'] as const;
export const FileKind = z.enum(FILE_KINDS);
export type FileKind = z.infer<typeof FileKind>;

export const FILE_KIND_LABELS: Record<FileKind, string> = {
  pdf: 'PDF',
  jpeg: 'JPEG 图片',
  png: 'PNG 图片',
  docx: 'Word 文档（DOCX）',
  pptx: 'PowerPoint 演示文稿（PPTX）',
};

/** an uploaded file as the API shows it; `url` serves it to those allowed to see its record */
export const FileInfo = z.object({
  id: Id,
  name: z.string(),
  kind: FileKind,
  mime: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
  url: z.string(),
});
export type FileInfo = z.infer<typeof FileInfo>;
