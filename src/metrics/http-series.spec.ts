import { describe, expect, it } from '@jest/globals';
import { Counter, Histogram, Registry } from 'prom-client';
import { HttpRequestMetrics } from './http-series.js';

const NAMES = { requests: 'test_http_requests_total', duration: 'test_http_request_duration_seconds' };
const HELP = { requests: 'requests', duration: 'latency' };
const BOUNDS = [0.0005, 0.001, 0.0025, 0.01, 1];
const OBSERVED: Array<[string, string, string, number]> = [
  ['GET', '/api/v1/auth/me', '200', 0.0004],
  ['GET', '/api/v1/auth/me', '200', 0.001],
  ['GET', '/api/v1/auth/me', '200', 0.002],
  ['GET', '/api/v1/auth/me', '401', 0.02],
  ['POST', '/api/v1/keys/verify', '200', 3],
];

describe('HttpRequestMetrics', () => {
  it('exposes exactly what a prom-client Counter and Histogram fed the same observations expose', async () => {
    const prepared = new Registry();
    const metrics = new HttpRequestMetrics(prepared, NAMES, HELP, BOUNDS);
    const reference = new Registry();
    const labelNames = ['method', 'route', 'status'] as const;
    const counter = new Counter({ name: NAMES.requests, help: HELP.requests, labelNames, registers: [reference] });
    const histogram = new Histogram({ name: NAMES.duration, help: HELP.duration, labelNames, buckets: BOUNDS, registers: [reference] });
    for (const [method, route, status, seconds] of OBSERVED) {
      metrics.seriesOf({ method, route, status }).observe(seconds);
      counter.inc({ method, route, status });
      histogram.observe({ method, route, status }, seconds);
    }
    expect(await prepared.metrics()).toBe(await reference.metrics());
  });

  it('hands out one series per (method, route, status)', () => {
    const metrics = new HttpRequestMetrics(new Registry(), NAMES, HELP, BOUNDS);
    const labels = { method: 'GET', route: '/api/v1/ping', status: '200' };
    expect(metrics.seriesOf(labels)).toBe(metrics.seriesOf({ ...labels }));
    expect(metrics.seriesOf(labels)).not.toBe(metrics.seriesOf({ ...labels, status: '500' }));
  });
});
