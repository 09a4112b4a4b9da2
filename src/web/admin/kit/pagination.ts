import type { TablePaginationConfig } from 'antd';
import { t } from '../../i18n';

/** the paginator of every list, wired to the address (see useListParams) */
export function listPagination(
  state: { page: number; pageSize: number },
  set: (patch: { page: number; pageSize: number }) => void,
  total: number | undefined,
): TablePaginationConfig {
  return {
    current: state.page,
    pageSize: state.pageSize,
    total,
    showSizeChanger: true,
    showTotal: (n) => t('common.total', { total: n }),
    onChange: (page, pageSize) => set({ page: pageSize === state.pageSize ? page : 1, pageSize }),
  };
}
