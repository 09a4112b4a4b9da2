import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Space, Table } from 'antd';
import dayjs from 'dayjs';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import type { MonthlyReport } from '../../../../contracts/party';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { downloadFile } from '../../download';
import { PARTY_KEY, pct } from './data';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Report = z.infer<typeof MonthlyReport>;

/** 月报: per general branch, the month's activities, attendance, study, reports and donations; chart and Excel. */
export default function MonthlyPage() {
  const { t } = useI18n();
  const [month, setMonth] = useState(dayjs().format('YYYY-MM'));
  const r = useQuery({ queryKey: [...PARTY_KEY, 'monthly', month], queryFn: () => api.get<Report>('/api/party/monthly', { month }) });
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current || !r.data) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'canvas' });
    const rows = r.data.rows;
    const series = (name: string, f: (x: Report['rows'][number]) => number | null) => ({
      name,
      type: 'bar' as const,
      data: rows.map((x) => Math.round((f(x) ?? 0) * 1000) / 10),
    });
    chart.setOption({
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: rows.map((x) => x.generalBranch) },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      color: ['#cf1322', '#d48806', '#1677ff'],
      series: [
        series(t('party.m.attendance'), (x) => x.attendanceRate),
        series(t('party.m.study'), (x) => x.studyActiveRate),
        series(t('party.m.donation'), (x) => x.donationRate),
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [r.data, t]);
  return (
    <Card
      title={t('party.m.title')}
      extra={
        <Space>
          <DatePicker
            picker="month"
            value={dayjs(`${month}-01`)}
            onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
            allowClear={false}
            aria-label={t('party.m.month')}
          />
          <Button
            icon={<DownloadOutlined />}
            onClick={() => downloadFile('/api/party/monthly/export', { month }, `组织生活月报${month}.xlsx`)}
          >
            {t('party.m.export')}
          </Button>
        </Space>
      }
    >
      <div ref={ref} role="img" aria-label={t('party.m.chart')} style={{ height: 280, marginBottom: 16 }} />
      <Table
        rowKey="generalBranch"
        size="small"
        pagination={false}
        dataSource={r.data?.rows}
        loading={r.isFetching}
        columns={[
          { title: t('party.m.generalBranch'), dataIndex: 'generalBranch' },
          { title: t('party.d.members'), dataIndex: 'members', width: 80 },
          { title: t('party.m.activities'), dataIndex: 'activities', width: 90 },
          { title: t('party.m.attendance'), dataIndex: 'attendanceRate', width: 90, render: pct },
          { title: t('party.m.study'), dataIndex: 'studyActiveRate', width: 100, render: pct },
          { title: t('party.m.submitted'), dataIndex: 'reportsSubmitted', width: 90 },
          { title: t('party.m.reviewed'), dataIndex: 'reportsReviewed', width: 80 },
          { title: t('party.m.donation'), dataIndex: 'donationRate', width: 110, render: pct },
        ]}
      />
    </Card>
  );
}
