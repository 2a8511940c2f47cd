import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { LoggerOptions } from 'pino';
import type { Options } from 'pino-http';
import { redactUrl } from '../common/redact-url.js';
import type { AppConfig } from '../config/app-config.js';

/** Set by the authentication guard on the raw request, so the access log can name the principal. */
export interface LogPrincipal {
  userId: string;
  keyPrefix?: string;
  authMethod: string;
}

export const LOG_PRINCIPAL = Symbol('keyward.logPrincipal');

type RawRequest = IncomingMessage & { id?: unknown; [LOG_PRINCIPAL]?: LogPrincipal };

/** Paths that could ever hold a credential, censored wherever they appear in a log object. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passwordHash',
  '*.refreshToken',
  '*.accessToken',
  '*.token',
  '*.key',
  '*.apiKey',
  '*.secret',
];

export function baseLoggerOptions(config: Pick<AppConfig, 'logLevel' | 'nodeEnv'>): LoggerOptions {
  return {
    level: config.logLevel,
    redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
    ...(config.nodeEnv !== 'production' && config.logLevel !== 'silent'
      ? { transport: { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } }
      : {}),
  };
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * One JSON line per request: id, method, redacted path, status, latency and the principal.
 * Headers and bodies are not logged at all; the URL's query keeps no credential.
 */
export function httpLoggerOptions(config: Pick<AppConfig, 'logLevel' | 'nodeEnv'>): Options {
  return {
    ...baseLoggerOptions(config),
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('x-request-id', id);
      return id;
    },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    customSuccessMessage: () => 'request completed',
    customErrorMessage: () => 'request failed',
    customProps: (req: RawRequest) => {
      const principal = req[LOG_PRINCIPAL];
      return principal ? { principal } : {};
    },
    serializers: {
      req: (req: RawRequest & { raw?: RawRequest }) => ({ id: req.id, method: req.method, path: redactUrl(req.url ?? '') }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
      err: (error: Error & { code?: unknown }) => ({ type: error?.constructor?.name, code: typeof error?.code === 'string' ? error.code : undefined }),
    },
  };
}
