import type { Granularity, UsageBucket } from '../api/types';

export type UsagePeriod = '24h' | '7d' | '30d';

export const USAGE_PERIODS: ReadonlyArray<{ value: UsagePeriod; label: string; hours: number }> = [
  { value: '24h', label: 'Last 24 hours', hours: 24 },
  { value: '7d', label: 'Last 7 days', hours: 7 * 24 },
  { value: '30d', label: 'Last 30 days', hours: 30 * 24 },
];

const STEP_MS: Record<Granularity, number> = { hour: 3600_000, day: 86_400_000 };

const floorTo = (ms: number, granularity: Granularity) => Math.floor(ms / STEP_MS[granularity]) * STEP_MS[granularity];

export interface UsageWindow {
  from: string;
  to: string;
  granularity: Granularity;
}

/** The query for a period: `from` starts on a whole bucket (UTC) so the first bar is not a partial one. */
export function usageWindow(period: UsagePeriod, granularity: Granularity, now: Date): UsageWindow {
  const hours = USAGE_PERIODS.find((p) => p.value === period)!.hours;
  const from = floorTo(now.getTime() - hours * 3600_000, granularity) + STEP_MS[granularity];
  return { from: new Date(from).toISOString(), to: now.toISOString(), granularity };
}

/** What a usage series counts per bucket; credits are shown only where a key has them. */
export type UsageMetric = 'requests' | 'denied' | 'rateLimited' | 'creditsUsed';

export const USAGE_METRIC_LABELS: Record<UsageMetric, string> = { requests: 'Requests', denied: 'Denied', rateLimited: 'Rate-limited', creditsUsed: 'Credits used' };

const COUNTS: UsageMetric[] = ['requests', 'denied', 'rateLimited'];

/** Requests, denied and rate-limited, and credits used when `credits`. */
export const usageMetrics = (credits: boolean): UsageMetric[] => (credits ? [...COUNTS, 'creditsUsed'] : COUNTS);

/** The chart's accessible name: "Usage chart: requests, denied and rate-limited over time". */
export function usageChartLabel(metrics: readonly UsageMetric[]): string {
  const named = metrics.map((metric) => USAGE_METRIC_LABELS[metric].toLowerCase());
  return `Usage chart: ${named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named.at(-1)}` : named.join('')} over time`;
}

/** uPlot's columns: x in Unix seconds, then one column per metric (requests, denied, rate-limited unless told). */
export type UsageColumns = [number[], ...number[][]];

/**
 * One point per bucket of the window, zero where the server sent nothing, so quiet hours read
 * as zero instead of a line drawn across them.
 */
export function toUsageColumns(series: UsageBucket[], window: UsageWindow, metrics: readonly UsageMetric[] = COUNTS): UsageColumns {
  const step = STEP_MS[window.granularity];
  const start = floorTo(new Date(window.from).getTime(), window.granularity);
  const end = floorTo(new Date(window.to).getTime(), window.granularity);
  const xs: number[] = [];
  for (let t = start; t <= end; t += step) xs.push(t / 1000);
  const values = metrics.map(() => xs.map(() => 0));
  for (const bucket of series) {
    const index = (floorTo(new Date(bucket.bucket).getTime(), window.granularity) - start) / step;
    if (!(index >= 0 && index < xs.length)) continue;
    metrics.forEach((metric, i) => (values[i][index] += bucket[metric]));
  }
  return [xs, ...values];
}
