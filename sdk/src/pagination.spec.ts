import { Paginated, walkPages } from './pagination.js';
import type { Page } from './types.js';

/** A server of `total` numbered items, `size` a page, that records the cursors it was asked for. */
function pagesOf(total: number, size: number) {
  const asked: Array<string | undefined> = [];
  const fetchPage = async (cursor: string | undefined): Promise<Page<number>> => {
    asked.push(cursor);
    const start = cursor === undefined ? 0 : Number(cursor);
    const items = Array.from({ length: Math.min(size, total - start) }, (_, i) => start + i);
    return { items, nextCursor: start + size < total ? String(start + size) : null };
  };
  return { asked, fetchPage };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('walkPages', () => {
  it('follows nextCursor until it is null', async () => {
    const server = pagesOf(7, 3);
    const pages = await collect(walkPages(server.fetchPage));
    expect(pages.map((page) => page.items)).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
    expect(server.asked).toEqual([undefined, '3', '6']);
  });

  it('starts at the cursor it is given', async () => {
    const server = pagesOf(7, 3);
    expect((await collect(walkPages(server.fetchPage, '3'))).map((page) => page.items)).toEqual([[3, 4, 5], [6]]);
  });

  it('stops with an error when the server hands back a cursor it handed out before', async () => {
    const loop = async (): Promise<Page<number>> => ({ items: [1], nextCursor: 'same' });
    await expect(collect(walkPages(loop))).rejects.toThrow('Keyward returned the cursor same twice');
  });

  it('fetches no further page when the reader stops early', async () => {
    const server = pagesOf(100, 10);
    for await (const page of walkPages(server.fetchPage)) if (page.items.includes(15)) break;
    expect(server.asked).toEqual([undefined, '10']);
  });
});

describe('Paginated', () => {
  it('iterates every item across pages', async () => {
    expect(await collect(new Paginated(pagesOf(25, 10).fetchPage))).toEqual(Array.from({ length: 25 }, (_, i) => i));
  });

  it('fetches nothing until it is read', async () => {
    const server = pagesOf(25, 10);
    const list = new Paginated(server.fetchPage);
    expect(server.asked).toEqual([]);
    expect(await list.page()).toEqual({ items: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], nextCursor: '10' });
    expect(server.asked).toEqual([undefined]);
  });

  it("fetches one page at the list's cursor", async () => {
    expect(await new Paginated(pagesOf(25, 10).fetchPage, '20').page()).toEqual({ items: [20, 21, 22, 23, 24], nextCursor: null });
  });
});
