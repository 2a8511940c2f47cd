import { jest } from '@jest/globals';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { Page } from '../api/types';
import { usePagedList } from './use-paged-list';

type Row = { id: string };
const page = (ids: string[], nextCursor: string | null): Page<Row> => ({ items: ids.map((id) => ({ id })), nextCursor });

describe('usePagedList', () => {
  it('loads the first page, then appends the next one with the cursor', async () => {
    const loadPage = jest.fn(async (cursor: string | undefined, _signal: AbortSignal) => (cursor ? page(['c'], null) : page(['a', 'b'], 'cursor-1')));
    const { result } = renderHook(() => usePagedList(loadPage, []));

    await waitFor(() => expect(result.current.items.map((r) => r.id)).toEqual(['a', 'b']));
    expect(result.current.hasMore).toBe(true);

    act(() => result.current.loadMore());

    await waitFor(() => expect(result.current.items.map((r) => r.id)).toEqual(['a', 'b', 'c']));
    expect(loadPage).toHaveBeenLastCalledWith('cursor-1', expect.any(AbortSignal));
    expect(result.current.hasMore).toBe(false);
  });

  it('starts over from the first page when the filters change', async () => {
    const loadPage = jest.fn(async (_cursor: string | undefined, _signal: AbortSignal, status?: string) => page([status ?? 'all'], null));
    const { result, rerender } = renderHook(({ status }) => usePagedList((cursor, signal) => loadPage(cursor, signal, status), [status]), {
      initialProps: { status: 'active' },
    });
    await waitFor(() => expect(result.current.items).toEqual([{ id: 'active' }]));

    rerender({ status: 'revoked' });

    await waitFor(() => expect(result.current.items).toEqual([{ id: 'revoked' }]));
  });

  it('drops an answer that arrives after the filters changed', async () => {
    let answerSlow: (value: Page<Row>) => void = () => undefined;
    const slow = new Promise<Page<Row>>((resolve) => (answerSlow = resolve));
    const { result, rerender } = renderHook(({ slowFirst }) => usePagedList(() => (slowFirst ? slow : Promise.resolve(page(['fresh'], null))), [slowFirst]), {
      initialProps: { slowFirst: true },
    });

    rerender({ slowFirst: false });
    await waitFor(() => expect(result.current.items).toEqual([{ id: 'fresh' }]));
    await act(async () => answerSlow(page(['stale'], null)));

    expect(result.current.items).toEqual([{ id: 'fresh' }]);
  });

  it('keeps the rows it has and reports the error when a later page fails', async () => {
    const loadPage = jest.fn(async (cursor: string | undefined) => {
      if (cursor) throw new Error('boom');
      return page(['a'], 'next');
    });
    const { result } = renderHook(() => usePagedList(loadPage, []));
    await waitFor(() => expect(result.current.items).toHaveLength(1));

    act(() => result.current.loadMore());

    await waitFor(() => expect(result.current.error).toBeInstanceOf(Error));
    expect(result.current.items).toEqual([{ id: 'a' }]);
    expect(result.current.hasMore).toBe(true);
  });

  it('replaces and removes rows in place after an edit', async () => {
    const { result } = renderHook(() => usePagedList<Row & { name?: string }>(async () => page(['a', 'b'], null), []));
    await waitFor(() => expect(result.current.items).toHaveLength(2));

    act(() => result.current.replace({ id: 'a', name: 'renamed' }));
    act(() => result.current.remove({ id: 'b' }));

    expect(result.current.items).toEqual([{ id: 'a', name: 'renamed' }]);
  });
});
