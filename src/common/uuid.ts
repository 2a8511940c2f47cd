import { type PipeTransform } from '@nestjs/common';
import { AppError } from './errors/app-error.js';
import type { ErrorCode } from './errors/error-codes.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** An id that is not a UUID names nothing: answer the resource's own 404, never a 400 or a SQL error. */
export class UuidOr404Pipe implements PipeTransform<string, string> {
  constructor(private readonly notFound: ErrorCode) {}

  transform(value: string): string {
    if (!isUuid(value)) throw new AppError(this.notFound);
    return value.toLowerCase();
  }
}
