import { HttpException } from '@nestjs/common';
import { AppError } from './app-error.js';
import { ERROR_CATALOGUE, type ErrorCode } from './error-codes.js';

export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  path: string;
  timestamp: string;
  details?: unknown[];
}

/** Fastify's own errors (body parsing, size limit) carry a FST_* code and a status. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'request.too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'request.unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation.failed',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'validation.failed',
  FST_ERR_CTP_INVALID_JSON_BODY: 'validation.failed',
  FST_ERR_VALIDATION: 'validation.failed',
};

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'validation.failed',
  401: 'auth.required',
  403: 'permission.denied',
  404: 'not_found',
  413: 'request.too_large',
  415: 'request.unsupported_media_type',
  429: 'rate_limit.exceeded',
  503: 'service.unavailable',
};

/** Connection-level failures of PostgreSQL: the request needed the database and it is not there. */
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P03', '53300']);

function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const candidate = current as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && UNAVAILABLE_ERRNOS.has(candidate.code)) return true;
    if (typeof candidate.message === 'string' && /Connection terminated|timeout exceeded when trying to connect|canceling statement due to statement timeout/i.test(candidate.message)) {
      return true;
    }
    current = candidate.driverError ?? candidate.cause;
  }
  return false;
}

function classify(error: unknown): { code: ErrorCode; message?: string; details?: unknown[] } {
  if (error instanceof AppError) return { code: error.code, message: error.message, details: error.details };
  // Nest wraps Fastify's own errors (body parsing, size limit, media type) with the original as cause.
  const fastifyError = error instanceof HttpException ? error.cause : error;
  const fastifyCode = (fastifyError as { code?: unknown } | undefined)?.code;
  if (typeof fastifyCode === 'string' && FASTIFY_CODES[fastifyCode]) {
    const code = FASTIFY_CODES[fastifyCode];
    return { code, message: code === 'validation.failed' ? 'Request body is not valid JSON' : undefined };
  }
  if (error instanceof HttpException) return { code: STATUS_CODES[error.getStatus()] ?? 'internal.error' };
  if (isDatabaseUnavailable(error)) return { code: 'service.unavailable' };
  return { code: 'internal.error' };
}

/** Renders any thrown value as API.md §1's error body. Never includes a stack, SQL or an internal message. */
export function toErrorResponse(error: unknown, path: string, now = new Date()): ErrorBody {
  const { code, message, details } = classify(error);
  const body: ErrorBody = {
    statusCode: ERROR_CATALOGUE[code].status,
    code,
    message: message ?? ERROR_CATALOGUE[code].message,
    path,
    timestamp: now.toISOString(),
  };
  if (details?.length) body.details = details;
  return body;
}
