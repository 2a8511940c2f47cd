import { AppError } from './errors/app-error.js';

/** The one refusal of every forged or mangled list cursor. */
export const invalidCursor = () => new AppError('validation.failed', undefined, [{ field: 'cursor', message: 'cursor is not valid' }]);

/** Exactly what toISOString() writes for the times the cursors carry: a four-digit year keeps the value inside PostgreSQL's range. */
const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * A cursor's time exactly as toISOString() wrote it, or undefined: a day that does not exist
 * (2024-02-30 would roll over to March) or a year PostgreSQL cannot hold is no time at all.
 */
export function parseCursorTime(text: unknown): Date | undefined {
  if (typeof text !== 'string' || !CURSOR_TIME.test(text)) return undefined;
  const date = new Date(text);
  return !Number.isNaN(date.getTime()) && date.toISOString() === text ? date : undefined;
}
