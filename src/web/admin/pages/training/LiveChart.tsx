import { BarChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, GridComponent, CanvasRenderer]);

/** The lecturer's live bar chart: one bar per option, the right one(s) green once shown; large for a projector. */
export default function LiveChart({
  labels,
  values,
  right,
  label,
}: {
  labels: string[];
  values: number[];
  right: string[] | null;
  label: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!ref.current) return;
    chart.current = echarts.init(ref.current, undefined, { renderer: 'canvas' });
    const resize = () => chart.current?.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption({
      animation: false,
      grid: { left: 60, right: 30, top: 30, bottom: 60 },
      xAxis: { type: 'category', data: labels, axisLabel: { fontSize: 28, fontWeight: 'bold' } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 18 } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 120,
          label: { show: true, position: 'top', fontSize: 28 },
          data: values.map((v, i) => ({ value: v, itemStyle: { color: right?.includes(labels[i] as string) ? '#389e0d' : '#1677ff' } })),
        },
      ],
    });
  }, [labels, values, right]);
  return (
    <div
      ref={ref}
      role="img"
      aria-label={`${label}：${labels.map((l, i) => `${l} ${values[i]}`).join('，')}`}
      data-testid="live-chart"
      style={{ height: 380, width: '100%' }}
    />
  );
}
