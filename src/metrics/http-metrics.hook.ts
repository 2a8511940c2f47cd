import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import type { RequestSeries } from './http-series.js';
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
    // One prepared series per (method, route, status), found without building a key: by route
    // pattern, then method, then status.
    const routes = new Map<string, Map<string, Map<number, RequestSeries>>>();
    fastify.addHook('onResponse', (request, reply, done) => {
      const route = request.routeOptions.url ?? 'unmatched';
      let methods = routes.get(route);
      if (!methods) routes.set(route, (methods = new Map()));
      let statuses = methods.get(request.method);
      if (!statuses) methods.set(request.method, (statuses = new Map()));
      let series = statuses.get(reply.statusCode);
      if (!series) statuses.set(reply.statusCode, (series = this.metrics.http.seriesOf({ method: request.method, route, status: String(reply.statusCode) })));
      series.observe(reply.elapsedTime / 1000);
      done();
    });
  }
}
