import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { USAGE_METRIC_LABELS, usageChartLabel, type UsageColumns, type UsageMetric } from './usage-chart-data';

const CHART_HEIGHT = 240;

// Counts are whole numbers: ticks step by 1, 2, 5, 10, 20, 50, …
const WHOLE_NUMBER_STEPS = Array.from({ length: 24 }, (_, i) => [1, 2, 5][i % 3] * 10 ** Math.floor(i / 3));

// uPlot's legend shows the hovered bucket with these templates.
const X_LEGEND = { hour: '{YYYY}-{MM}-{DD} {HH}:{mm}', day: '{YYYY}-{MM}-{DD}' };

const VALUE_SERIES: Record<UsageMetric, uPlot.Series> = {
  requests: { stroke: '#3b4cca', fill: 'rgba(59, 76, 202, 0.08)', width: 2 },
  denied: { stroke: '#c2410c', width: 2 },
  rateLimited: { stroke: '#7c3aed', width: 2, dash: [6, 4] },
  creditsUsed: { stroke: '#0f766e', width: 2, dash: [2, 3] },
};

/** One series per metric (requests, denied, rate-limited, credits used) per bucket, drawn by uPlot; sized to its container. */
export function UsageChart({ columns, metrics, granularity }: { columns: UsageColumns; metrics: readonly UsageMetric[]; granularity: 'hour' | 'day' }) {
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const options: uPlot.Options = {
      width: Math.max(element.clientWidth, 280),
      height: CHART_HEIGHT,
      series: [{ label: granularity === 'hour' ? 'Hour' : 'Day', value: X_LEGEND[granularity] }, ...metrics.map((metric) => ({ ...VALUE_SERIES[metric], label: USAGE_METRIC_LABELS[metric] }))],
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(max, 4)] } },
      axes: [
        { stroke: '#5b6475', grid: { stroke: '#eef0f4' } },
        { stroke: '#5b6475', grid: { stroke: '#eef0f4' }, size: 52, incrs: WHOLE_NUMBER_STEPS, values: (_u, ticks) => ticks.map((n) => n.toLocaleString('en')) },
      ],
      cursor: { drag: { x: false, y: false } },
      legend: { live: true },
    };
    const chart = new uPlot(options, columns, element);
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(element.clientWidth, 280), height: CHART_HEIGHT }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [columns, metrics, granularity]);

  return <div ref={container} className="usage-chart" role="img" aria-label={usageChartLabel(metrics)} />;
}
