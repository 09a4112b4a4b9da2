import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Input, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { Gender, PersonItem } from '../../../../contracts/people';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { ExportButton } from '../../kit/ExportButton';
import { useListParams } from '../../kit/list-params';
import { listPagination } from '../../kit/pagination';
import { useMe } from '../../session';
import { PersonDrawer } from './PersonDrawer';
import { PEOPLE_KEY, type PeopleFilters, type PersonPageData, useNeighborhoods } from './people';

const FILTERS = ['q', 'neighborhoodId', 'gender'] as const;
const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' };

/** Search the registry with one box (name, pinyin, initials, phone, ID or their tails), filter, page, export. */
export default function PeoplePage() {
  const { t } = useI18n();
  const { access } = useMe();
  const navigate = useNavigate();
  const neighborhoods = useNeighborhoods();
  const [creating, setCreating] = useState(false);
  // the search lives in the address, so coming back from a person finds the same list
  const { filters: raw, page, pageSize, set } = useListParams(FILTERS);
  const filters: PeopleFilters = { ...raw, gender: raw.gender as Gender | undefined };
  const [text, setText] = useState(filters.q ?? '');

  const list = useQuery({
    queryKey: [...PEOPLE_KEY, 'list', filters, page, pageSize],
    queryFn: () => api.get<PersonPageData>('/api/people', { ...filters, page, pageSize }),
    placeholderData: keepPreviousData,
  });

  const columns: ColumnsType<PersonItem> = [
    {
      title: t('people.name'),
      dataIndex: 'name',
      width: 110,
      render: (v: string, p) => <Link to={`/people/${p.id}`}>{v}</Link>,
    },
    {
      title: t('people.gender'),
      dataIndex: 'gender',
      width: 70,
      render: (v: Gender | null) => (v ? t(`people.gender.${v}`) : '—'),
    },
    { title: t('people.birthDate'), dataIndex: 'birthDate', width: 120, render: (v: string | null) => v ?? '—' },
    {
      title: t('people.idNumber'),
      dataIndex: 'idNumberMasked',
      width: 200,
      render: (v: string | null) => <span style={mono}>{v ?? '—'}</span>,
    },
    {
      title: t('people.phone'),
      key: 'phones',
      width: 170,
      render: (_, p) => (
        <Space orientation="vertical" size={0}>
          <span style={mono}>{p.phoneMasked ?? '—'}</span>
          {p.altPhoneMasked && (
            <Typography.Text type="secondary" style={{ ...mono, fontSize: 12 }}>
              {p.altPhoneMasked}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: t('people.neighborhood'), dataIndex: 'neighborhoodName', width: 100, render: (v: string | null) => v ?? '—' },
    { title: t('people.address'), key: 'address', ellipsis: true, render: (_, p) => p.address.text || '—' },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 80,
      render: (_, p) => (
        <Link to={`/people/${p.id}`} aria-label={`${t('common.detail')}：${p.name}`}>
          {t('common.detail')}
        </Link>
      ),
    },
  ];

  return (
    <Card
      title={t('people.title')}
      extra={
        <Space>
          <ExportButton
            path="/api/people/export"
            query={{ ...filters }}
            fileName="居民名单.xlsx"
            label={t('people.export')}
            done={t('people.exported')}
            testId="people-export"
          />
          {access['people:manage'] && <Button onClick={() => navigate('/people/import')}>{t('people.import')}</Button>}
          {access['people:manage'] && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('people.create')}
            </Button>
          )}
        </Space>
      }
    >
      <Space style={{ marginBottom: 16 }} wrap align="start">
        <Space orientation="vertical" size={2}>
          <Input.Search
            allowClear
            enterButton={t('common.search')}
            placeholder={t('people.search')}
            aria-label={t('people.search')}
            data-testid="people-search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => set({ q: v.trim() })}
            style={{ width: 460 }}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('people.searchHint')}
          </Typography.Text>
        </Space>
        <Select
          allowClear
          placeholder={t('people.neighborhood')}
          aria-label={t('people.neighborhood')}
          data-testid="people-neighborhood"
          style={{ width: 150 }}
          value={filters.neighborhoodId}
          options={neighborhoods}
          onChange={(v) => set({ neighborhoodId: v })}
        />
        <Select
          allowClear
          placeholder={t('people.gender')}
          aria-label={t('people.gender')}
          style={{ width: 100 }}
          value={filters.gender}
          options={(['male', 'female'] as const).map((g) => ({ value: g, label: t(`people.gender.${g}`) }))}
          onChange={(v) => set({ gender: v })}
        />
      </Space>
      <Table<PersonItem>
        rowKey="id"
        size="middle"
        data-testid="people-table"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        onRow={(p) => ({ onDoubleClick: () => navigate(`/people/${p.id}`) })}
        pagination={listPagination({ page, pageSize }, set, list.data?.total)}
      />
      {creating && <PersonDrawer onClose={() => setCreating(false)} onSaved={(id) => navigate(`/people/${id}`)} />}
    </Card>
  );
}
