import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { invalidCursor, parseCursorTime } from './cursor-parts.js';
import { isUuid } from './uuid.js';

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

/**
 * Reads a cursor back, refusing anything encodeCursor could not have written: a forged id or
 * time must be a 400, not a cast error in the query.
 */
export function decodeCursor(raw: string): Cursor {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(decoded) || decoded.length !== 2) throw invalidCursor();
  const [createdAt, id] = decoded as unknown[];
  const date = parseCursorTime(createdAt);
  if (!date || !isUuid(id)) throw invalidCursor();
  return { createdAt: date, id };
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
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
