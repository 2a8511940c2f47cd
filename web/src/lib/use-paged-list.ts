import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import type { Page } from '../api/types';

export interface PagedList<T> {
  items: T[];
  loading: boolean;
  loadingMore: boolean;
  error: unknown;
  hasMore: boolean;
  loadMore(): void;
  reload(): void;
  replace(item: T): void;
  remove(item: T): void;
}

type LoadPage<T> = (cursor: string | undefined, signal: AbortSignal) => Promise<Page<T>>;

/** A cursor-paged list with "load more"; the first page reloads whenever `deps` change. */
export function usePagedList<T extends { id: string }>(loadPage: LoadPage<T>, deps: DependencyList): PagedList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const current = useRef<AbortController | null>(null);
  const loadRef = useRef(loadPage);
  loadRef.current = loadPage;

  const fetchPage = useCallback((cursor: string | undefined) => {
    current.current?.abort();
    const controller = new AbortController();
    current.current = controller;
    setError(null);
    if (cursor) setLoadingMore(true);
    else setLoading(true);
    loadRef.current(cursor, controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        setItems((previous) => (cursor ? [...previous, ...page.items.filter((item) => !previous.some((p) => p.id === item.id))] : page.items));
        setNextCursor(page.nextCursor);
        setLoading(false);
        setLoadingMore(false);
      },
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        setError(failure);
        setLoading(false);
        setLoadingMore(false);
      },
    );
  }, []);

  useEffect(() => {
    fetchPage(undefined);
    return () => current.current?.abort();
  }, [...deps, attempt]); // `loadPage` is a fresh closure every render; `deps` say when it changed.

  return {
    items,
    loading,
    loadingMore,
    error,
    hasMore: nextCursor !== null,
    loadMore: () => nextCursor && !loadingMore && fetchPage(nextCursor),
    reload: () => setAttempt((n) => n + 1),
    replace: (item) => setItems((previous) => previous.map((p) => (p.id === item.id ? item : p))),
    remove: (item) => setItems((previous) => previous.filter((p) => p.id !== item.id)),
  };
}
