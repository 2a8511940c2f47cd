import { ERROR_CATALOGUE, type ErrorCode } from './error-codes.js';

export type ErrorDetail = object;

/** A failure the client is meant to see: a catalogued code, its status and message. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: ErrorDetail[];

  constructor(code: ErrorCode, message?: string, details?: ErrorDetail[]) {
    // Expected outcomes (a refused key, a 404) need no stack trace, and capturing one is most of
    // the cost of a refusal.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message ?? ERROR_CATALOGUE[code].message);
    Error.stackTraceLimit = stackTraceLimit;
    this.code = code;
    this.status = ERROR_CATALOGUE[code].status;
    this.details = details;
  }
}
