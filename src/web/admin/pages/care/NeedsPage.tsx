import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useRef } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { z } from 'zod';
import type { NeedItemRow, NeedPage, NeedsSummary } from '../../../../contracts/care';
import { api } from '../../../api';
import { hasMessage, useI18n } from '../../../i18n';
import { useShowError } from '../../feedback';
import { formatTime } from '../../format';
import { useMe } from '../../session';
import { CARE_KEY, urlWith, useNeighborhoods } from './data';
import styles from './needs.module.css';
import { NeedStatusTag, UrgencyTag } from './tags';

type Cell = z.infer<typeof NeedsSummary>['cells'][number];
type Status = NeedItemRow['status'];
const ITEMS = ['masks', 'thermometer', 'disinfectant', 'staples', 'vegetables', 'medicine', 'escort', 'counselling', 'other'] as const;
const STATUSES: Status[] = ['registered', 'verified', 'arranged', 'delivered', 'cancelled'];
/** the moves the server allows (domain/needs.ts), forward first */
const MOVES: Record<Status, Status[]> = {
  registered: ['verified', 'cancelled'],
  verified: ['arranged', 'cancelled'],
  arranged: ['delivered', 'verified', 'cancelled'],
  delivered: [],
  cancelled: [],
};
const FILTERS = ['q', 'item', 'neighborhoodId', 'status', 'open'] as const;

/** 需求清单: what to procure where (item × neighborhood, open needs), and every need with its status. */
export default function NeedsPage() {
  const [params, setParams] = useSearchParams();
  const listRef = useRef<HTMLDivElement>(null);
  const filters = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? undefined])) as Record<
    (typeof FILTERS)[number],
    string | undefined
  >;
  const page = Number(params.get('page') ?? 1);
  const pageSize = Number(params.get('pageSize') ?? 20);
  const set = (patch: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };
  const drill = (item: string, neighborhoodId?: string) => {
    set({ item, neighborhoodId, status: undefined, open: 'true' });
    listRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Summary onDrill={drill} selected={filters.item ? `${filters.item}:${filters.neighborhoodId ?? ''}` : undefined} />
      <div ref={listRef}>
        <NeedList
          filters={filters}
          page={page}
          pageSize={pageSize}
          set={set}
          clear={() => setParams(new URLSearchParams(), { replace: true })}
        />
      </div>
    </Space>
  );
}

/** item × neighborhood: quantity, people, urgent — each cell opens the people behind it. */
function Summary({ onDrill, selected }: { onDrill: (item: string, neighborhoodId?: string) => void; selected?: string }) {
  const { t } = useI18n();
  const neighborhoods = useNeighborhoods();
  const summary = useQuery({
    queryKey: [...CARE_KEY, 'needs', 'summary'],
    queryFn: async () => (await api.get<z.infer<typeof NeedsSummary>>('/api/care/needs/summary')).cells,
  });
  const cells = summary.data ?? [];
  // every neighborhood in the user's area is a column, so an empty one shows as empty rather than missing
  const order = new Map(neighborhoods.data.map((n, i) => [n.id, i]));
  const names = new Map([
    ...neighborhoods.data.map((n) => [n.id, n.name] as const),
    ...cells.map((c) => [c.neighborhoodId, c.neighborhoodName] as const),
  ]);
  const columnsOf = [...names.entries()].sort((a, b) => (order.get(a[0]) ?? 99) - (order.get(b[0]) ?? 99));
  type Row = {
    item: string;
    label: string;
    unit: string;
    byNb: Map<string, Cell>;
    total: { quantity: number; people: number; urgent: number };
  };
  const rows: Row[] = ITEMS.flatMap((item) => {
    const mine = cells.filter((c) => c.item === item);
    if (mine.length === 0) return [];
    const first = mine[0] as Cell;
    return [
      {
        item,
        label: t(`care.item.${item}`),
        unit: hasMessage(`care.unit.${item}`) ? t(`care.unit.${item}`) : first.unit,
        byNb: new Map(mine.map((c) => [c.neighborhoodId, c])),
        total: mine.reduce((s, c) => ({ quantity: s.quantity + c.quantity, people: s.people + c.people, urgent: s.urgent + c.urgent }), {
          quantity: 0,
          people: 0,
          urgent: 0,
        }),
      },
    ];
  });
  const cellView = (row: Row, c: { quantity: number; people: number; urgent: number } | undefined, nb: string | undefined, name: string) =>
    c ? (
      <Button
        type="link"
        className={`${styles.cell} ${selected === `${row.item}:${nb ?? ''}` ? styles.selected : ''}`}
        aria-pressed={selected === `${row.item}:${nb ?? ''}`}
        onClick={() => onDrill(row.item, nb)}
        data-testid={`need-cell-${row.item}-${name}`}
        aria-label={t('care.need.cellLabel', { item: row.label, place: name, quantity: c.quantity, unit: row.unit, people: c.people })}
      >
        <span className={styles.qty}>
          {c.quantity} {row.unit}
        </span>
        <span className={styles.people}>{t('care.need.people', { n: c.people })}</span>
        {c.urgent > 0 && <Tag color="red">{t('care.need.urgentN', { n: c.urgent })}</Tag>}
      </Button>
    ) : (
      <Typography.Text type="secondary">—</Typography.Text>
    );
  const columns: ColumnsType<Row> = [
    {
      title: t('care.need.item'),
      dataIndex: 'label',
      width: 120,
      fixed: 'left',
      render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
    },
    ...columnsOf.map(([nbId, name]) => ({
      title: name,
      key: nbId,
      render: (_: unknown, row: Row) => cellView(row, row.byNb.get(nbId), nbId, name),
    })),
    { title: t('care.need.total'), key: 'total', render: (_, row) => cellView(row, row.total, undefined, t('care.need.total')) },
  ];
  return (
    <Card title={t('care.need.summary')} extra={<Typography.Text type="secondary">{t('care.need.summaryHint')}</Typography.Text>}>
      {rows.length === 0 && !summary.isPending ? (
        <Empty description={t('care.need.none')} />
      ) : (
        <Table<Row>
          rowKey="item"
          size="small"
          bordered
          columns={columns}
          dataSource={rows}
          loading={summary.isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="needs-summary"
        />
      )}
    </Card>
  );
}

function NeedList({
  filters,
  page,
  pageSize,
  set,
  clear,
}: {
  filters: Record<(typeof FILTERS)[number], string | undefined>;
  page: number;
  pageSize: number;
  set: (patch: Record<string, string | number | undefined>) => void;
  clear: () => void;
}) {
  const { t } = useI18n();
  const { access } = useMe();
  const neighborhoods = useNeighborhoods();
  const client = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const list = useQuery({
    queryKey: [...CARE_KEY, 'needs', 'list', filters, page, pageSize],
    queryFn: () => api.get<z.infer<typeof NeedPage>>('/api/care/needs', { ...filters, page, pageSize }),
    placeholderData: keepPreviousData,
  });
  const move = useMutation({
    mutationFn: ({ id, to }: { id: string; to: Status }) => api.post<NeedItemRow>(`/api/care/needs/${id}/status`, { to }),
    onSuccess: async (n) => {
      message.success(t('care.need.moved', { status: t(`care.needStatus.${n.status}`) }));
      await client.invalidateQueries({ queryKey: CARE_KEY });
    },
    onError: (err) => showError(err),
  });

  const columns: ColumnsType<NeedItemRow> = [
    {
      title: t('care.b.name'),
      dataIndex: 'name',
      width: 100,
      render: (v: string, n) => <Link to={`/care/beneficiaries/${n.beneficiaryId}`}>{v}</Link>,
    },
    { title: t('care.b.neighborhood'), dataIndex: 'neighborhoodName', width: 90 },
    { title: t('care.need.item'), dataIndex: 'item', width: 110, render: (v: string) => t(`care.item.${v}`) },
    { title: t('care.need.quantity'), dataIndex: 'quantity', width: 70, align: 'right' },
    { title: t('care.need.urgency'), dataIndex: 'urgency', width: 80, render: (v: NeedItemRow['urgency']) => <UrgencyTag urgency={v} /> },
    { title: t('care.need.note'), dataIndex: 'note', ellipsis: true, render: (v: string | null) => v ?? '' },
    { title: t('care.need.status'), dataIndex: 'status', width: 90, render: (v: Status) => <NeedStatusTag status={v} /> },
    { title: t('care.need.createdAt'), dataIndex: 'createdAt', width: 140, render: (v: string) => formatTime(v) },
    ...(access['care:manage']
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 220,
            render: (_: unknown, n: NeedItemRow) => (
              <Space size={0} wrap>
                {MOVES[n.status].map((to) =>
                  to === 'cancelled' ? (
                    <Popconfirm key={to} title={t('care.need.cancelConfirm')} onConfirm={() => move.mutate({ id: n.id, to })}>
                      <Button type="link" size="small" danger>
                        {t('care.need.move.cancelled')}
                      </Button>
                    </Popconfirm>
                  ) : (
                    <Button
                      key={to}
                      type="link"
                      size="small"
                      loading={move.isPending && move.variables?.id === n.id && move.variables.to === to}
                      onClick={() => move.mutate({ id: n.id, to })}
                    >
                      {t(n.status === 'arranged' && to === 'verified' ? 'care.need.move.back' : `care.need.move.${to}`)}
                    </Button>
                  ),
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title={t('care.need.list')}
      extra={
        <Button icon={<DownloadOutlined />} href={urlWith('/api/care/needs/export', filters)} data-testid="needs-export">
          {t('care.need.export')}
        </Button>
      }
    >
      <Space style={{ marginBottom: 16 }} wrap>
        <Input.Search
          key={filters.q ?? ''}
          allowClear
          defaultValue={filters.q}
          placeholder={t('care.need.search')}
          aria-label={t('care.need.search')}
          style={{ width: 280 }}
          onSearch={(v) => set({ q: v.trim() || undefined })}
          data-testid="needs-search"
        />
        <Select
          allowClear
          placeholder={t('care.need.item')}
          aria-label={t('care.need.item')}
          style={{ width: 150 }}
          value={filters.item}
          options={ITEMS.map((i) => ({ value: i, label: t(`care.item.${i}`) }))}
          onChange={(v) => set({ item: v })}
          data-testid="needs-filter-item"
        />
        <Select
          allowClear
          placeholder={t('care.b.neighborhood')}
          aria-label={t('care.b.neighborhood')}
          style={{ width: 140 }}
          value={filters.neighborhoodId}
          options={neighborhoods.options}
          onChange={(v) => set({ neighborhoodId: v })}
          data-testid="needs-filter-neighborhood"
        />
        <Select
          allowClear
          placeholder={t('care.need.status')}
          aria-label={t('care.need.status')}
          style={{ width: 160 }}
          value={filters.status ?? (filters.open === 'true' ? 'open' : undefined)}
          options={[
            { value: 'open', label: t('care.need.openOnly') },
            ...STATUSES.map((s) => ({ value: s, label: t(`care.needStatus.${s}`) })),
          ]}
          onChange={(v?: string) => (v === 'open' ? set({ status: undefined, open: 'true' }) : set({ status: v, open: undefined }))}
          data-testid="needs-filter-status"
        />
        {FILTERS.some((k) => filters[k]) && <Button onClick={clear}>{t('common.reset')}</Button>}
      </Space>
      <Table<NeedItemRow>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        scroll={{ x: 1100 }}
        data-testid="needs-table"
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, s) => set({ page: p, pageSize: s }),
        }}
      />
    </Card>
  );
}
