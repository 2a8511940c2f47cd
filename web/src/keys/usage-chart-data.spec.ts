import { toUsageColumns, usageChartLabel, usageMetrics, usageWindow } from './usage-chart-data';

const now = new Date('2026-11-23T10:25:00.000Z');

describe('usageWindow', () => {
  it('covers the last 24 hours in whole hours', () => {
    expect(usageWindow('24h', 'hour', now)).toEqual({ from: '2026-11-22T11:00:00.000Z', to: '2026-11-23T10:25:00.000Z', granularity: 'hour' });
  });

  it('covers the last 30 days in whole days', () => {
    expect(usageWindow('30d', 'day', now)).toEqual({ from: '2026-10-25T00:00:00.000Z', to: '2026-11-23T10:25:00.000Z', granularity: 'day' });
  });
});

describe('toUsageColumns', () => {
  const window = usageWindow('24h', 'hour', now);

  it('has one zeroed point per hour when nothing was used', () => {
    const [xs, requests] = toUsageColumns([], window);
    expect(xs).toHaveLength(24);
    expect(xs[0]).toBe(Date.parse('2026-11-22T11:00:00.000Z') / 1000);
    expect(xs.at(-1)).toBe(Date.parse('2026-11-23T10:00:00.000Z') / 1000);
    expect(requests.every((n) => n === 0)).toBe(true);
  });

  it('puts each bucket in its hour', () => {
    const columns = toUsageColumns([{ bucket: '2026-11-23T09:00:00.000Z', requests: 7, denied: 2, rateLimited: 1, creditsUsed: 0, rateLimitedBy: {} }], window);
    expect(columns.map((column) => column[22])).toEqual([Date.parse('2026-11-23T09:00:00.000Z') / 1000, 7, 2, 1]);
  });

  it('places a bucket stamped mid-hour in the hour it belongs to', () => {
    const [, requests] = toUsageColumns([{ bucket: '2026-11-23T09:59:59.000Z', requests: 3, denied: 0, rateLimited: 0, creditsUsed: 0, rateLimitedBy: {} }], window);
    expect(requests[22]).toBe(3);
  });

  it('ignores buckets outside the window instead of stretching the chart', () => {
    const [xs, requests] = toUsageColumns([{ bucket: '2026-10-01T00:00:00.000Z', requests: 99, denied: 0, rateLimited: 0, creditsUsed: 0, rateLimitedBy: {} }], window);
    expect(xs).toHaveLength(24);
    expect(requests.includes(99)).toBe(false);
  });

  it('adds a credits-used column after the counts when asked for credits', () => {
    const bucket = { bucket: '2026-11-23T09:00:00.000Z', requests: 7, denied: 2, rateLimited: 1, creditsUsed: 15, rateLimitedBy: { default: 1 } };
    const columns = toUsageColumns([bucket, { ...bucket, bucket: '2026-11-23T09:30:00.000Z', creditsUsed: 5 }], window, usageMetrics(true));
    expect(columns).toHaveLength(5);
    expect(columns.map((column) => column[22])).toEqual([Date.parse('2026-11-23T09:00:00.000Z') / 1000, 14, 4, 2, 20]);
    expect(toUsageColumns([bucket], window, usageMetrics(false))).toHaveLength(4);
  });
});

describe('usageChartLabel', () => {
  it('names the series the chart draws', () => {
    expect(usageChartLabel(usageMetrics(false))).toBe('Usage chart: requests, denied and rate-limited over time');
    expect(usageChartLabel(usageMetrics(true))).toBe('Usage chart: requests, denied, rate-limited and credits used over time');
  });
});
