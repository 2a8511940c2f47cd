import type { CallOptions } from '../options.js';
import { Paginated } from '../pagination.js';
import type { Transport } from '../transport.js';
import type { Content, ContentListQuery, CreateContentDto, Page, UpdateContentDto } from '../types.js';
import { segment } from '../url.js';

/** Contents (API.md §6): the demo resource keys guard, under contents:read|write|delete. */
export class ContentsResource {
  constructor(
    private readonly transport: Transport,
    private readonly scope: string,
  ) {}

  private path(rest = ''): string {
    return `${this.scope}/contents${rest}`;
  }

  list(query: ContentListQuery = {}, options?: CallOptions): Paginated<Content> {
    const { cursor, ...rest } = query;
    return new Paginated((at) => this.transport.json<Page<Content>>({ method: 'GET', path: this.path(), query: { ...rest, cursor: at }, options }), cursor);
  }

  create(body: CreateContentDto, options?: CallOptions): Promise<Content> {
    return this.transport.json({ method: 'POST', path: this.path(), body, options });
  }

  get(id: string, options?: CallOptions): Promise<Content> {
    return this.transport.json({ method: 'GET', path: this.path(`/${segment(id)}`), options });
  }

  update(id: string, body: UpdateContentDto, options?: CallOptions): Promise<Content> {
    return this.transport.json({ method: 'PATCH', path: this.path(`/${segment(id)}`), body, options });
  }

  delete(id: string, options?: CallOptions): Promise<void> {
    return this.transport.json({ method: 'DELETE', path: this.path(`/${segment(id)}`), options });
  }
}
