import { useMemo, useState } from 'react';
import type { AuditEvent } from '../api/types';
import { navigate, useLocation } from '../app/router';
import { ErrorMessage } from '../components/ErrorMessage';
import { LoadMore } from '../components/LoadMore';
import { EmptyState, Loading } from '../components/States';
import { usePagedList } from '../lib/use-paged-list';
import { workspaceInWords } from '../workspaces/current-workspace';
import { useWorkspaceCan, useWorkspaceScope } from '../workspaces/workspace-scope';
import { listAuditEvents } from './audit-api';
import { queryFromSearch, searchFromQuery } from './audit-query';
import { AuditEventDrawer } from './AuditEventDrawer';
import { AuditFilters } from './AuditFilters';
import { AuditTable } from './AuditTable';
import { AuditTools } from './AuditTools';

/** The current workspace's audit log. */
export function AuditPage() {
  const { api, workspace } = useWorkspaceScope();
  const readsWorkspace = useWorkspaceCan('audit:read');
  const { pathname, search } = useLocation();
  // The URL holds the applied filters, so "back" and shared links restore a view.
  const query = useMemo(() => queryFromSearch(search), [search]);
  const filterKey = searchFromQuery(query);
  const events = usePagedList((cursor, signal) => listAuditEvents(api, query, cursor, signal), [api, filterKey]);
  const [openEvent, setOpenEvent] = useState<AuditEvent | null>(null);
  const where = workspaceInWords(workspace);

  return (
    <section className="page">
      <header className="page__header">
        <div>
          <h1 tabIndex={-1}>Audit log</h1>
          <p className="muted">{readsWorkspace ? `Every event in ${where}, newest first.` : `Events about you and your keys in ${where}, newest first.`}</p>
        </div>
        {readsWorkspace && <AuditTools query={query} />}
      </header>

      <AuditFilters key={filterKey} applied={query} onApply={(next) => navigate(`${pathname}${searchFromQuery(next)}`)} />

      {events.loading ? (
        <Loading label="Loading events…" />
      ) : events.error && events.items.length === 0 ? (
        <ErrorMessage error={events.error} onRetry={events.reload} />
      ) : events.items.length === 0 ? (
        <EmptyState title={filterKey ? 'No events match these filters.' : 'No events yet.'} />
      ) : (
        <>
          <AuditTable events={events.items} onOpen={setOpenEvent} />
          <LoadMore list={events} />
        </>
      )}

      {openEvent && <AuditEventDrawer event={openEvent} onClose={() => setOpenEvent(null)} />}
    </section>
  );
}
