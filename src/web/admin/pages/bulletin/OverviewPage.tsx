import { useQuery } from '@tanstack/react-query';
import { Card, DatePicker, Empty, Select, Space, Statistic, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { z } from 'zod';
import type { FigureSet, Trend } from '../../../../contracts/figures';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { useOrgUnits } from '../../org';
import { BULLETIN_KEY, showValue, thisMonth } from './data';
import { FigureRecordsDrawer, type RecordsTarget } from './FigureRecordsDrawer';

const TrendChart = lazy(() => import('./TrendChart'));

interface Row {
  key: string;
  section: string;
  label: string;
  unit: string;
  how: string;
  overdue: boolean;
  values: Record<string, { value: number | null; records: boolean }>;
}

/**
 * 工作概览: the month's figures for the subdistrict and each neighborhood side by side, what is
 * overdue, a 12-month trend; a number opens the records it counts (for readers who may see them).
 */
export default function OverviewPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const month = params.get('month') ?? thisMonth();
  const units = useOrgUnits();
  const subdistrict = units.data?.find((u) => u.kind === 'subdistrict');
  const neighborhoods = (units.data ?? []).filter((u) => u.kind === 'neighborhood').sort((a, b) => a.sort - b.sort);
  const places = subdistrict
    ? [{ id: subdistrict.id, name: t('ov.subdistrict') }, ...neighborhoods.map((n) => ({ id: n.id, name: n.name }))]
    : [];
  const sets = useQuery({
    queryKey: [...BULLETIN_KEY, 'overview', month, places.map((p) => p.id).join(',')],
    enabled: places.length > 0,
    queryFn: () =>
      Promise.all(
        places.map((p) =>
          api.get<FigureSet>('/api/figures', { month, orgId: p.id }).catch(() => ({ figures: [] }) as unknown as FigureSet),
        ),
      ),
  });
  const rows = useMemo(() => {
    const byKey = new Map<string, Row>();
    for (const [i, set] of (sets.data ?? []).entries()) {
      const place = places[i];
      if (!place) continue;
      for (const f of set.figures) {
        const row = byKey.get(f.key) ?? {
          key: f.key,
          section: f.section,
          label: f.label,
          unit: f.unit,
          how: f.how,
          overdue: f.overdue,
          values: {},
        };
        row.values[place.id] = { value: f.value, records: f.records };
        byKey.set(f.key, row);
      }
    }
    return [...byKey.values()];
  }, [sets.data, places]);
  const [drill, setDrill] = useState<RecordsTarget | null>(null);
  const cellText = (r: Row, place: { id: string; name: string }) => {
    const cell = r.values[place.id];
    if (!cell) return '—';
    const text = showValue(cell.value, r.unit);
    const late = r.overdue && (cell.value ?? 0) > 0;
    if (!cell.records || cell.value === null) return late ? <Typography.Text type="danger">{text}</Typography.Text> : text;
    return (
      <Typography.Link
        type={late ? 'danger' : undefined}
        onClick={() => setDrill({ figureKey: r.key, orgId: place.id, placeName: place.name })}
        data-testid={`cell-${r.key}-${place.id}`}
      >
        {text}
      </Typography.Link>
    );
  };
  const overdue = rows.filter((r) => r.overdue);
  const [keys, setKeys] = useState<string[]>(['party.activities_held', 'care.calls_reached', 'training.sessions_held', 'jobs.fairs_held']);
  const trend = useQuery({
    queryKey: [...BULLETIN_KEY, 'trend', month, keys.join(',')],
    enabled: keys.length > 0,
    queryFn: () => api.get<z.infer<typeof Trend>>('/api/figures/trend', { month, keys: keys.join(','), months: 12 }),
  });

  const columns: ColumnsType<Row> = [
    {
      title: t('ov.figure'),
      dataIndex: 'section',
      width: 110,
      onCell: (r, i) => ({
        rowSpan: i !== undefined && rows[i - 1]?.section === r.section ? 0 : rows.filter((x) => x.section === r.section).length,
      }),
    },
    {
      title: '',
      dataIndex: 'label',
      width: 200,
      render: (v: string, r) => (
        <Tooltip title={`${t('ov.how')}：${r.how}`}>
          <span style={{ borderBottom: '1px dashed #999', cursor: 'help' }}>{v}</span>
        </Tooltip>
      ),
    },
    ...places.map((p) => ({
      title: p.name,
      key: p.id,
      align: 'right' as const,
      render: (_: unknown, r: Row) => cellText(r, p),
    })),
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card title={t('ov.overdue')} data-testid="overview-overdue">
        {overdue.length === 0 ? (
          <Empty description={t('ov.overdueNone')} />
        ) : (
          <Space size="large" wrap>
            {overdue.map((r) => (
              <Statistic
                key={r.key}
                title={`${r.section}·${r.label}`}
                valueRender={() => (subdistrict ? cellText(r, places[0] as { id: string; name: string }) : '—')}
              />
            ))}
          </Space>
        )}
      </Card>
      <Card
        title={t('ov.title')}
        extra={
          <Space>
            {t('ov.month')}
            <DatePicker
              picker="month"
              allowClear={false}
              value={dayjs(`${month}-01`)}
              onChange={(d) => d && setParams({ month: d.format('YYYY-MM') })}
              data-testid="overview-month"
            />
          </Space>
        }
      >
        <Table<Row>
          rowKey="key"
          size="small"
          bordered
          pagination={false}
          loading={sets.isFetching}
          columns={columns}
          dataSource={rows}
          scroll={{ x: true }}
        />
      </Card>
      <Card
        title={t('ov.trend')}
        extra={
          <Select
            mode="multiple"
            style={{ minWidth: 420 }}
            value={keys}
            onChange={setKeys}
            placeholder={t('ov.trendKeys')}
            options={rows.map((r) => ({ value: r.key, label: `${r.section}·${r.label}` }))}
          />
        }
      >
        <Suspense fallback={null}>{trend.data ? <TrendChart months={trend.data.months} series={trend.data.series} /> : null}</Suspense>
      </Card>
      <FigureRecordsDrawer month={month} target={drill} onClose={() => setDrill(null)} />
    </Space>
  );
}
