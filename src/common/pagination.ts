import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { AppError } from './errors/app-error.js';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A position in a list ordered by (createdAt desc, id desc). */
export interface Cursor {
  createdAt: Date;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.id])).toString('base64url');
}

export function decodeCursor(raw: string): Cursor {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    const date = new Date(String(createdAt));
    if (typeof id !== 'string' || Number.isNaN(date.getTime())) throw new Error('bad cursor');
    return { createdAt: date, id };
  } catch {
    throw new AppError('validation.failed', undefined, [{ field: 'cursor', message: 'cursor is not valid' }]);
  }
}

/** Fetch `limit + 1` rows; the extra one only tells whether there is a next page. */
export function toPage<T extends { createdAt: Date; id: string }, R>(rows: T[], limit: number, render: (row: T) => R): Page<R> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(render),
    nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
  };
}

export class PageQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
