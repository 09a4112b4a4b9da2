import type { FileInfo, FileKind } from '../../../contracts/files';
import type { FilesTable } from '../../db/schema';

export function presentFile(row: FilesTable): FileInfo {
  return {
    id: row.id,
    name: row.original_name,
    kind: row.kind as FileKind,
    mime: row.mime,
    size: row.size,
    sha256: row.sha256,
    createdAt: row.created_at,
    url: `/api/files/${row.id}`,
  };
}
