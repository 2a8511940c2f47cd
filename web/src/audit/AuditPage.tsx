import { useMemo, useState } from 'react';
import type { AuditEvent } from '../api/types';
import { navigate, useLocation } from '../app/router';
import { useApi, useInstanceCan } from '../app/session-context';
import { useWorkspaces } from '../app/workspace-context';
import { ErrorMessage } from '../components/ErrorMessage';
import { LoadMore } from '../components/LoadMore';
import { EmptyState, Loading } from '../components/States';
import { usePagedList } from '../lib/use-paged-list';
import { workspaceInWords } from '../workspaces/current-workspace';
import { useWorkspaceCan, useWorkspaceScope } from '../workspaces/workspace-scope';
import { listAuditEvents, type AuditSource } from './audit-api';
import { allWorkspacesIn, queryFromSearch, searchFromQuery } from './audit-query';
import { AuditEventDrawer } from './AuditEventDrawer';
import { AuditFilters } from './AuditFilters';
import { AuditTable } from './AuditTable';
import { AuditTools } from './AuditTools';
import { eventWorkspaceLabel } from './event-workspace';

/**
 * The current workspace's audit log. An instance auditor (instance audit:read) may switch to every
 * workspace's events, each with its workspace named; the switch lives in the URL like the filters.
 */
export function AuditPage() {
  const instanceApi = useApi();
  const { api: workspaceApi, workspace } = useWorkspaceScope();
  const { workspaces } = useWorkspaces();
  const readsWorkspace = useWorkspaceCan('audit:read');
  const readsInstance = useInstanceCan('audit:read');
  const { pathname, search } = useLocation();
  // The URL holds the applied filters, so "back" and shared links restore a view.
  const query = useMemo(() => queryFromSearch(search), [search]);
  const allWorkspaces = readsInstance && allWorkspacesIn(search);
  const source: AuditSource = useMemo(() => ({ api: allWorkspaces ? instanceApi : workspaceApi, allWorkspaces }), [allWorkspaces, instanceApi, workspaceApi]);
  const filterKey = searchFromQuery(query);
  const events = usePagedList((cursor, signal) => listAuditEvents(source, query, cursor, signal), [source, filterKey]);
  const [openEvent, setOpenEvent] = useState<AuditEvent | null>(null);
  const where = workspaceInWords(workspace);

  return (
    <section className="page">
      <header className="page__header">
        <div>
          <h1 tabIndex={-1}>Audit log</h1>
          <p className="muted">
            {allWorkspaces
              ? 'Every workspace’s events and the instance’s (sign-ins, user changes), newest first.'
              : readsWorkspace
                ? `Every event in ${where}, newest first.`
                : `Events about you and your keys in ${where}, newest first.`}
          </p>
          {readsInstance && (
            <label className="checkbox">
              <input type="checkbox" checked={allWorkspaces} onChange={(e) => navigate(`${pathname}${searchFromQuery(query, e.target.checked)}`)} />
              All workspaces
            </label>
          )}
        </div>
        {(allWorkspaces || readsWorkspace) && <AuditTools key={String(allWorkspaces)} source={source} query={query} />}
      </header>

      <AuditFilters key={filterKey} applied={query} onApply={(next) => navigate(`${pathname}${searchFromQuery(next, allWorkspaces)}`)} />

      {events.loading ? (
        <Loading label="Loading events…" />
      ) : events.error && events.items.length === 0 ? (
        <ErrorMessage error={events.error} onRetry={events.reload} />
      ) : events.items.length === 0 ? (
        <EmptyState title={filterKey ? 'No events match these filters.' : 'No events yet.'} />
      ) : (
        <>
          <AuditTable events={events.items} onOpen={setOpenEvent} workspaceOf={allWorkspaces ? (event) => eventWorkspaceLabel(event.workspaceId, workspaces) : undefined} />
          <LoadMore list={events} />
        </>
      )}

      {openEvent && <AuditEventDrawer event={openEvent} onClose={() => setOpenEvent(null)} />}
    </section>
  );
}
