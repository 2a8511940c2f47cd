import type { PagedList } from '../lib/use-paged-list';
import { ErrorMessage } from './ErrorMessage';

/** The end of a cursor-paged list: a "load more" button, or the error that stopped it. */
export function LoadMore({ list }: { list: PagedList<{ id: string }> }) {
  return (
    <div className="load-more">
      {list.error ? <ErrorMessage error={list.error} onRetry={list.loadMore} /> : null}
      {list.hasMore && (
        <button type="button" className="button button--secondary" onClick={list.loadMore} disabled={list.loadingMore}>
          {list.loadingMore ? 'Loading…' : 'Load more'}
        </button>
      )}
    </div>
  );
}
