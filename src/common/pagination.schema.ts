import type { Type } from '@nestjs/common';
import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { Page } from './pagination.js';

/** The OpenAPI schema of a `Page<T>` for one item schema: `{items, nextCursor}`, named `<Item>Page`. */
export function PageOf<T>(item: Type<T>, name: string): Type<Page<T>> {
  @ApiSchema({ name })
  class PageResponse implements Page<T> {
    @ApiProperty({ type: [item] })
    items!: T[];

    @ApiProperty({ type: String, nullable: true, description: 'pass as ?cursor= for the next page; null on the last one' })
    nextCursor!: string | null;
  }
  return PageResponse;
}
