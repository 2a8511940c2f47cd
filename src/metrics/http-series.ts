import type { Registry } from 'prom-client';

export interface SeriesLabels {
  method: string;
  route: string;
  status: string;
}

/**
 * One (method, route, status) series of the HTTP request counter and latency histogram, counted
 * in plain numbers. prom-client's labelled children hash their labels on every inc() and
 * observe(); this is the same data, prepared once per series, read only when Prometheus scrapes.
 */
export class RequestSeries {
  count = 0;
  sum = 0;
  /** Observations per bucket, not cumulative (the exposition adds them up). */
  readonly perBucket: Float64Array;

  constructor(
    readonly labels: SeriesLabels,
    private readonly bounds: readonly number[],
  ) {
    this.perBucket = new Float64Array(bounds.length);
  }

  observe(seconds: number): void {
    this.count++;
    this.sum += seconds;
    let i = 0;
    while (i < this.bounds.length && seconds > this.bounds[i]) i++;
    if (i < this.bounds.length) this.perBucket[i]++;
  }
}

interface MetricValue {
  labels: Record<string, string | number>;
  value: number;
  metricName?: string;
}

/**
 * The HTTP request counter and latency histogram, exposed in prom-client's registry as prom-client
 * would expose a Counter and a Histogram of these names (same lines, same labels).
 */
export class HttpRequestMetrics {
  private readonly series: RequestSeries[] = [];
  private readonly byId = new Map<string, RequestSeries>();

  constructor(
    registry: Registry,
    private readonly names: { requests: string; duration: string },
    help: { requests: string; duration: string },
    private readonly bounds: readonly number[],
  ) {
    registry.registerMetric(this.metric(names.requests, help.requests, 'counter', () => this.series.map((s) => ({ labels: { ...s.labels }, value: s.count }))));
    registry.registerMetric(this.metric(names.duration, help.duration, 'histogram', () => this.series.flatMap((s) => this.histogramLines(s))));
  }

  /** The series of a (method, route, status); callers keep it, so a request adds numbers and nothing else. */
  seriesOf(labels: SeriesLabels): RequestSeries {
    const id = `${labels.method} ${labels.route} ${labels.status}`;
    let series = this.byId.get(id);
    if (!series) {
      series = new RequestSeries({ ...labels }, this.bounds);
      this.byId.set(id, series);
      this.series.push(series);
    }
    return series;
  }

  private histogramLines(series: RequestSeries): MetricValue[] {
    const bucket = `${this.names.duration}_bucket`;
    let cumulative = 0;
    const lines: MetricValue[] = this.bounds.map((le, i) => ({ labels: { le, ...series.labels }, value: (cumulative += series.perBucket[i]), metricName: bucket }));
    lines.push(
      { labels: { le: '+Inf', ...series.labels }, value: series.count, metricName: bucket },
      { labels: { ...series.labels }, value: series.sum, metricName: `${this.names.duration}_sum` },
      { labels: { ...series.labels }, value: series.count, metricName: `${this.names.duration}_count` },
    );
    return lines;
  }

  private metric(name: string, help: string, type: 'counter' | 'histogram', values: () => MetricValue[]) {
    return {
      name,
      help,
      type,
      aggregator: 'sum' as const,
      get: async () => ({ name, help, type, values: values(), aggregator: 'sum' as const }),
      reset: () => undefined,
    } as unknown as Parameters<Registry['registerMetric']>[0];
  }
}
