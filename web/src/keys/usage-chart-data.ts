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

/** uPlot's columns: x in Unix seconds, then requests, denied and rate-limited per bucket. */
export type UsageColumns = [number[], number[], number[], number[]];

/**
 * One point per bucket of the window, zero where the server sent nothing, so quiet hours read
 * as zero instead of a line drawn across them.
 */
export function toUsageColumns(series: UsageBucket[], window: UsageWindow): UsageColumns {
  const step = STEP_MS[window.granularity];
  const start = floorTo(new Date(window.from).getTime(), window.granularity);
  const end = floorTo(new Date(window.to).getTime(), window.granularity);
  const columns: UsageColumns = [[], [], [], []];
  for (let t = start; t <= end; t += step) {
    columns[0].push(t / 1000);
    columns[1].push(0);
    columns[2].push(0);
    columns[3].push(0);
  }
  for (const bucket of series) {
    const index = (floorTo(new Date(bucket.bucket).getTime(), window.granularity) - start) / step;
    if (!(index >= 0 && index < columns[0].length)) continue;
    columns[1][index] += bucket.requests;
    columns[2][index] += bucket.denied;
    columns[3][index] += bucket.rateLimited;
  }
  return columns;
}
