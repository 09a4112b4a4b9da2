import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** The chosen figures over the last months, one line each (ECharts, only the parts it needs). */
export default function TrendChart({
  months,
  series,
}: {
  months: string[];
  series: { label: string; unit: string; values: (number | null)[] }[];
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      grid: { left: 48, right: 24, top: 40, bottom: 32 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: months },
      yAxis: { type: 'value' },
      series: series.map((s) => ({ type: 'line', name: `${s.label}（${s.unit}）`, data: s.values, connectNulls: false, symbolSize: 6 })),
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [months, series]);
  return <div ref={ref} style={{ width: '100%', height: 320 }} data-testid="trend-chart" />;
}
