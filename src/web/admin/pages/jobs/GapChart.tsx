import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Expected vs offered monthly salary per category, side by side (ECharts, only the parts it needs). */
export default function GapChart({
  categories,
  expected,
  offered,
  names,
  label,
}: {
  categories: string[];
  expected: (number | null)[];
  offered: (number | null)[];
  names: { expected: string; offered: string };
  label: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'canvas' });
    chart.setOption({
      // no motion: figures are read, not watched (and screenshots show them)
      animation: false,
      grid: { left: 64, right: 16, top: 36, bottom: 64 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: categories, axisLabel: { interval: 0, rotate: categories.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', name: '元/月' },
      series: [
        { type: 'bar', name: names.expected, data: expected, itemStyle: { color: '#1677ff' }, barMaxWidth: 28 },
        { type: 'bar', name: names.offered, data: offered, itemStyle: { color: '#52c41a' }, barMaxWidth: 28 },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [categories, expected, offered, names]);
  return <div ref={ref} role="img" aria-label={label} style={{ height: 360, width: '100%' }} data-testid="gap-chart" />;
}
