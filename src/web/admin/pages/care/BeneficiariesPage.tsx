import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Input, InputNumber, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { z } from 'zod';
import type { BeneficiaryItem, BeneficiaryPage } from '../../../../contracts/care';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { formatTime } from '../../format';
import { ExportButton } from '../../kit/ExportButton';
import { useListParams } from '../../kit/list-params';
import { listPagination } from '../../kit/pagination';
import { useMe } from '../../session';
import { BeneficiaryDrawer } from './BeneficiaryDrawer';
import { CARE_KEY, FLAG_OPTIONS, useCategories, useNeighborhoods } from './data';

type Page = z.infer<typeof BeneficiaryPage>;
const FILTERS = ['q', 'neighborhoodId', 'categoryId', 'flag', 'notContactedDays'] as const;

/** 优抚对象 registry: filters kept in the address (so back from a detail page returns to the same list). */
export default function BeneficiariesPage() {
  const { t } = useI18n();
  const { access } = useMe();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const categories = useCategories();
  const neighborhoods = useNeighborhoods();
  const { filters, page, pageSize, set, reset, filtered } = useListParams(FILTERS);

  const list = useQuery({
    queryKey: [...CARE_KEY, 'beneficiaries', filters, page, pageSize],
    queryFn: () => api.get<Page>('/api/care/beneficiaries', { ...filters, page, pageSize }),
    placeholderData: keepPreviousData,
  });

  const daysAgo = (iso: string) => {
    const days = dayjs().startOf('day').diff(dayjs(iso).startOf('day'), 'day');
    return days === 0 ? t('care.b.today') : t('care.b.daysAgo', { days });
  };
  const columns: ColumnsType<BeneficiaryItem> = [
    {
      title: t('care.b.name'),
      dataIndex: 'name',
      width: 110,
      fixed: 'left',
      render: (name: string, b) => <Link to={`/care/beneficiaries/${b.id}`}>{name}</Link>,
    },
    {
      title: t('care.b.genderAge'),
      key: 'genderAge',
      width: 90,
      render: (_, b) =>
        [b.gender ? t(`care.gender.${b.gender}`) : null, b.age !== null ? t('care.age', { age: b.age }) : null].filter(Boolean).join(' · '),
    },
    { title: t('care.b.neighborhood'), dataIndex: 'neighborhoodName', width: 90 },
    { title: t('care.b.address'), dataIndex: 'address', minWidth: 160, ellipsis: true },
    { title: t('care.b.phone'), dataIndex: 'phoneMasked', width: 120, render: (v: string | null) => v ?? '—' },
    { title: t('care.b.category'), dataIndex: 'category', width: 140, ellipsis: true },
    {
      title: t('care.b.flags'),
      dataIndex: 'flags',
      width: 200,
      render: (flags: string[]) => (
        <Space size={[4, 4]} wrap>
          {flags.map((f) => (
            <Tag key={f} color="orange">
              {f}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('care.b.lastContact'),
      dataIndex: 'lastContactAt',
      width: 100,
      render: (v: string | null) =>
        v ? <Tooltip title={formatTime(v)}>{daysAgo(v)}</Tooltip> : <Typography.Text type="danger">{t('care.b.never')}</Typography.Text>,
    },
  ];

  return (
    <Card
      title={t('care.b.title')}
      extra={
        <Space>
          {access['care:manage'] && (
            <Button icon={<UploadOutlined />} onClick={() => navigate('/care/import')}>
              {t('care.b.import')}
            </Button>
          )}
          <ExportButton path="/api/care/beneficiaries/export" query={filters} fileName="优抚对象.xlsx" testId="beneficiaries-export" />
          {access['care:manage'] && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('care.b.create')}
            </Button>
          )}
        </Space>
      }
    >
      <Space style={{ marginBottom: 16 }} wrap>
        <Input.Search
          allowClear
          key={filters.q ?? ''}
          defaultValue={filters.q}
          placeholder={t('care.b.search')}
          aria-label={t('care.b.search')}
          onSearch={(v) => set({ q: v.trim() })}
          style={{ width: 320 }}
          data-testid="beneficiaries-search"
        />
        <Select
          allowClear
          placeholder={t('care.b.neighborhood')}
          aria-label={t('care.b.neighborhood')}
          style={{ width: 140 }}
          value={filters.neighborhoodId}
          options={neighborhoods.options}
          onChange={(v) => set({ neighborhoodId: v })}
          data-testid="filter-neighborhood"
        />
        <Select
          allowClear
          placeholder={t('care.b.category')}
          aria-label={t('care.b.category')}
          style={{ width: 180 }}
          value={filters.categoryId}
          options={(categories.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          onChange={(v) => set({ categoryId: v })}
          data-testid="filter-category"
        />
        <Select
          allowClear
          placeholder={t('care.b.flag')}
          aria-label={t('care.b.flag')}
          style={{ width: 140 }}
          value={filters.flag}
          options={FLAG_OPTIONS.map((f) => ({ value: f, label: f }))}
          onChange={(v) => set({ flag: v })}
          data-testid="filter-flag"
        />
        <InputNumber
          min={0}
          max={3650}
          precision={0}
          style={{ width: 220 }}
          prefix={t('care.b.notContactedPrefix')}
          suffix={t('care.b.notContactedSuffix')}
          aria-label={t('care.b.notContacted')}
          value={filters.notContactedDays ? Number(filters.notContactedDays) : null}
          onChange={(v) => set({ notContactedDays: v ?? undefined })}
          data-testid="filter-days"
        />
        {filtered && <Button onClick={reset}>{t('common.reset')}</Button>}
      </Space>
      <Table<BeneficiaryItem>
        rowKey="id"
        size="middle"
        data-testid="beneficiaries-table"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        scroll={{ x: 1100 }}
        pagination={listPagination({ page, pageSize }, set, list.data?.total)}
      />
      {creating && <BeneficiaryDrawer onClose={() => setCreating(false)} onSaved={(b) => navigate(`/care/beneficiaries/${b.id}`)} />}
    </Card>
  );
}
