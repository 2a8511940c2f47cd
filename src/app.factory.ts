import fastifyCookie from '@fastify/cookie';
import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type pg from 'pg';
import { AppModule } from './app.module.js';
import { proxyTrust } from './http/client-ip.js';
import { nestingRefusal, refuseUnsafeInput } from './http/input-hygiene.hook.js';
import { onRequestArrival } from './http/request-arrival.js';
import { enforceRequestTimeout } from './http/request-timeout.js';
import { headerWriter, HELMET_OPTIONS, securityHeaders } from './http/security-headers.js';
import { createValidationPipe } from './http/validation.js';
import type { AppConfig } from './config/app-config.js';
import { BATCH_POOL } from './database/batch-pool.js';
import { requestIdOf } from './logging/log-options.js';
import { setupOpenApi } from './http/openapi.js';
import { serveConsole } from './http/console/serve-console.js';
import { mountOAuthServer } from './oauth/server/mount-oauth-server.js';
import { consentPath } from './oauth/server/provider-config.js';
import { OAuthServer } from './oauth/server/oauth-server.js';

export const API_PREFIX = 'api/v1';
const BODY_LIMIT_BYTES = 1024 * 1024;

export interface KeywardApp {
  app: NestFastifyApplication;
  /** Closes the app (flushing its buffers), then the connections the flush needed. */
  close(): Promise<void>;
}

/** Builds the configured service without listening: main.ts and the e2e tests both start here. */
export async function createKeywardApp(config: AppConfig): Promise<KeywardApp> {
  const trust = proxyTrust(config.trustProxy);
  const adapter = new FastifyAdapter({
    genReqId: requestIdOf,
    // X-Forwarded-Host/-Proto follow the same trust; the client IP is worked out by settleClientIp().
    trustProxy: trust ?? false,
    bodyLimit: BODY_LIMIT_BYTES,
    requestTimeout: config.http.requestTimeoutMs,
    return503OnClosing: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: true,
    // Fastify parses JSON itself; Nest's extra parsers would accept form bodies the API does not speak.
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));

  const fastify = app.getHttpAdapter().getInstance();
  const inFlight = enforceRequestTimeout(fastify, config.http.requestTimeoutMs);
  const draining = onRequestArrival(fastify, { trust: proxyTrust(config.trustProxy), inFlight, writeSecurityHeaders: headerWriter(securityHeaders(HELMET_OPTIONS)) });
  acceptJsonOrNothing(app);
  refuseUnsafeInput(fastify);
  if (config.http.corsOrigins.length) {
    app.enableCors({
      origin: config.http.corsOrigins,
      credentials: true,
      exposedHeaders: ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset', 'Retry-After', 'X-Request-Id'],
    });
  }
  await app.register(fastifyCookie as never);

  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
      { path: '.well-known/keyward-audit-key', method: RequestMethod.GET },
    ],
  });
  app.useGlobalPipes(createValidationPipe());
  setupOpenApi(app, config);
  await mountOAuthServer(app.getHttpAdapter().getInstance(), app.get(OAuthServer).provider);
  // The authorization server sends the browser to the console's consent page, under its own /oauth/*.
  await serveConsole(app, { claimedPages: [consentPath(':uid')] });
  await app.init();

  const pool = app.get<pg.Pool>(BATCH_POOL);
  return {
    app,
    close: async () => {
      draining.start();
      await app.close();
      await pool.end();
    },
  };
}

/**
 * Bodies are JSON or nothing: anything else is 415. An empty body sent as application/json (many
 * clients do that on a bodyless POST) counts as no body rather than malformed JSON. Nesting past
 * MAX_JSON_DEPTH is refused before parsing (see jsonNestsDeeperThan).
 */
function acceptJsonOrNothing(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser(['text/plain', 'application/json']);
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString();
    if (text.trim() === '') return done(null, undefined);
    const tooDeep = nestingRefusal(text);
    if (tooDeep) return done(tooDeep, undefined);
    return parseJson(request, text, done);
  });
}
