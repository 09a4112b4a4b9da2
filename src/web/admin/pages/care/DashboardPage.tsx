import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { Dashboard } from '../../../../contracts/care-visits';
import { api, errorText } from '../../../api';
import { useI18n } from '../../../i18n';
import { downloadFile } from '../../download';
import DashChart, { type ChartPoint } from './DashChart';
import { CARE_KEY, urlWith, useNeighborhoods } from './data';

type Figure = 'neighborhoods' | 'category' | 'flag' | 'contacted' | 'needs' | 'visits';
type NbRow = Dashboard['neighborhoods'][number];

/** 关爱看板: the care office's figures, for the subdistrict or one neighborhood; each chart opens its list, each figure exports. */
export default function DashboardPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const neighborhoodId = params.get('neighborhoodId') ?? undefined;
  const neighborhoods = useNeighborhoods();
  const dash = useQuery({
    queryKey: [...CARE_KEY, 'dashboard', neighborhoodId],
    queryFn: () => api.get<Dashboard>('/api/care/dashboard', { neighborhoodId }),
  });
  const d = dash.data;
  const nb = neighborhoodId ? { neighborhoodId } : {};
  const go = useCallback((path: string, query: Record<string, string | undefined>) => navigate(urlWith(path, query)), [navigate]);
  const exportFigure = async (figure: Figure) => {
    try {
      await downloadFile('/api/care/dashboard/export', { figure, neighborhoodId }, `关爱看板_${figure}.xlsx`);
    } catch (err) {
      message.error(errorText(err));
    }
  };
  const exportButton = (figure: Figure) => (
    <Button size="small" icon={<DownloadOutlined />} onClick={() => exportFigure(figure)} data-testid={`dash-export-${figure}`}>
      {t('care.d.export')}
    </Button>
  );

  const charts = useMemo(() => {
    if (!d) return null;
    const points = (xs: { key: string; label: string; count: number }[]): ChartPoint[] =>
      xs.map((x) => ({ key: x.key, label: x.label, value: x.count }));
    return {
      category: points(d.byCategory),
      flag: points(d.byFlag),
      contacted: [
        { key: '7', label: t('care.d.contacted7'), value: d.contacted.d7 },
        { key: '30', label: t('care.d.contacted30'), value: d.contacted.d30 },
        { key: 'never', label: t('care.d.neverContacted'), value: d.contacted.never },
      ],
      needsItem: points(d.needsOpen.byItem),
      needsAge: points(d.needsOpen.byAge),
      visits: [
        { key: 'overdue', label: t('care.d.visitsOverdue'), value: d.visits.overdue, color: '#cf1322' },
        { key: 'due', label: t('care.d.visitsDue'), value: d.visits.due, color: '#d46b08' },
        { key: 'all', label: t('care.d.visitsOk'), value: d.visits.ok, color: '#389e0d' },
      ],
    };
  }, [d, t]);

  const nbColumns: ColumnsType<NbRow> = [
    {
      title: t('care.v.neighborhood'),
      dataIndex: 'name',
      render: (n: string, r) => <Link to={urlWith('/care/dashboard', { neighborhoodId: r.neighborhoodId })}>{n}</Link>,
    },
    {
      title: t('care.d.beneficiaries'),
      dataIndex: 'beneficiaries',
      render: (v: number, r) => <Link to={urlWith('/care/beneficiaries', { neighborhoodId: r.neighborhoodId })}>{v}</Link>,
    },
    { title: t('care.d.contacted7'), dataIndex: 'contacted7' },
    { title: t('care.d.contacted30'), dataIndex: 'contacted30' },
    {
      title: t('care.d.needsOpen'),
      dataIndex: 'needsOpen',
      render: (v: number, r) => <Link to={urlWith('/care/needs', { neighborhoodId: r.neighborhoodId, open: 'true' })}>{v}</Link>,
    },
    {
      title: t('care.d.visitsOverdue'),
      dataIndex: 'visitsOverdue',
      render: (v: number, r) => (
        <Link
          to={urlWith('/care/visits', { neighborhoodId: r.neighborhoodId })}
          style={v > 0 ? { color: '#cf1322', fontWeight: 600 } : undefined}
        >
          {v}
        </Link>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={t('care.d.title')}
        extra={
          <Space>
            {d && <Typography.Text type="secondary">{t('care.d.today', { day: d.today })}</Typography.Text>}
            <Select
              allowClear
              style={{ width: 180 }}
              placeholder={t('care.v.allNeighborhoods')}
              aria-label={t('care.d.scope')}
              value={neighborhoodId}
              onChange={(v) => setParams(v ? new URLSearchParams({ neighborhoodId: v }) : new URLSearchParams())}
              options={neighborhoods.options}
              data-testid="dash-neighborhood"
            />
          </Space>
        }
        loading={dash.isPending}
      >
        {d && (
          <Row gutter={[16, 16]}>
            <Col xs={12} md={4}>
              <Link to={urlWith('/care/beneficiaries', nb)}>
                <Statistic title={t('care.d.beneficiaries')} value={d.beneficiaries} />
              </Link>
            </Col>
            <Col xs={12} md={4}>
              <Statistic title={t('care.d.contacted7')} value={d.contacted.d7} suffix={`/ ${d.beneficiaries}`} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title={t('care.d.contacted30')} value={d.contacted.d30} suffix={`/ ${d.beneficiaries}`} />
            </Col>
            <Col xs={12} md={4}>
              <Link to={urlWith('/care/needs', { ...nb, open: 'true' })}>
                <Statistic title={t('care.d.needsOpen')} value={d.needsOpen.total} />
              </Link>
            </Col>
            <Col xs={12} md={4}>
              <Statistic
                title={`${t('care.d.deliveriesDone')} / ${t('care.d.deliveriesPending')}`}
                value={`${d.deliveries.done} / ${d.deliveries.pending}`}
              />
              {!d.deliveries.wired && <Typography.Text type="secondary">{t('care.d.deliveriesNotWired')}</Typography.Text>}
            </Col>
            <Col xs={12} md={4}>
              <Link to={urlWith('/care/visits', nb)} data-testid="dash-visits-overdue">
                <Statistic
                  title={t('care.d.visitsOverdue')}
                  value={d.visits.overdue}
                  styles={{ content: { color: d.visits.overdue > 0 ? '#cf1322' : undefined } }}
                />
              </Link>
            </Col>
          </Row>
        )}
      </Card>
      {dash.isError && <Alert type="error" title={errorText(dash.error)} />}
      {d && charts && (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={8}>
              <Card title={t('care.d.visits')} extra={exportButton('visits')} size="small">
                <DashChart
                  kind="pie"
                  points={charts.visits}
                  label={t('care.d.visits')}
                  testId="dash-chart-visits"
                  onPick={(k) => go('/care/visits', { ...nb, state: k === 'overdue' ? undefined : k })}
                />
              </Card>
            </Col>
            <Col xs={24} lg={8}>
              <Card title={t('care.d.contacted')} extra={exportButton('contacted')} size="small">
                <DashChart
                  kind="bar"
                  points={charts.contacted}
                  label={t('care.d.contacted')}
                  onPick={(k) => (k === 'never' ? go('/care/beneficiaries', { ...nb, notContactedDays: '3650' }) : undefined)}
                />
              </Card>
            </Col>
            <Col xs={24} lg={8}>
              <Card title={t('care.d.byCategory')} extra={exportButton('category')} size="small">
                <DashChart
                  kind="bar"
                  points={charts.category}
                  label={t('care.d.byCategory')}
                  onPick={(k) => go('/care/beneficiaries', { ...nb, categoryId: k })}
                />
              </Card>
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={8}>
              <Card title={t('care.d.byFlag')} extra={exportButton('flag')} size="small">
                <DashChart
                  kind="bar"
                  points={charts.flag}
                  label={t('care.d.byFlag')}
                  onPick={(k) => go('/care/beneficiaries', { ...nb, flag: k })}
                />
              </Card>
            </Col>
            <Col xs={24} lg={8}>
              <Card title={t('care.d.needsByItem')} extra={exportButton('needs')} size="small">
                <DashChart
                  kind="bar"
                  points={charts.needsItem}
                  label={t('care.d.needsByItem')}
                  onPick={(k) => go('/care/needs', { ...nb, item: k, open: 'true' })}
                />
              </Card>
            </Col>
            <Col xs={24} lg={8}>
              <Card title={t('care.d.needsByAge')} size="small">
                <DashChart
                  kind="bar"
                  points={charts.needsAge}
                  label={t('care.d.needsByAge')}
                  onPick={() => go('/care/needs', { ...nb, open: 'true' })}
                />
              </Card>
            </Col>
          </Row>
          <Card title={t('care.dash.neighborhoods')} extra={exportButton('neighborhoods')} size="small">
            <Table
              rowKey="neighborhoodId"
              size="small"
              columns={nbColumns}
              dataSource={d.neighborhoods}
              pagination={false}
              data-testid="dash-neighborhoods"
            />
          </Card>
          <Typography.Text type="secondary">{t('care.d.drillHint')}</Typography.Text>
        </>
      )}
    </Space>
  );
}
