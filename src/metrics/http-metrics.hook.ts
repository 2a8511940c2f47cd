import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { Metrics } from './metrics.js';

/** Counts and times every response by route pattern (never the raw URL: bounded label values). */
@Injectable()
export class HttpMetricsHook implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    // One pre-labelled pair per (method, route, status): prom-client hashes the labels on every
    // call otherwise.
    const series = new Map<string, { count: { inc(): void }; time: { observe(seconds: number): void } }>();
    fastify.addHook('onResponse', (request, reply, done) => {
      const route = request.routeOptions.url ?? 'unmatched';
      const id = `${request.method} ${route} ${reply.statusCode}`;
      let pair = series.get(id);
      if (!pair) {
        const labels = { method: request.method, route, status: String(reply.statusCode) };
        pair = { count: this.metrics.httpRequests.labels(labels), time: this.metrics.httpDuration.labels(labels) };
        series.set(id, pair);
      }
      pair.count.inc();
      pair.time.observe(reply.elapsedTime / 1000);
      done();
    });
  }
}
