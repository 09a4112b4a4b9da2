import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Row, Select, Space, Statistic, Table } from 'antd';
import type { Report } from '../../../../contracts/jobs-interviews';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { downloadFile } from '../../download';
import { useShowError } from '../../feedback';
import { JOBS_KEY } from './data';
import { useFairChoice } from './interviews-data';

type Row_ = Report['rows'][number];
const MEASURES = ['registered', 'scheduled', 'interviewed', 'noShows', 'passed', 'offers'] as const;

/** 招聘会报告: registered, scheduled, interviewed, no-shows, passed, offers — by employer, position and seeker status; Excel. */
export default function ReportPage() {
  const { t } = useI18n();
  const showError = useShowError();
  const { fairs, fairId, setFair } = useFairChoice();
  const report = useQuery({
    queryKey: [...JOBS_KEY, 'report', fairId],
    enabled: !!fairId,
    queryFn: () => api.get<Report>(`/api/jobs/fairs/${fairId}/report`),
  });
  const r = report.data;
  const table = (by: Row_['by'], title: string) => (
    <Card size="small" title={title} key={by}>
      <Table<Row_>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={(r?.rows ?? []).filter((x) => x.by === by)}
        columns={[
          { title: t('jobs.r.name'), dataIndex: 'label' },
          ...MEASURES.map((m) => ({ title: t(`jobs.r.${m}`), dataIndex: m, align: 'right' as const, width: 90 })),
        ]}
      />
    </Card>
  );
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Space wrap>
          <Select
            style={{ minWidth: 280 }}
            placeholder={t('jobs.iv.pickFair')}
            value={fairId ?? undefined}
            loading={fairs.isPending}
            options={(fairs.data ?? []).map((f) => ({ value: f.id, label: f.title }))}
            onChange={setFair}
          />
          <Button
            icon={<DownloadOutlined />}
            disabled={!fairId}
            onClick={() => downloadFile(`/api/jobs/fairs/${fairId}/report.xlsx`, {}, 'report.xlsx').catch(showError)}
          >
            {t('jobs.r.export')}
          </Button>
        </Space>
      </Card>
      <Card loading={report.isPending && !!fairId}>
        <Row gutter={[16, 16]}>
          {MEASURES.map((m) => (
            <Col key={m} xs={12} md={4}>
              <Statistic title={t(`jobs.r.${m}`)} value={r?.totals[m] ?? 0} />
            </Col>
          ))}
        </Row>
      </Card>
      {table('employer', t('jobs.r.byEmployer'))}
      {table('position', t('jobs.r.byPosition'))}
      {table('seekerStatus', t('jobs.r.bySeekerStatus'))}
    </Space>
  );
}
