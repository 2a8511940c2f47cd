import { ERROR_CATALOGUE, type ErrorCode } from './error-codes.js';

export type ErrorDetail = object;

/** A failure the client is meant to see: a catalogued code, its status and message. */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message ?? ERROR_CATALOGUE[code].message);
    this.status = ERROR_CATALOGUE[code].status;
  }
}
