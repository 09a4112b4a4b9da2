import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Input, type TableProps } from 'antd';
import { api } from '../../../api';
import { useListParams } from '../../kit/list-params';
import { listPagination } from '../../kit/pagination';
import { JOBS_KEY } from './data';

/**
 * A jobs list page's data (positions, seekers): its filters and page in the address (the admin list
 * kit), the page of rows from `path` under those filters, and the table's rows and paginator.
 */
export function useJobsList<T, K extends string>(name: string, path: string, keys: readonly K[]) {
  const params = useListParams(keys);
  const { filters, page, pageSize, set } = params;
  const list = useQuery({
    queryKey: [...JOBS_KEY, name, { ...filters, page, pageSize }],
    queryFn: () => api.get<{ items: T[]; total: number }>(path, { ...filters, page, pageSize }),
    placeholderData: keepPreviousData,
  });
  const table: Pick<TableProps<T>, 'dataSource' | 'loading' | 'pagination' | 'rowKey'> = {
    rowKey: 'id',
    dataSource: list.data?.items,
    loading: list.isFetching,
    pagination: listPagination({ page, pageSize }, (p) => set(p as Parameters<typeof set>[0]), list.data?.total),
  };
  return { ...params, table };
}

/** the free-text search of a list: starts from the address, searches on Enter or the button */
export function ListSearch(props: { value: string | undefined; placeholder: string; width: number; onSearch: (q: string) => void }) {
  return (
    <Input.Search
      allowClear
      placeholder={props.placeholder}
      defaultValue={props.value}
      onSearch={(v) => props.onSearch(v.trim())}
      style={{ width: props.width }}
    />
  );
}
