import type { Page } from './types.js';

export type PageFetcher<T> = (cursor: string | undefined) => Promise<Page<T>>;

/**
 * Every page from `start` on, following `nextCursor` until it is null. A cursor the server hands
 * back twice would walk forever, so it stops the walk with an error instead.
 */
export async function* walkPages<T>(fetchPage: PageFetcher<T>, start?: string): AsyncGenerator<Page<T>, void, undefined> {
  const seen = new Set<string>();
  let cursor = start;
  for (;;) {
    const page = await fetchPage(cursor);
    yield page;
    if (page.nextCursor === null || page.nextCursor === undefined) return;
    if (seen.has(page.nextCursor)) throw new Error(`Keyward returned the cursor ${page.nextCursor} twice; stopping the walk`);
    seen.add(page.nextCursor);
    cursor = page.nextCursor;
  }
}

/**
 * A list that is only fetched when read: `for await (const item of list)` walks every page,
 * `.page()` fetches one (pass its `nextCursor` as `cursor` to the next `list()` for the one after),
 * `.pages()` walks page by page.
 */
export class Paginated<T> implements AsyncIterable<T> {
  constructor(
    private readonly fetchPage: PageFetcher<T>,
    private readonly start?: string,
  ) {}

  /** One page: the first, or the one at the `cursor` the list was asked for. */
  page(): Promise<Page<T>> {
    return this.fetchPage(this.start);
  }

  pages(): AsyncGenerator<Page<T>, void, undefined> {
    return walkPages(this.fetchPage, this.start);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.pages()) yield* page.items;
  }
}
