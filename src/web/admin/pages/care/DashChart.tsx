import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface ChartPoint {
  key: string;
  label: string;
  value: number;
  color?: string;
}

/**
 * One dashboard chart (bar or pie) from the parts of ECharts it needs; a click on a bar or slice
 * opens the list behind it. The figures are also in the element's label, for screen readers.
 */
export default function DashChart({
  kind,
  points,
  label,
  onPick,
  height = 220,
  testId,
}: {
  kind: 'bar' | 'pie';
  points: ChartPoint[];
  label: string;
  onPick?: (key: string) => void;
  height?: number;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'canvas' });
    const data = points
      .filter((p) => kind === 'bar' || p.value > 0)
      .map((p) => ({ value: p.value, name: p.label, key: p.key, itemStyle: p.color ? { color: p.color } : undefined }));
    chart.setOption(
      kind === 'bar'
        ? {
            grid: { left: 36, right: 12, top: 16, bottom: 48 },
            tooltip: { trigger: 'axis' },
            xAxis: {
              type: 'category',
              data: points.map((p) => p.label),
              axisTick: { show: false },
              axisLabel: { interval: 0, rotate: points.length > 5 ? 30 : 0 },
            },
            yAxis: { type: 'value', minInterval: 1 },
            series: [{ type: 'bar', data, itemStyle: { color: '#1677ff' }, barMaxWidth: 36, label: { show: true, position: 'top' } }],
          }
        : {
            tooltip: { trigger: 'item' },
            legend: { bottom: 0 },
            series: [{ type: 'pie', radius: ['40%', '68%'], center: ['50%', '45%'], data, label: { formatter: '{b}\n{c}' } }],
          },
    );
    chart.on('click', (e) => {
      const key = (e.data as { key?: string } | undefined)?.key;
      if (key && onPick) onPick(key);
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [kind, points, onPick]);
  return (
    <div
      ref={ref}
      role="img"
      aria-label={`${label}：${points.map((p) => `${p.label} ${p.value}`).join('，')}`}
      data-testid={testId}
      style={{ height, width: '100%', cursor: onPick ? 'pointer' : undefined }}
    />
  );
}
